// `kotae demo`: the whole flow on a built-in sample mailbox, with no account and no network. Two
// storefronts (Amazon.co.jp and Amazon.com) are read from data/sample-mailbox, understood, threaded
// and drafted; approval mails and replies land as .eml files in a local outbox folder; kotae then
// plays the approver (one "承認", one edit) so the replies go out too. The clock is pinned to the
// evening of the sample day, so every message is still inside Amazon's 24 hours; the demo's
// configuration keeps it there (pinnedClock), so the commands it prints afterwards see the same day.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative as relativePath } from 'node:path';
import { APP_ROOT, parseConfigText, type Config } from '../config/load.ts';
import { runCycle, type MailIo } from '../cycle.ts';
import { firstHeader, splitHeaderBody } from '../ingest/identity.ts';
import { syncSource } from '../ingest/sync.ts';
import { folderTransport } from '../outbox/transport.ts';
import { fixedClock, HOUR } from '../shared/clock.ts';
import { UsageError } from '../shared/errors.ts';
import type { Logger } from '../shared/log.ts';
import { pad } from '../shared/time.ts';
import { LocalSource } from '../sources/local.ts';
import { openStore, type Store } from '../store/index.ts';
import { readStatus } from '../store/status.ts';
import { approverReply, draftIn, readApprovalMail } from './approver.ts';

export const SAMPLE_MAILBOX = join(APP_ROOT, 'data/sample-mailbox');
const MARKER = '.kotae-demo';
/** How long the played approver takes to answer. */
const APPROVER_DELAY = 10 * 60_000;

export interface DemoOptions {
  dir: string;
  out: (line: string) => void;
  log: Logger;
}

