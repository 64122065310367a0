// Scores classification on the blind corpora (test/fixtures/blind/classify-r1/*, written by people who
// never saw the rules): per corpus, kind accuracy, IDs (orderId and caseId both right), exact intents
// over buyer-facing messages (and, per intent, right / given wrongly / missed), and the buyer's words
// (labelled phrase in, wrapper or quoted history out).
// Usage: node scripts/score-classify.ts [--misses] [CORPUS_DIR...]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadClassifyRules } from '../src/understand/rules.ts';
import { evaluateBlind, ratio, type BlindReport } from '../test/support/accuracy.ts';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const root = join(import.meta.dirname, '../test/fixtures/blind/classify-r1');
const given = args.filter((a) => !a.startsWith('--'));
const dirs = given.length ? given : readdirSync(root).sort().map((d) => join(root, d));
const rules = loadClassifyRules(join(import.meta.dirname, '../rules/classify.yaml'));

const pct = (x: [number, number]) => `${(ratio(x) * 100).toFixed(1)}% (${x[0]}/${x[1]})`;
const line = (name: string, r: Pick<BlindReport, 'kind' | 'ids' | 'intents' | 'intentsBesideReturnRequests' | 'buyerWords'>) =>
  `${name.padEnd(8)} kind ${pct(r.kind)}  IDs ${pct(r.ids)}  intents ${pct(r.intents)} (${pct(r.intentsBesideReturnRequests)} beside return requests' own)  buyer words ${pct(r.buyerWords)}`;
const total = { kind: [0, 0], ids: [0, 0], intents: [0, 0], intentsBesideReturnRequests: [0, 0], buyerWords: [0, 0] } as Record<'kind' | 'ids' | 'intents' | 'intentsBesideReturnRequests' | 'buyerWords', [number, number]>;
const lines: string[] = [];
const perIntent: Record<string, { tp: number; fp: number; fn: number }> = {};
for (const dir of dirs) {
  const name = dir.split('/').filter(Boolean).pop()!;
  const report = await evaluateBlind(dir, rules);
  for (const k of Object.keys(total) as (keyof typeof total)[]) {
    total[k][0] += report[k][0];
    total[k][1] += report[k][1];
  }
  lines.push(line(name, report));
  for (const [intent, c] of Object.entries(report.perIntent)) {
    const t = (perIntent[intent] ??= { tp: 0, fp: 0, fn: 0 });
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
  if (showMisses) for (const m of report.misses) console.log(`MISS ${name}/${m.file} ${m.field}: got ${JSON.stringify(m.got)} want ${JSON.stringify(m.want)}`);
  else if (report.misses.length) console.log(`${name}: ${report.misses.length} misses: ${report.misses.map((m) => `${m.file}:${m.field}`).join(' ')}`);
}
console.log('');
for (const l of lines) console.log(l);
console.log(line('overall', total));
console.log('per intent (right / given wrongly / missed):');
for (const [intent, c] of Object.entries(perIntent).sort()) console.log(`  ${intent.padEnd(17)} ${c.tp} / ${c.fp} / ${c.fn}`);
