// Scores the policy guard on blind corpora of seller-written replies (test/fixtures/blind/guard-*):
// violations blocked and clean replies blocked, per language and per category.
// Usage: node scripts/score-guard.ts [--misses] FILE.jsonl...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBuyerMessage, loadGuardRules } from '../src/respond/guard/index.ts';

interface Entry {
  id: string;
  lang: 'ja' | 'en';
  violation: boolean;
  category: string;
  text: string;
}

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const files = args.filter((a) => !a.startsWith('--'));
const rules = loadGuardRules(join(import.meta.dirname, '../rules/guard.yaml'));
const score = new Map<string, { violations: number; blocked: number; clean: number; cleanBlocked: number }>();
const byCategory = new Map<string, { n: number; blocked: number }>();
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const e = JSON.parse(line) as Entry;
    const verdict = checkBuyerMessage({ text: e.text, language: e.lang }, rules);
    const s = score.get(e.lang) ?? { violations: 0, blocked: 0, clean: 0, cleanBlocked: 0 };
    score.set(e.lang, s);
    if (e.violation) {
      s.violations += 1;
      if (!verdict.ok) s.blocked += 1;
      const c = byCategory.get(`${e.lang} ${e.category}`) ?? { n: 0, blocked: 0 };
      c.n += 1;
      if (!verdict.ok) c.blocked += 1;
      byCategory.set(`${e.lang} ${e.category}`, c);
      if (verdict.ok && showMisses) console.log(`MISSED ${e.id} [${e.category}]\n${e.text}\n`);
    } else {
      s.clean += 1;
      if (!verdict.ok) {
        s.cleanBlocked += 1;
        if (showMisses) console.log(`FALSE BLOCK ${e.id}: ${verdict.violations.map((v) => `${v.rule} 「${v.excerpt.slice(0, 80)}」${v.because ? ` (${v.because})` : ''}`).join(', ')}\n${e.text}\n`);
      }
    }
  }
}
for (const [lang, s] of score) console.log(`${lang}: violations blocked ${s.blocked}/${s.violations}, clean blocked ${s.cleanBlocked}/${s.clean}`);
for (const [cat, c] of [...byCategory].sort()) console.log(`  ${cat}: ${c.blocked}/${c.n}`);