/** The store as `kotae status` reports it right after (the same counts), and what the demo did. */
export interface DemoSummary {
  /** Mail received: the sample mailbox and the approvers' answers (kotae's own sent mail is the outbox). */
  messages: number;
  samples: number;
  approverAnswers: number;
  quarantined: number;
  cases: number;
  overdue: number;
  draftsWaiting: number;
  approvalMails: number;
  notices: number;
  replies: number;
  outboxSent: number;
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const { dir, out } = options;
  prepareDir(dir);
  const clock = fixedClock(new Date(newestDate([join(SAMPLE_MAILBOX, 'jp'), join(SAMPLE_MAILBOX, 'us')]).getTime() + HOUR));
  // Where the demo's clock ends (after the approvers' answers): the store stays at that moment.
  writeFileSync(join(dir, 'kotae.config.yaml'), configYaml(new Date(clock.now().getTime() + APPROVER_DELAY)));
  const config = demoConfig(dir);
  const where = (path: string) => relativePath(process.cwd(), path) || path;
  const store = await openStore(config.dataDir);
  const ctx = { config, db: store.db, clock, log: options.log };
  const io: MailIo = { imap: () => null, transport: (a) => folderTransport(a.outboxDir!) };
  try {
    out('kotae demo: the whole flow on a sample mailbox (no account, no network)\n');

    out('1. Reading the sample mailbox');
    let samples = 0;
    for (const account of config.accounts) {
      const folder = join(SAMPLE_MAILBOX, account.id);
      const result = await syncSource(ctx, account.id, new LocalSource([folder], { batchSize: config.sync.batchSize }));
      samples += result.stored;
      out(`   ${account.id} (Amazon.${account.marketplace === 'JP' ? 'co.jp' : 'com'}): ${result.stored} messages from ${relativePath(APP_ROOT, folder)}`);
    }
    const first = await runCycle(ctx, { io });
    out(`   parsed ${first.process.processed}, quarantined ${first.process.quarantined}\n`);

    out('2. What kotae understood, and what it does');
    await printMessages(store, out);

    out(`\n3. Approval mails to owner@example.com: ${first.approvals.approvalMails} (and ${first.approvals.notices} notices for the seller to act on)`);
    out(`   written as .eml files (UTF-8, readable with cat) in ${where(join(dir, 'outbox'))}/\n`);

    out('4. The approver answers by email (played by the demo)');
    const answered = await playApprover(store, dir, clock.now(), out);
    let approverAnswers = 0;
    for (const account of config.accounts) {
      const folder = join(dir, 'approver-replies', account.id);
      if (existsSync(folder)) approverAnswers += (await syncSource(ctx, account.id, new LocalSource([folder], { batchSize: config.sync.batchSize }))).stored;
    }
    clock.advance(APPROVER_DELAY);
    const second = await runCycle(ctx, { io });
    const sent = second.send.reduce((n, s) => n + (s.report?.sent ?? 0), 0);
    out(`   ${answered.length} answers read: ${second.queued} repl${second.queued === 1 ? 'y' : 'ies'} to buyers queued and sent (${sent} mail(s) written)\n`);

    const status = await readStatus(store.db, config.accounts.map((a) => a.id), clock.now());
    const summary: DemoSummary = {
      messages: status.messages,
      samples,
      approverAnswers,
      quarantined: status.quarantined,
      cases: status.cases.open,
      overdue: status.cases.overdue,
      draftsWaiting: status.drafts.waiting,
      approvalMails: first.approvals.approvalMails,
      notices: first.approvals.notices,
      replies: second.queued,
      outboxSent: status.outbox.sent,
    };
    const cfg = where(join(dir, 'kotae.config.yaml'));
    out(`5. Where things stand (what \`npx kotae status --config ${cfg}\` shows)`);
    out(`   ${summary.messages} messages received (${summary.samples} from the sample mailbox, ${summary.approverAnswers} approver answers), ${summary.quarantined} quarantined`);
    out(`   ${summary.cases} open cases (${summary.overdue} overdue), ${summary.draftsWaiting} drafts waiting for approval`);
    out(`   ${summary.outboxSent} mails written to the outbox: ${summary.approvalMails} approval mails, ${summary.notices} notices, ${summary.replies} replies to buyers\n`);
    const waiting = await firstWaitingDraft(store);
    const outbox = where(join(dir, 'outbox'));
    out('Look around (same store, same outbox; the store keeps the demo\'s evening as its clock):');
    out(`  npx kotae cases --all --config ${cfg}`);
    out(`  npx kotae case ${answered[0]?.caseId ?? 1} --config ${cfg}`);
    out(`  npx kotae drafts --config ${cfg}`);
    if (waiting) out(`  npx kotae draft ${waiting.id} --config ${cfg}     (case #${waiting.case_id}: the text as the buyer would get it)`);
    out(`  npx kotae status --config ${cfg}`);
    out(`  ls ${outbox}/jp ${outbox}/us`);
    out(`  cat ${outbox}/jp/${firstFile(join(dir, 'outbox', 'jp'))}\n`);
    out('Connect your own mailbox:');
    out('  1. cp kotae.config.example.yaml kotae.config.yaml, and fill in your address, approvers, IMAP and SMTP');
    out('  2. export KOTAE_JP_IMAP_PASSWORD=… (and the other secrets the file names)');
    out('  3. npx kotae once  (one cycle), then  docker compose up -d  (the daemon); see README.md');
    return summary;
  } finally {
    await store.close();
  }
}

/** The demo folder is kotae's own: recreated on every run, refused if it holds anything else. */
function prepareDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) {
      throw new UsageError(`${dir} exists and was not made by kotae demo; not touching it`, { hint: 'Pass --dir with an empty or new folder.' });
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'made by kotae demo; deleted and recreated on every run\n');
}

/** Relative paths resolve against the config file's folder: the demo folder. */
function configYaml(pinnedClock: Date): string {
  return [
    '# Written by `kotae demo`: two storefronts, local folders instead of IMAP and SMTP.',
    'dataDir: ./data',
    'timezone: Asia/Tokyo',
    '# The sample mail is of 2026-11-20: this store keeps that evening as its clock. Not for a real mailbox.',
    `pinnedClock: ${pinnedClock.toISOString()}`,
    'sync: { historyDays: 3650 }',
    'accounts:',
    '  - id: jp',
    '    marketplace: JP',
    '    address: shop-jp@example.com',
    '    shopName: みなとストア',
    '    approvers: [owner@example.com]',
    '    outboxDir: ./outbox/jp',
    '  - id: us',
    '    marketplace: US',
    '    address: us-shop@example.com',
    '    shopName: Minato Store',
    '    approvers: [owner@example.com]',
    '    outboxDir: ./outbox/us',
    '',
  ].join('\n');
}

function demoConfig(dir: string): Config {
  return parseConfigText(readFileSync(join(dir, 'kotae.config.yaml'), 'utf8'), join(dir, 'kotae.config.yaml'));
}

