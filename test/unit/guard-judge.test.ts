// The judge (src/respond/guard/judge.ts): its arithmetic on a model of our own, and the shipped model's
// place in the guard: it speaks only when the rules find nothing and the reply touches a subject of
// Amazon's rules, and it never blocks the guard's own passing examples.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules, parseGuardRules } from '../../src/respond/guard/index.ts';
import { judge, judgeFeatures, loadJudge } from '../../src/respond/guard/judge.ts';
import { englishWords } from '../../src/respond/guard/words.ts';
import { ConfigError } from '../../src/shared/errors.ts';

const rulesPath = join(import.meta.dirname, '..', '..', 'rules', 'guard.yaml');
const rules = loadGuardRules(rulesPath);
const made: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kotae-judge-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
/** A judge of our own weights, shaped as loadJudge gives it. */
const testJudge = (entries: [string, number][], threshold = 0.9) => ({
  rows: new Map(entries.map(([feature], row) => [feature, row])),
  weights: Float32Array.from(entries.map(([, weight]) => weight)),
  threshold,
});
/** The file the training script writes for these weights. */
const judgeFile = (entries: [string, number][]) => {
  const table = new DataView(new ArrayBuffer(entries.length * 4));
  entries.forEach(([, w], i) => table.setFloat32(i * 4, w, true));
  return JSON.stringify({ version: 2, features: entries.map(([f]) => f).join('\n'), weights: Buffer.from(table.buffer).toString('base64') });
};

describe('judge arithmetic', () => {
  it('reads words, pairs and triples (not punctuation), each once, and adds their weights to the bias', () => {
    expect(judgeFeatures(englishWords('a, b')).map((f) => f.key)).toEqual(['u:a', 'b:a b', 'u:b']);
    const words = englishWords('leave a review leave a review');
    expect(judgeFeatures(words).map((f) => f.key).slice(0, 3)).toEqual(['u:leav', 'b:leav a', 't:leav a review']);
    const model = testJudge([['bias', -2], ['b:a review', 3], ['u:leav', 1]]);
    const verdict = judge(model, words);
    // -2 + 3 + 1, each feature once however often it appears.
    expect(verdict.probability).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(verdict.strongest.map((s) => s.words)).toEqual(['a review', 'leav']);
  });

  it('reads the file the training script writes; an older or broken file is a ConfigError that says what to do', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'judge.json'), judgeFile([['bias', -2], ['b:a review', 3]]));
    const loaded = loadJudge(join(dir, 'judge.json'), 0.8);
    expect(loaded.threshold).toBe(0.8);
    expect(judge(loaded, englishWords('a review')).probability).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ version: 1, weights: { bias: -2 } }));
    writeFileSync(join(dir, 'short.json'), JSON.stringify({ version: 2, features: 'bias\nu:a', weights: Buffer.alloc(4).toString('base64') }));
    writeFileSync(join(dir, 'nan.json'), judgeFile([['bias', Number.NaN]]));
    expect(() => loadJudge(join(dir, 'old.json'), 0.9)).toThrow(/version 2/);
    expect(() => loadJudge(join(dir, 'short.json'), 0.9)).toThrow(/1 weights for 2 features/);
    expect(() => loadJudge(join(dir, 'nan.json'), 0.9)).toThrow(/"bias"/);
    expect(() => loadJudge(join(dir, 'missing.json'), 0.9)).toThrow(/cannot read the guard judge model/);
    writeFileSync(join(dir, 'null.json'), 'null');
    expect(() => loadJudge(join(dir, 'null.json'), 0.9)).toThrow(ConfigError);
  });

  it('the rules file names the model beside it; without the key there is no judge', () => {
    const yaml = readFileSync(rulesPath, 'utf8');
    expect(rules.judge?.threshold).toBe(0.9);
    const without = yaml.replace(/^judge:\n(?: {2}.*\n)+/m, '');
    expect(without).not.toMatch(/^judge:/m);
    expect(parseGuardRules(without, rulesPath).judge).toBeNull();
    const dir = tempDir();
    expect(() => parseGuardRules(yaml, join(dir, 'guard.yaml'))).toThrow(/cannot read the guard judge model/);
  });
});

describe('the judge in the guard', () => {
  const check = (text: string, language: 'ja' | 'en', with_ = rules) => checkBuyerMessage({ text, language }, with_);
  // A model sure of everything: what the guard does with a judge that always says "violation".
  const alwaysSure = { ...rules, judge: testJudge([['bias', 10]]) };

  it('blocks a reply the rules pass when it touches a rule\'s subject, quoting the sentence around its strongest words', () => {
    const sure = { ...rules, judge: testJudge([['bias', -4], ['b:交換 品', 9]]) };
    const verdict = check('レビューを拝見いたしました。交換品を本日お送りします。', 'ja', sure);
    expect(verdict.violations).toEqual([
      { rule: 'resembles-violation', excerpt: '交換品を本日お送りします。', message: expect.stringContaining("Amazon's rules"), because: 'judge 0.99: 「交換品」' },
    ]);
    expect(check('レビューを拝見いたしました。交換品を本日お送りします。', 'ja').ok).toBe(true);
  });

  it('leaves alone a reply about none of the rules\' subjects, however sure the judge is', () => {
    expect(check('本日発送いたしました。到着まで今しばらくお待ちください。', 'ja', alwaysSure).ok).toBe(true);
    expect(check('It left our warehouse today and should arrive on Friday.', 'en', alwaysSure).ok).toBe(true);
    expect(check('We saw the feedback you left and have sent a replacement.', 'en', alwaysSure).violations.map((v) => v.rule)).toEqual(['resembles-violation']);
  });

  it('never speaks when the rules already found something', () => {
    const verdict = check('Leave a review and we will send you a $10 gift card.', 'en', alwaysSure);
    expect(verdict.violations.map((v) => v.rule)).toEqual(['review-incentive']);
  });

  it('the shipped model passes every one of the guard\'s own passing examples', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'guard');
    const judged = readdirSync(dir)
      .filter((f) => f.startsWith('pass-'))
      .filter((f) => checkBuyerMessage({ text: readFileSync(join(dir, f), 'utf8') }, rules).violations.some((v) => v.rule === 'resembles-violation'));
    expect(judged).toEqual([]);
  });
});
