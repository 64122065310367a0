// Scores parseApprovalReply on replies written outside the project (docs/understanding-measures.md).
// Usage: node scripts/score-replies.ts [--misses] DIR_OR_MANIFEST...
//   A directory is read through its manifest.json. Two kinds of manifest are understood:
//   - approval replies ({file, app, command, ownText, editedDraft, mustNotAppear}): command, ownText
//     and editedDraft are each compared exactly (ownText also after the normalisation below);
//   - reply-parser suites ({id, source, file, expected, expectedIncludes, expectedExcludes, format}):
//     ownText against `expected`, after trimming and collapsing runs of blank lines, and leaks
//     (an `expectedExcludes` line present in ownText).
// A `.eml` file goes through kotae's own parse path (src/ingest/parse.ts); anything else is plain text.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseMail } from '../src/ingest/parse.ts';
import { parseApprovalReply, type ParsedApprovalReply } from '../src/approval/reply-text.ts';

interface ApprovalCase {
  file: string;
  app: string;
  command: 'approve' | 'reject' | null;
  ownText: string;
  editedDraft: string | null;
  mustNotAppear: string[];
}

interface SuiteCase {
  id: string;
  source: string;
  file: string;
  expected?: string | null;
  expectedIncludes?: string[];
  expectedExcludes?: string[];
  expectedStartsWith?: string | null;
  format?: string;
}

export function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0\u3000]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function parseFile(path: string): Promise<ParsedApprovalReply> {
  const raw = readFileSync(path);
  if (path.endsWith('.eml')) {
    const mail = await parseMail(raw);
    // As the approval handler does (src/approval/handle.ts).
    return parseApprovalReply({ text: mail.text, html: mail.html });
  }
  return parseApprovalReply({ text: raw.toString('utf8'), html: null });
}

/** What the approval handler would take as the edited draft: a block in the approver's own text. */
export function editedDraftOf(reply: ParsedApprovalReply): string | null {
  return reply.draftBlockSource === 'own' ? reply.draftBlock : null;
}

const pct = (n: number, of: number): string => `${n}/${of} (${of === 0 ? '-' : ((100 * n) / of).toFixed(1)}%)`;

async function scoreApproval(dir: string, cases: ApprovalCase[], showMisses: boolean): Promise<void> {
  let command = 0;
  let ownExact = 0;
  let ownNormalised = 0;
  let edited = 0;
  let leaks = 0;
  for (const c of cases) {
    const reply = await parseFile(join(dir, c.file));
    const problems: string[] = [];
    if (reply.command === c.command) command += 1;
    else problems.push(`command ${reply.command} (expected ${c.command})`);
    if (reply.ownText === c.ownText) ownExact += 1;
    if (normalise(reply.ownText) === normalise(c.ownText)) ownNormalised += 1;
    else problems.push('ownText differs');
    if (editedDraftOf(reply) === c.editedDraft) edited += 1;
    else problems.push('editedDraft differs');
    const leaked = c.mustNotAppear.filter((part) => reply.ownText.includes(part));
    if (leaked.length > 0) {
      leaks += 1;
      problems.push(`leaks ${JSON.stringify(leaked)}`);
    }
    if (showMisses && problems.length > 0) {
      console.log(`MISS ${c.file} [${c.app}]: ${problems.join('; ')}\n--- got ownText:\n${reply.ownText}\n--- expected:\n${c.ownText}\n`);
    }
  }
  console.log(`${dir} (approval replies, ${cases.length}):`);
  console.log(`  command correct ${pct(command, cases.length)}`);
  console.log(`  ownText exact ${pct(ownExact, cases.length)}, after normalisation ${pct(ownNormalised, cases.length)}`);
  console.log(`  editedDraft exact ${pct(edited, cases.length)}`);
  console.log(`  replies leaking a mustNotAppear line ${pct(leaks, cases.length)}`);
}

async function scoreSuites(dir: string, cases: SuiteCase[], showMisses: boolean): Promise<void> {
  const bySource = new Map<string, { n: number; exact: number; withExpected: number; leaks: number; includesMissed: number }>();
  const byFormat = new Map<string, { n: number; exact: number; withExpected: number; leaks: number; includesMissed: number }>();
  const total = { n: 0, exact: 0, withExpected: 0, leaks: 0, includesMissed: 0 };
  const only = process.env.SCORE_FORMAT;
  for (const c of cases) {
    if (only !== undefined && c.format !== only) continue;
    const reply = await parseFile(join(dir, c.file));
    const group = `${c.format ?? 'unknown'} ${c.id.split('-')[0]}`;
    const s = bySource.get(group) ?? { n: 0, exact: 0, withExpected: 0, leaks: 0, includesMissed: 0 };
    bySource.set(group, s);
    const f = byFormat.get(c.format ?? 'unknown') ?? { n: 0, exact: 0, withExpected: 0, leaks: 0, includesMissed: 0 };
    byFormat.set(c.format ?? 'unknown', f);
    const problems: string[] = [];
    for (const t of [s, f, total]) t.n += 1;
    if (typeof c.expected === 'string') {
      for (const t of [s, f, total]) t.withExpected += 1;
      if (normalise(reply.ownText) === normalise(c.expected)) for (const t of [s, f, total]) t.exact += 1;
      else problems.push('ownText differs');
    }
    const own = normalise(reply.ownText);
    const leaked = (c.expectedExcludes ?? []).filter((part) => part.trim() !== '' && own.includes(normalise(part)));
    if (leaked.length > 0) {
      for (const t of [s, f, total]) t.leaks += 1;
      problems.push(`leaks ${JSON.stringify(leaked)}`);
    }
    const missing = (c.expectedIncludes ?? []).filter((part) => !own.includes(normalise(part)));
    if (typeof c.expectedStartsWith === 'string' && !own.startsWith(normalise(c.expectedStartsWith))) missing.push(`starts with ${c.expectedStartsWith}`);
    if (missing.length > 0) {
      for (const t of [s, f, total]) t.includesMissed += 1;
      problems.push(`misses ${JSON.stringify(missing)}`);
    }
    if (showMisses && problems.length > 0) {
      console.log(`MISS ${c.id} [${c.format}] (${c.file}): ${problems.join('; ')}\n--- got ownText:\n${reply.ownText}\n--- expected:\n${c.expected ?? '(not given)'}\n`);
    }
  }
  console.log(`${dir} (reply-parser suites, ${cases.length}):`);
  const line = (name: string, t: typeof total) =>
    console.log(`  ${name}: ownText exact ${pct(t.exact, t.withExpected)}, leaking a quoted line ${pct(t.leaks, t.n)}, missing an own line ${pct(t.includesMissed, t.n)}`);
  for (const [source, s] of [...bySource].sort()) line(source, s);
  for (const [format, f] of [...byFormat].sort()) line(`${format} format, all sources`, f);
  line('all', total);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showMisses = args.includes('--misses');
  for (const arg of args.filter((a) => !a.startsWith('--'))) {
    const manifest = statSync(arg).isDirectory() ? join(arg, 'manifest.json') : arg;
    const dir = dirname(manifest);
    const cases = JSON.parse(readFileSync(manifest, 'utf8')) as (ApprovalCase | SuiteCase)[];
    if (cases.length > 0 && 'ownText' in cases[0]!) await scoreApproval(dir, cases as ApprovalCase[], showMisses);
    else await scoreSuites(dir, cases as SuiteCase[], showMisses);
  }
}

await main();
