// A learned second opinion beside the rules. The rules catch what their word lists name; each new
// writer of blind test replies found wording they did not (docs/understanding-measures.md). The judge is
// a logistic regression over the reply's words and word pairs and triples (base forms, digits as 0),
// trained by scripts/train-guard-judge.ts on the labelled replies in test/fixtures/blind. It only adds
// blocks: a reply the rules pass is blocked when the judge is sure enough it breaks Amazon's rules.
import { readModelFile } from '../../shared/model-file.ts';
import type { Word } from './words.ts';

export interface Judge {
  /** Per feature ("u:レビュー", "b:gift card", "t:…"; "bias" is the intercept), its place in `weights`. */
  readonly rows: ReadonlyMap<string, number>;
  readonly weights: Float32Array;
  /** Block at or above this probability. */
  readonly threshold: number;
}

/** One feature that fired, with where its first word is in the text. */
interface Fired {
  key: string;
  weight: number;
  start: number;
}

export interface JudgeVerdict {
  probability: number;
  /** The features that pushed hardest towards a violation, strongest first. */
  strongest: { words: string; start: number }[];
}

/** The features of a text read as words: each word, each pair and each triple in a row. */
export function judgeFeatures(words: readonly Word[]): { key: string; start: number }[] {
  // Punctuation carries no meaning a seller could change ("。", ")は"): only words with a letter or digit count.
  words = words.filter((w) => /[\p{L}\p{N}]/u.test(w.base));
  const bases = words.map((w) => w.base.replace(/\d/g, '0'));
  const out: { key: string; start: number }[] = [];
  for (let i = 0; i < bases.length; i++) {
    out.push({ key: `u:${bases[i]}`, start: words[i]!.start });
    if (i + 1 < bases.length) out.push({ key: `b:${bases[i]} ${bases[i + 1]}`, start: words[i]!.start });
    if (i + 2 < bases.length) out.push({ key: `t:${bases[i]} ${bases[i + 1]} ${bases[i + 2]}`, start: words[i]!.start });
  }
  return out;
}

/** Each feature counts once, wherever it first appears (as in training). */
export function judge(model: Judge, words: readonly Word[]): JudgeVerdict {
  const seen = new Map<string, Fired>();
  for (const f of judgeFeatures(words)) {
    if (seen.has(f.key)) continue;
    const row = model.rows.get(f.key);
    if (row !== undefined) seen.set(f.key, { ...f, weight: model.weights[row]! });
  }
  const bias = model.rows.get('bias');
  let z = bias === undefined ? 0 : model.weights[bias]!;
  for (const f of seen.values()) z += f.weight;
  const strongest = [...seen.values()]
    .filter((f) => f.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map((f) => ({ words: f.key.slice(2), start: f.start }));
  return { probability: 1 / (1 + Math.exp(-z)), strongest };
}

/** The model file (rules/guard-judge.json, version 2: src/shared/model-file.ts), one weight per feature. */
export function loadJudge(path: string, threshold: number): Judge {
  const { features, weights } = readModelFile(path, {
    name: 'the guard judge model',
    version: 2,
    hint: 'run `node scripts/train-guard-judge.ts` or restore rules/guard-judge.json',
  });
  return { rows: new Map(features.map((feature, row) => [feature, row])), weights, threshold };
}
