import { classify } from '../src/understand/classify.ts';
import { loadClassifyRules } from '../src/understand/rules.ts';
import { mail } from '../test/support/categories.ts';
const rules = { ...loadClassifyRules('rules/classify.yaml'), intentModel: null };
for (const t of process.argv.slice(2)) { const c = classify(mail('Sam - Amazon Marketplace <q7m2x9k4w1p8r3z@marketplace.amazon.com>', 'お問い合わせ', `メッセージ:\n${t}`), rules, { explain: true }); console.log(JSON.stringify(c.intents), JSON.stringify(c.why?.intents)); }
