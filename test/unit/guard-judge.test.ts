// The judge (src/respond/guard/judge.ts): its arithmetic on a model of our own, and the shipped model's
// place in the guard: it speaks only when the rules find nothing and the reply touches a subject of
// Amazon's rules, and it never blocks the guard's own passing examples.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules, parseGuardRules } from '../../src/respond/guard/index.ts';
import { judge, judgeFeatures, loadJudge } from '../../src/respond/guard/judge.ts';
import { englishWords } from '../../src/respond/guard/words.ts';
import { ConfigError } from '../../src/shared/errors.ts';

const rulesPath = join(import.meta.dirname, '..', '..', 'rules', 'guard.yaml');
const rules = loadGuardRules(rulesPath);

describe('judge arithmetic', () => {
  it('reads words, pairs and triples, each once, and adds their weights to the bias', () => {
    const words = englishWords('leave a review leave a review');
    expect(judgeFeatures(words).map((f) => f.key).slice(0, 3)).toEqual(['u:leav', 'b:leav a', 't:leav a review']);
    const model = { weights: new Map([['bias', -2], ['b:a review', 3], ['u:leav', 1]]), threshold: 0.9 };
    const verdict = judge(model, words);
    // -2 + 3 + 1, each feature once however often it appears.
    expect(verdict.probability).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(verdict.strongest.map((s) => s.words)).toEqual(['a review', 'leav']);
  });

  it('a model file that is not a version 1 model, or has a weight that is no number, is a ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kotae-judge-'));
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ version: 2, weights: {} }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 1, weights: { bias: 'high' } }));
    expect(() => loadJudge(join(dir, 'old.json'), 0.9)).toThrow(ConfigError);
    expect(() => loadJudge(join(dir, 'bad.json'), 0.9)).toThrow(/bias/);
    expect(() => loadJudge(join(dir, 'missing.json'), 0.9)).toThrow(/cannot read the guard judge model/);
  });

  it('the rules file names the model beside it; without the key there is no judge', () => {
    const yaml = readFileSync(rulesPath, 'utf8');
    expect(rules.judge?.threshold).toBe(0.9);
    const without = yaml.replace(/^judge:\n(?: {2}.*\n)+/m, '');
    expect(without).not.toMatch(/^judge:/m);
    expect(parseGuardRules(without, rulesPath).judge).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'kotae-judge-'));
    expect(() => parseGuardRules(yaml, join(dir, 'guard.yaml'))).toThrow(/cannot read the guard judge model/);
  });
});

describe('the shipped judge in the guard', () => {
  const check = (text: string, language: 'ja' | 'en') => checkBuyerMessage({ text, language }, rules);

  it('blocks, and explains, a review reward the rules do not word', () => {
    const verdict = check('お気に召しましたら、ぜひ商品ページに一言いただけると嬉しいです。次回のご注文の際はサービスいたします。', 'ja');
    expect(verdict.violations.map((v) => v.rule)).toEqual(['resembles-violation']);
    expect(verdict.violations[0]!.because).toMatch(/^judge (?:0\.9\d|1\.00): 「/);
  });

  it('never speaks when the rules already found something', () => {
    const verdict = check('Leave a review and we will send you a $10 gift card.', 'en');
    expect(verdict.violations.map((v) => v.rule)).toEqual(['review-incentive']);
  });

  it('leaves alone a reply about none of the rules\' subjects, however shop-like its words', () => {
    expect(check('この度は当店の商品をご購入いただき、誠にありがとうございます。本日発送いたしました。', 'ja').ok).toBe(true);
    expect(check('Thank you for your order. It left our warehouse today. Kind regards, the store team', 'en').ok).toBe(true);
  });

  it('passes every one of the guard\'s own passing examples', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'guard');
    const judged = readdirSync(dir)
      .filter((f) => f.startsWith('pass-'))
      .filter((f) => checkBuyerMessage({ text: readFileSync(join(dir, f), 'utf8') }, rules).violations.some((v) => v.rule === 'resembles-violation'));
    expect(judged).toEqual([]);
  });
});
