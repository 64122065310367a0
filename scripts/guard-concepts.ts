// For whoever edits rules/guard.yaml: which ideas (meaning.concepts) the guard finds in each sentence of
// a reply, and the words that said them, so a rule that did or did not fire can be understood.
// Usage: echo 'TEXT' | node scripts/guard-concepts.ts [--lang ja|en]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { identity } from '../src/respond/guard/mapped.ts';
import { conceptsBySentence } from '../src/respond/guard/meaning.ts';
import { baseView } from '../src/respond/guard/normalise.ts';
import { loadGuardRules } from '../src/respond/guard/rules.ts';
import { readingLanguage } from '../src/respond/guard/words.ts';

const langArg = process.argv.indexOf('--lang');
const rules = loadGuardRules(fileURLToPath(new URL('../rules/guard.yaml', import.meta.url)));
const base = baseView(identity(readFileSync(0, 'utf8')));
const language = readingLanguage(base.text, langArg > 0 ? (process.argv[langArg + 1] as 'ja' | 'en') : 'ja');
for (const { text, concepts } of conceptsBySentence(base, language, rules.meaning)) {
  console.log(text);
  for (const [concept, words] of concepts) console.log(`  ${concept}: ${words.map((w) => `「${w}」`).join(' ')}`);
}
