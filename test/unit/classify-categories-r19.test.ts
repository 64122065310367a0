// The categories the classifier misread on classify-r19 (docs/understanding-measures.md), each with
// messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '小川 - Amazonマーケットプレイス <u4k8x2p9m3w7q1r@marketplace.amazon.co.jp>';
const RELAY_US = 'Alex - Amazon Marketplace <z9w4k2r7m3p8x1q@marketplace.amazon.com>';

describe("Amazon JP's relay markers written with の", () => {
  it('only the words between 「メッセージの開始」 and 「メッセージの終了」 are the buyer\'s', () => {
    const body = [
      '注文番号: 249-1111111-2222222',
      '1 点: 充電式 ライト 交換用 バッテリー付き [ASIN: B0AAAAAAAA]',
      '',
      '------------- メッセージの開始 -------------',
      '',
      'ライトが三日で点かなくなりました。',
      '',
      '------------- メッセージの終了 -------------',
    ].join('\n');
    const result = classify(mail(RELAY_JP, '注文番号 249-1111111-2222222 に関するお問い合わせ', body), shippedClassifyRules());
    expect(result.intents).toEqual(['defect']);
    expect(result.text).toBe('ライトが三日で点かなくなりました。');
  });
});

describe('defects in other words', () => {
  it('parts missing from the box, a wrong one, a chip in the rim', () => {
    expect(intents(RELAY_US, 'The box had the lamp and the shade but there was no bulb in the box.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'Only one pillowcase in the bag, the label says a pair.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'wrong one. asked for the black strap, this is brown')).toEqual(['defect']);
    expect(intents(RELAY_US, 'One of the bowls has a chip out of the edge.')).toEqual(['defect']);
  });

  it('cuts out by itself; no sound or light; a gap that leaks; the colour unlike the photo; another size than ordered', () => {
    expect(intents(RELAY_US, 'The fan turns itself off after ten minutes every time.')).toEqual(['defect']);
    expect(intents(RELAY_JP, '再生して数分で勝手に切れてしまいます。')).toEqual(['defect']);
    expect(intents(RELAY_JP, 'スイッチを入れても音も出ませんし、光りもしません。')).toEqual(['defect']);
    expect(intents(RELAY_JP, 'ふたを閉めても隙間ができて、中身がこぼれます。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '写真では明るい黄色だったのに、届いたものは茶色に近いです。')).toEqual(['defect']);
    expect(intents(RELAY_JP, 'Mで注文したのに、タグはLでした。')).toEqual(['defect']);
  });

  it('not when the damage is denied, the slip is what is missing, or the parcel stopped somewhere', () => {
    expect(intents(RELAY_JP, '今回は割れずに届きました。ありがとうございました。')).toEqual([]);
    expect(intents(RELAY_US, 'There was no receipt in the box, could you send one with my company name?')).toEqual(['invoice_request']);
    expect(intents(RELAY_US, 'pls cancel, ordered wrong size by mistake')).toEqual(['cancel']);
    expect(intents(RELAY_US, 'The label was missing my unit number, my fault, can you send it to unit 4 instead?')).toEqual(['address_change']);
  });

  it('a fault the seller already put right', () => {
    expect(intents(RELAY_US, 'The first kettle was faulty but you sorted it quickly, the new one is great.')).toEqual([]);
  });
});

describe('returns asked for in other words, and returns declined', () => {
  it('another one sent, this one sent back, not hanging on to it', () => {
    expect(intents(RELAY_JP, '届いた時計が動きません。同じものを改めて送っていただけますか。')).toEqual(['defect', 'return']);
    expect(intents(RELAY_US, 'Could you send one with the US plug? I will send this one back when it comes.')).toEqual(['return']);
    expect(intents(RELAY_US, "It's cracked, and I'd rather not hang on to a cracked jug.")).toEqual(['defect', 'return']);
  });

  it('a refund or a replacement declined: only a fault to report', () => {
    expect(intents(RELAY_JP, '取っ手が少し曲がっていました。返金も交換も結構です。お知らせまでに。')).toEqual(['defect']);
    expect(intents(RELAY_US, "One plate has a crack. I'm keeping the set, no need to refund me.")).toEqual(['defect']);
  });
});

describe('delivery, address, phone and product questions said plainly', () => {
  it('days waited, still without it, an arrival day to confirm', () => {
    expect(intents(RELAY_JP, '注文してから二週間たちます。')).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'It was supposed to be here by Friday and I still do not have it.')).toEqual(['delivery_status']);
    expect(intents(RELAY_JP, '金曜日に届くという理解でよろしいでしょうか。')).toEqual(['delivery_status']);
  });

  it('an old flat, a number to reach the seller at', () => {
    expect(intents(RELAY_US, "It's going to my old flat, I've moved to 3 Rose Lane. Can you change it?")).toEqual(['address_change']);
    expect(intents(RELAY_US, 'What number can I call you on? It is easier to talk.')).toEqual(['phone_request']);
  });

  it('a fit asked as a statement, a size, the same kind as another', () => {
    expect(intents(RELAY_JP, 'うちのはGK3ですが、これで合っているのかどうか。')).toEqual(['product_question']);
    expect(intents(RELAY_US, 'Before I open it I need to know the diameter of the base.')).toEqual(['product_question']);
    expect(intents(RELAY_US, 'Are the lids on the large set the same material as the small one?')).toEqual(['product_question']);
  });
});
