// The categories the classifier misread on classify-r26 (read once classify-r27 had been written;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '中村 - Amazonマーケットプレイス <p3x9k2m7w4q8r1z@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <q7m2x9k4w1p8r3z@marketplace.amazon.com>';

describe('a fault in everyday words', () => {
  it('came with a chip; not what was paid for; runs for seconds, then stops', () => {
    expect(intents(RELAY_US, 'The teapot came with a small chip on the spout.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The label says polyester. This is not what I paid for.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'the fan runs for about 3 seconds then just stops.')).toEqual(['defect']);
  });

  it('lights for a moment, then goes out; tea seeping from the spout', () => {
    expect(intents(RELAY_JP, 'ボタンを押すとライトが一瞬ついてすぐ消えてしまいます。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '注ぐたびに取っ手の付け根からお茶がにじんできます。')).toEqual(['defect']);
  });

  it('a line without its 。 ends its sentence: the fault and the question stay apart', () => {
    expect(intents(RELAY_JP, '今日届きました\nボタンを押しても一瞬ついてすぐ消えます\n使い方がわるいのでしょうか。')).toEqual(['defect', 'product_question']);
  });
});

describe('a return asked for, and one not', () => {
  it('the right ones sent instead; sending these back', () => {
    expect(intents(RELAY_US, 'Please send me the real linen ones, otherwise I am sending these back.')).toEqual(['return']);
    expect(intents(RELAY_JP, 'グレーを注文しました。お手数ですが、グレーのものを送っていただけますか。')).toEqual(['return']);
  });

  it('more than needed, a return under way, an offer thanked for', () => {
    // The missing screws themselves are a defect (r42's writer, and r26's own "a part asked for alone is a defect").
    expect(intents(RELAY_JP, '足りないネジだけで十分で、返品や交換までは必要ありません。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '返品ラベルも印刷できましたので、明日発送します。')).toEqual([]);
    expect(intents(RELAY_JP, '交換のお申し出もありがとうございます。特に問題はありませんでした。')).toEqual([]);
  });
});

describe('what is no invoice, no delivery question', () => {
  it('a slip without prices for a gift', () => {
    expect(intents(RELAY_JP, 'プレゼントなので、納品書に金額が載らないようにしていただけますか。')).toEqual([]);
  });

  it('the returned parcel that reached the shop', () => {
    expect(intents(RELAY_JP, '追跡を見ると、返送した荷物はそちらに届いているようです。いつ返金されますか。')).toEqual(['return']);
  });
});
