// The intent model (src/understand/intent-model.ts): how it reads the buyer's words, what it may change in
// the patterns' intents, and how a broken model file is refused. Models here are written by hand, so each
// test shows one behaviour; the shipped model is measured on the blind rounds (classify-blind.test.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { intentFeatures, intentProbabilities, loadIntentModel, strongestWords, type IntentModel } from '../../src/understand/intent-model.ts';
import { INTENTS } from '../../src/understand/kinds.ts';
import { mail, shippedClassifyRules } from '../support/categories.ts';

const dir = mkdtempSync(join(tmpdir(), 'kotae-intent-model-'));

/** A model file as scripts/train-intent-model.ts writes it, from each feature's weights by intent. */
function modelFile(weights: Record<string, Record<string, number>>, intents: readonly string[] = INTENTS): string {
  const features = Object.keys(weights);
  const table = new DataView(new ArrayBuffer(features.length * intents.length * 4));
  features.forEach((f, i) => intents.forEach((intent, j) => table.setFloat32((i * intents.length + j) * 4, weights[f]![intent] ?? 0, true)));
  const file = join(dir, `m${(files += 1)}.json`);
  writeFileSync(file, JSON.stringify({ version: 1, intents, features: features.join('\n'), weights: Buffer.from(table.buffer).toString('base64') }));
  return file;
}
let files = 0;

function modelOf(weights: Record<string, Record<string, number>>, add = 0.6, keep = 0.02): IntentModel {
  return loadIntentModel(modelFile(weights), add, keep);
}

const RELAY_JP = '中村 - Amazonマーケットプレイス <p3x9k2m7w4q8r1z@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <q7m2x9k4w1p8r3z@marketplace.amazon.com>';
const intentsWith = (model: IntentModel | null, from: string, text: string, explain = false) =>
  classify(mail(from, 'お問い合わせ', `メッセージ:\n${text}`), { ...shippedClassifyRules(), intentModel: model }, { explain });

describe('the buyer\'s words as features', () => {
  it('reads Japanese as runs of two and three characters, full-width and half-width alike', () => {
    const f = intentFeatures('ＡＢＣ届いた', 'buyer_message');
    expect(f).toContain('kind:buyer_message');
    expect(f).toEqual(expect.arrayContaining(['j届い', 'jいた', 'j届いた', 'wabc']));
    expect(f).not.toContain('j届');
  });

  it('reads English as stemmed words and pairs in a row, and no pair across sentences', () => {
    const f = intentFeatures("It arrived broken. Returned the box's lid", 'buyer_message');
    expect(f).toEqual(expect.arrayContaining(['warriv', 'wbroken', 'bit_arriv', 'wreturn', 'bbox_lid']));
    expect(f).not.toContain('bbroken_return');
  });
});

describe('the opinion', () => {
  it('adds the weights of the features present, the bias too, and names the strongest words', () => {
    const model = modelOf({ bias: { defect: -2 }, wbroken: { defect: 3 }, wlid: { defect: 1 }, 'kind:buyer_message': { defect: 0.5 } });
    const features = intentFeatures('the lid came broken', 'buyer_message');
    const p = intentProbabilities(model, features);
    expect(p.defect).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 5);
    expect(strongestWords(model, features, 'defect')).toEqual(['broken', 'lid']);
    expect(p.return).toBe(0.5);
  });
});

describe('what the model may change', () => {
  const sure = (intent: string, feature: string) => modelOf({ bias: { [intent]: -5 }, [feature]: { [intent]: 10 } });

  it('gives an intent the patterns missed, named as the model\'s with its words', () => {
    const model = sure('defect', 'wwobble');
    expect(intentsWith(null, RELAY_US, 'The stool has a wobble.').intents).toEqual([]);
    const c = intentsWith(model, RELAY_US, 'The stool has a wobble.', true);
    expect(c.intents).toEqual(['defect']);
    expect(c.why!.intents).toEqual([{ intent: 'defect', rule: 'intentModel', words: 'wobble', probability: 0.99 }]);
  });

  it('does not give an intent that a sentence turns down in the patterns\' own words', () => {
    const model = sure('return', 'wbox');
    expect(intentsWith(model, RELAY_US, 'The box was a bit dented. No need to return it.').intents).not.toContain('return');
    expect(intentsWith(modelOf({ bias: { return: -5 }, j返品: { return: 10 } }), RELAY_JP, '箱が少し凹んでいました。返品は不要です。').intents).not.toContain('return');
  });

  it('takes back an intent the patterns gave when it is sure the buyer means nothing of the kind', () => {
    expect(intentsWith(null, RELAY_US, 'Can you cancel my order?').intents).toEqual(['cancel']);
    expect(intentsWith(modelOf({ bias: { cancel: -10 } }), RELAY_US, 'Can you cancel my order?').intents).toEqual([]);
    expect(intentsWith(modelOf({ bias: { cancel: -3 } }), RELAY_US, 'Can you cancel my order?').intents).toEqual(['cancel']);
  });

  it('leaves a return request its return', () => {
    const notice = mail('return@amazon.com', 'Return authorization notification', 'Return reason: Item defective\nBuyer comments: none');
    const rules = shippedClassifyRules();
    const c = classify(notice, { ...rules, intentModel: modelOf({ bias: { return: -10 } }) });
    expect(c.kind).toBe('return_request');
    expect(c.intents).toContain('return');
  });
});

describe('a broken model file', () => {
  it('is refused with what to do', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"version":2,"intents":[],"features":"","weights":""}');
    expect(() => loadIntentModel(file, 0.6, 0.02)).toThrow(/not a version 1 model with "intents", "features" and "weights"/);
    expect(() => loadIntentModel(modelFile({ wbroken: { refund: 1 } }, ['refund']), 0.6, 0.02)).toThrow(/names "refund", which is not one of kotae's intents/);
    const short = modelFile({ wbroken: { defect: 1 } });
    writeFileSync(short, readFileSync(short, 'utf8').replace('"features":"wbroken"', '"features":"wbroken\\nwlid"'));
    expect(() => loadIntentModel(short, 0.6, 0.02)).toThrow(/holds 8 weights for 2 features of 8 intents/);
    expect(() => loadIntentModel(join(dir, 'missing.json'), 0.6, 0.02)).toThrow(/cannot read the intent model/);
  });

  it('reads its intents in the file\'s own order, and a file changed since is read again', () => {
    const file = modelFile({ bias: { defect: 2, cancel: -2 } }, ['defect', 'cancel']);
    expect(intentProbabilities(loadIntentModel(file, 0.6, 0.02), []).defect).toBeCloseTo(1 / (1 + Math.exp(-2)), 5);
    writeFileSync(file, readFileSync(modelFile({ bias: { defect: -3 } }), 'utf8').padEnd(400, ' '));
    expect(intentProbabilities(loadIntentModel(file, 0.6, 0.02), []).defect).toBeCloseTo(1 / (1 + Math.exp(3)), 5);
  });
});
