import { readFileSync } from 'node:fs';
import { parseMail } from '../src/ingest/parse.ts';
import { classify } from '../src/understand/classify.ts';
import { loadClassifyRules } from '../src/understand/rules.ts';
const rules = loadClassifyRules('rules/classify.yaml');
for (const f of process.argv.slice(2)) {
  const m = await parseMail(readFileSync(f));
  const c = classify(m, rules, { explain: true });
  const p = classify(m, { ...rules, intentModel: null });
  console.log('=====', f, c.kind, JSON.stringify(c.intents), 'patterns:', JSON.stringify(p.intents));
  console.log(JSON.stringify(c.why?.intents));
  console.log(c.text.slice(0, 1500));
}