function newestDate(folders: string[]): Date {
  let newest = 0;
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.eml'))) {
      const date = firstHeader(splitHeaderBody(readFileSync(join(folder, name))).header, 'Date');
      const t = date ? Date.parse(date) : NaN;
      if (!Number.isNaN(t)) newest = Math.max(newest, t);
    }
  }
  if (newest === 0) throw new Error(`no dated mail in ${folders.join(', ')}`);
  return new Date(newest);
}

async function printMessages(store: Store, out: (line: string) => void): Promise<void> {
  const rows = await store.db
    .selectFrom('messages')
    .leftJoin('drafts', 'drafts.message_id', 'messages.id')
    .select(['messages.id', 'messages.account_id', 'messages.kind', 'messages.case_id', 'messages.classification_json', 'messages.subject', 'drafts.id as draft_id', 'drafts.template', 'drafts.mode', 'drafts.play', 'drafts.guard_ok'])
    .where('messages.direction', '=', 'in')
    .orderBy('messages.id')
    .execute();
  out(`   ${pad('mail', 4)} ${pad('acct', 5)} ${pad('kind', 17)} ${pad('lang', 5)} ${pad('order / case ID', 21)} ${pad('case', 5)} what kotae does`);
  for (const r of rows) {
    const c = JSON.parse(r.classification_json ?? '{}') as { language?: string; orderId?: string; caseId?: string; intents?: string[] };
    const doing =
      r.kind === 'auto_reply' ? 'never answered (auto-reply)'
      : r.kind === 'other' ? 'kept on record, not answered'
      : !r.mode ? 'kept on the case timeline'
      : r.mode === 'notify' ? `tells the seller (${r.play})`
      : `${r.mode === 'auto' ? `sends draft #${r.draft_id} automatically` : `draft #${r.draft_id} for approval`}: ${r.template}${r.guard_ok === 0 ? ' (policy check: blocked)' : ''}`;
    const intents = c.intents?.length ? ` [${c.intents.join(', ')}]` : '';
    out(`   ${pad(String(r.id), 4)} ${pad(r.account_id, 5)} ${pad(r.kind ?? '?', 17)} ${pad(c.language ?? '-', 5)} ${pad(c.orderId ?? c.caseId ?? '', 21)} ${pad(r.case_id ? `#${r.case_id}` : '-', 5)} ${doing}${intents}`);
  }
}

/**
 * Answer the approval mails: "承認" to the first Japanese one, an edited text to the first English
 * one, the rest left waiting (as a busy seller would). The replies go into a local folder that is
 * imported as the account's inbox.
 */
async function playApprover(store: Store, dir: string, now: Date, out: (line: string) => void): Promise<{ draftId: number; caseId: number }[]> {
  const approvals = await store.db.selectFrom('outbox').select(['account_id', 'raw', 'draft_id', 'case_id']).where('purpose', '=', 'approval').orderBy('id').execute();
  const answered: { draftId: number; caseId: number }[] = [];
  for (const accountId of ['jp', 'us']) {
    const mine = approvals.find((a) => a.account_id === accountId);
    if (!mine) continue;
    const approval = await readApprovalMail(mine.raw);
    const folder = join(dir, 'approver-replies', accountId);
    mkdirSync(folder, { recursive: true });
    const raw =
      accountId === 'jp'
        ? await approverReply(approval, { firstLine: '承認', date: now })
        : await approverReply(approval, { editedDraft: draftIn(approval).replace(/\n(Best regards|Thank you)/, '\nWe are sorry for the wait and will keep an eye on it with you.\n\n$1'), date: now });
    writeFileSync(join(folder, `reply-${mine.draft_id}.eml`), raw);
    out(`   ${accountId}: draft #${mine.draft_id} (case #${mine.case_id}) ${accountId === 'jp' ? 'approved with "承認"' : 'edited between the markers and sent back'}`);
    answered.push({ draftId: mine.draft_id!, caseId: mine.case_id! });
  }
  return answered;
}

/** A draft still waiting for the approvers, to show with `kotae draft`. */
async function firstWaitingDraft(store: Store): Promise<{ id: number; case_id: number } | undefined> {
  return store.db.selectFrom('drafts').select(['id', 'case_id']).where('state', '=', 'awaiting_approval').orderBy('id').executeTakeFirst();
}

function firstFile(folder: string): string {
  return readdirSync(folder).filter((n) => n.endsWith('.eml')).sort()[0] ?? '';
}
