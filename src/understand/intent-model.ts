// A learned second opinion on the buyer's intents. The rules in rules/classify.yaml find what their
// patterns name; every new blind writer told a fault, a return or a question in words they did not
// (docs/understanding-measures.md). The model is one logistic regression per intent over the buyer's words:
// Japanese as runs of two and three characters (no analyser: classification runs on every message, and
// Lindera costs 133 MB), English as words and word pairs, trained by scripts/train-intent-model.ts on the
// labelled blind mail in test/fixtures/blind. It gives an intent the rules missed when it is sure
// (`add`), and takes back one the rules gave when it is sure the buyer means nothing of the kind (`keep`).
import { statSync } from 'node:fs';
import { ConfigError } from '../shared/errors.ts';
import { readModelFile } from '../shared/model-file.ts';
import { intentReading } from './extract.ts';
import { INTENTS, type Intent, type Kind } from './kinds.ts';

export interface IntentModel {
  /** Per feature ("j届い", "wbroken", "bno_longer", "kind:buyer_message"; "bias"), its row in `weights`. */
  readonly rows: ReadonlyMap<string, number>;
  /** One row per feature, one weight per intent in INTENTS order (one array: a few hundred KB, not an object per feature). */
  readonly weights: Float32Array;
  /** Give an intent the rules missed at or above this probability. */
  readonly add: number;
  /** Take back an intent the rules gave at or below this probability. */
  readonly keep: number;
}

/**
 * The features of the buyer's words, each once, in the order first seen: the kind of mail, and per
 * sentence the runs of two and three Japanese characters, English words (a plain stem: "returned" is
 * "return") and pairs of words in a row. Read as the patterns read it (intentReading) and in lower case, so
 * full-width and capitals, "havent" and "haven't", "ふた が" and "ふたが" read alike.
 */
export function intentFeatures(text: string, kind: Kind): string[] {
  return featuresOfReading(intentReading(text), kind);
}

/** intentFeatures of words already read by intentReading: classification reads them once for its patterns and the model. */
export function featuresOfReading(read: string, kind: Kind): string[] {
  const out = new Set<string>([`kind:${kind}`]);
  const folded = read.toLowerCase();
  for (const sentence of folded.split(/(?<=[。！？!?\n])|(?<=\.)\s+/u)) {
    for (const run of sentence.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu) ?? []) {
      for (let n = 2; n <= 3; n++) for (let i = 0; i + n <= run.length; i++) out.add(`j${run.slice(i, i + n)}`);
    }
    const words = (sentence.match(/[a-z][a-z']*/g) ?? []).map(stem);
    for (let i = 0; i < words.length; i++) {
      out.add(`w${words[i]}`);
      if (i + 1 < words.length) out.add(`b${words[i]}_${words[i + 1]}`);
    }
  }
  return [...out];
}

function stem(word: string): string {
  const bare = word.replace(/'s$/, '');
  return bare.replace(/(?:ing|ed|es|s)$/, (suffix) => (bare.length - suffix.length >= 3 ? '' : suffix));
}

/** Each intent's probability for these features. */
export function intentProbabilities(model: IntentModel, features: readonly string[]): Record<Intent, number> {
  const z = INTENTS.map((_, i) => weightOf(model, 'bias', i));
  for (const f of features) {
    const row = model.rows.get(f);
    if (row !== undefined) for (let i = 0; i < INTENTS.length; i++) z[i]! += model.weights[row * INTENTS.length + i]!;
  }
  return Object.fromEntries(INTENTS.map((intent, i) => [intent, 1 / (1 + Math.exp(-z[i]!))])) as Record<Intent, number>;
}

/**
 * The three features of these that pushed hardest towards `intent`, as words (for `--explain`; asked only
 * for an intent the model gives). Words a seller can see the point of: not the kind, not "a" or "it" alone.
 */
export function strongestWords(model: IntentModel, features: readonly string[], intent: Intent): string[] {
  const i = INTENTS.indexOf(intent);
  return features
    .filter((f) => weightOf(model, f, i) > 0 && !f.startsWith('kind:') && !/^w[a-z']{1,2}$/.test(f))
    .sort((a, b) => weightOf(model, b, i) - weightOf(model, a, i))
    .slice(0, 3)
    .map((f) => (f.startsWith('b') ? f.slice(1).replace('_', ' ') : f.slice(1)));
}

function weightOf(model: IntentModel, feature: string, i: number): number {
  const row = model.rows.get(feature);
  return row === undefined ? 0 : model.weights[row * INTENTS.length + i]!;
}

/**
 * The model file (rules/intent-model.json, version 1: src/shared/model-file.ts), one weight per intent of its
 * `intents` for each feature.
 */
export function loadIntentModel(path: string, add: number, keep: number): IntentModel {
  // The same file as last time is not read again: a daemon reloads its rules for every pass it analyses in
  // its own thread (so a seller's edit counts at once), and the model is the largest part of them.
  const file = statOf(path);
  const last = file ? loaded.get(path) : undefined;
  if (last && file && last.mtimeMs === file.mtimeMs && last.size === file.size) return { ...last.model, add, keep };
  const model = readIntentModel(path, add, keep);
  if (file) loaded.set(path, { ...file, model });
  return model;
}

const loaded = new Map<string, { mtimeMs: number; size: number; model: IntentModel }>();

function statOf(path: string): { mtimeMs: number; size: number } | null {
  try {
    const { mtimeMs, size } = statSync(path);
    return { mtimeMs, size };
  } catch {
    return null; // readIntentModel says what is wrong
  }
}

function readIntentModel(path: string, add: number, keep: number): IntentModel {
  const hint = 'run `node scripts/train-intent-model.ts` or restore rules/intent-model.json';
  const { fields, features, weights } = readModelFile(path, { name: 'the intent model', version: 1, columns: 'intents', hint });
  const intents = fields.intents as unknown[];
  const unknown = intents.find((i) => !INTENTS.includes(i as Intent));
  if (unknown !== undefined) throw new ConfigError(path, `the intent model names "${String(unknown)}", which is not one of kotae's intents`, { hint });
  // Rows in kotae's own intent order, whatever order the file names them in.
  const table = new Float32Array(features.length * INTENTS.length);
  const column = intents.map((intent) => INTENTS.indexOf(intent as Intent));
  features.forEach((_, row) => column.forEach((to, j) => (table[row * INTENTS.length + to] = weights[row * intents.length + j]!)));
  return { rows: new Map(features.map((feature, row) => [feature, row])), weights: table, add, keep };
}
