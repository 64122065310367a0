// Trains the guard's judge (src/respond/guard/judge.ts) on the labelled blind replies in
// test/fixtures/blind/guard-r*/ and writes rules/guard-judge.json. Deterministic: the same corpora give
// the same weights.
// Usage: node scripts/train-guard-judge.ts [--hold-out 13,14 --out FILE]
// Without options it writes the shipped model, trained on every round but the held-out ones (r29, r30:
// the measure of the shipped guard: docs/understanding-measures.md) and on the guard's passing fixtures.
//   --hold-out leaves more rounds out and prints, for them, the violations and clean replies the judge
//   alone would block at several thresholds (a measure on writers it never saw); it writes a model only
//   to --out, never over the shipped one.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { judgeFeatures } from '../src/respond/guard/judge.ts';
import { identity } from '../src/respond/guard/mapped.ts';
import { baseView } from '../src/respond/guard/normalise.ts';
import { japaneseReader, readingLanguage, readWords } from '../src/respond/guard/words.ts';
import { trainLogistic, weightsBase64 } from './logistic.ts';

interface Reply {
  id: string;
  lang: 'ja' | 'en';
  violation: boolean;
  text: string;
  round: number;
}

const EPOCHS = 30;
const RATE = 0.2;
const DECAY = 1e-5;
/** Weights smaller than this are left out of the file: on held-out rounds the verdicts barely move
 * (r13 and r14 held out: 81 and 72 of 100 violations blocked at 0.9, against 80 and 76 with every
 * weight kept), and the file is a tenth of the size. */
const KEEP_FROM = 0.2;

/** The rounds no model is trained on: they measure the shipped guard. */
const HELD_OUT_ROUNDS = [38, 39];

const { values } = parseArgs({ options: { 'hold-out': { type: 'string' }, out: { type: 'string' } } });
const root = join(import.meta.dirname, '..');
const measuring = new Set((values['hold-out'] ?? '').split(',').filter(Boolean).map(Number));
const heldOut = new Set([...HELD_OUT_ROUNDS, ...measuring]);
if (measuring.size > 0 && !values.out) {
  console.error('--hold-out measures a model on rounds it leaves out; give --out FILE to keep that model (the shipped one is never overwritten this way)');
  process.exit(2);
}
const blind = join(root, 'test/fixtures/blind');

const replies: Reply[] = [];
for (const dir of readdirSync(blind).filter((d) => /^guard-r\d+$/.test(d))) {
  const round = Number(dir.slice('guard-r'.length));
  for (const file of readdirSync(join(blind, dir)).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(blind, dir, file), 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line) as Omit<Reply, 'round'>;
      replies.push({ id: r.id, lang: r.lang, violation: r.violation, text: r.text, round });
    }
  }
}
replies.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
// The guard's own passing examples (test/fixtures/guard/pass-*.txt) are clean replies too: short, in the
// shape of kotae's templates, and holding what Amazon allows that the blind writers rarely wrote (one
// neutral review request, a call turned down, a review read).
const fixtures = join(root, 'test/fixtures/guard');
for (const file of readdirSync(fixtures).filter((f) => f.startsWith('pass-') && f.endsWith('.txt')).sort()) {
  const text = readFileSync(join(fixtures, file), 'utf8');
  replies.push({ id: `fixture-${file}`, lang: /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? 'ja' : 'en', violation: false, text, round: 0 });
}
// Every sentence of a clean reply is a clean reply of its own. Without them the judge learns from long
// replies only, and a short ordinary one ("当店の商品をご購入いただき…") lacks the many small signs of a clean
// reply that outweigh a word like 当店 in a long one.
for (const r of replies.filter((x) => !x.violation)) {
  const parts = r.text.split(/(?<=[。！？!?])|\n+|(?<=\.)\s+/u).map((t) => t.trim()).filter((t) => t.length >= 8);
  parts.forEach((text, k) => replies.push({ id: `${r.id}#${k}`, lang: r.lang, violation: false, text, round: r.round }));
}

// Read as the guard reads: its base view (NFKC, invisible characters gone, wrapped lines joined),
// Japanese through the analyser, English stemmed.
const features = replies.map((r) => {
  const text = baseView(identity(r.text)).text;
  const words = readWords(text, readingLanguage(text, 'en'));
  return [...new Set(judgeFeatures(words).map((f) => f.key))];
});
japaneseReader.release();

const train = replies.map((_, i) => i).filter((i) => !heldOut.has(replies[i]!.round));
const weights = trainLogistic(features, (i) => replies[i]!.violation, train, { epochs: EPOCHS, rate: RATE, decay: DECAY, seed: 2026 });

if (measuring.size > 0) {
  const test = replies.map((_, i) => i).filter((i) => measuring.has(replies[i]!.round) && !replies[i]!.id.includes('#'));
  const probability = (i: number) => 1 / (1 + Math.exp(-['bias', ...features[i]!].reduce((s, k) => s + (weights.get(k) ?? 0), 0)));
  for (const lang of ['ja', 'en'] as const) {
    for (const threshold of [0.5, 0.8, 0.9, 0.95]) {
      const of = (violation: boolean) => test.filter((i) => replies[i]!.lang === lang && replies[i]!.violation === violation);
      const blocked = (list: number[]) => list.filter((i) => probability(i) >= threshold).length;
      console.log(`${lang} at ${threshold}: violations ${blocked(of(true))}/${of(true).length}, clean ${blocked(of(false))}/${of(false).length}`);
    }
  }
}

// Rounded to four places, as the earlier files were, then stored as 32-bit floats (src/shared/model-file.ts).
const kept = [...weights].filter(([k, w]) => k === 'bias' || Math.abs(w) >= KEEP_FROM).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const out = values.out ?? join(root, 'rules/guard-judge.json');
const model = {
  version: 2,
  about: 'Written by scripts/train-guard-judge.ts from test/fixtures/blind/guard-r*/ (do not edit by hand): one weight per feature, little-endian 32-bit floats in base64.',
  trainedOn: { examples: train.length, rounds: [...new Set(train.map((i) => replies[i]!.round))].sort((a, b) => a - b) },
  features: kept.map(([k]) => k).join('\n'),
  weights: weightsBase64(kept.map(([, w]) => Math.round(w * 1e4) / 1e4)),
};
writeFileSync(out, `${JSON.stringify(model, null, 0)}\n`);
console.log(`wrote ${out}: ${kept.length} weights from ${train.length} examples`);
