// The categories the classifier misread on classify-r15 (docs/understanding-measures.md), each with
// messages of our own, never the corpus's: words of damage that describe care or confirm, a how-to
// question that belongs to another intent, a question put as "I wonder", and "when this will ship".
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '山本 - Amazonマーケットプレイス <k3x9p2m7w4q8r1t@marketplace.amazon.co.jp>';
const RELAY_US = 'Dana - Amazon Marketplace <t5k2r8m3p9x4q7w@marketplace.amazon.com>';

describe('words of damage that say something else', () => {
  it('fragile goods, packing so nothing breaks, and "that is right" are no defect', () => {
    expect(intents(RELAY_JP, 'ガラスの割れ物でしたが、緩衝材をたくさん入れていただき助かりました。')).toEqual([]);
    expect(intents(RELAY_JP, '壊れやすい物なので、丁寧に包んでくださってありがとうございました。')).toEqual([]);
    expect(intents(RELAY_JP, 'お届け先はこの住所で間違いございません。いつ頃届きますか？')).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'It came well packed and without a scratch, thank you.')).toEqual([]);
  });

  it('the rest of the sentence still counts: a fragile item that arrived broken is a defect', () => {
    expect(intents(RELAY_JP, '割れ物なのに箱が薄く、中のグラスが割れていました。')).toEqual(['defect']);
    expect(intents(RELAY_US, 'It is fragile, and it arrived cracked.')).toEqual(['defect']);
  });
});

describe('a how-to question that belongs to another intent', () => {
  it('"I want to cancel but don\'t know how" asks how to cancel, not about the product', () => {
    expect(intents(RELAY_JP, '注文を取り消したいのですが、方法がよく分かりません。')).toEqual(['cancel']);
  });

  it('a question about the product in a sentence of its own still counts', () => {
    expect(intents(RELAY_JP, 'キャンセルをお願いします。ところで、この鍋はIHでも使えますか？')).toEqual(['cancel', 'product_question']);
  });
});

describe('questions put without a question mark', () => {
  it('"…のかなと思いまして" and "…かどうか" ask', () => {
    expect(intents(RELAY_JP, '購入を考えています。この充電器はiPad Airにも使えるのかなと思いまして。')).toEqual(['product_question']);
    expect(intents(RELAY_JP, 'このカバーが今使っている機種に合うかどうか気になっています。')).toEqual(['product_question']);
  });

  it('"any idea when this will actually ship" asks about the delivery', () => {
    expect(intents(RELAY_US, 'Ordered two weeks ago. Any idea when this will actually ship?')).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'Could you tell me when these might be dispatched?')).toEqual(['delivery_status']);
  });
});
