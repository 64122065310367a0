// The categories the classifier misread on classify-r17 (docs/understanding-measures.md), each with
// messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '田中 - Amazonマーケットプレイス <r7k2x9p3m8w4q1t@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <q8w3k7r2m9p4x1t@marketplace.amazon.com>';

describe('defects told as what is wrong with the item, not with a defect word', () => {
  it('bent, wobbly, fewer pieces than the set, a different item than ordered (ja)', () => {
    expect(intents(RELAY_JP, '棚板が少し歪んでいて、置くとガタガタします。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '3個セットを買ったのに、箱には2個しか入っていませんでした。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '黒を注文したのですが、届いたのは白でした。')).toEqual(['defect']);
  });

  it('received X instead of Y, an empty compartment, the missing part (en)', () => {
    expect(intents(RELAY_US, 'I received the 20 mm bit instead of the 25 mm I ordered.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The screw compartment was empty when I opened it.')).toEqual(['defect']);
  });

  it('"the broken one" is the item being replaced, not a new report', () => {
    expect(intents(RELAY_US, 'The new kettle works great. I recycled the broken one as you said.')).toEqual([]);
  });
});

describe('other ways of asking', () => {
  it('取り替え is an exchange; a replacement already asked for is not asked again', () => {
    expect(intents(RELAY_JP, 'サイズが合わないので、Mに取り替えていただけますか。')).toEqual(['return']);
    expect(intents(RELAY_JP, 'お願いした交換品の件、ありがとうございました。')).toEqual([]);
  });

  it('いつ頃の発送, no shipping notice yet, "any chance it goes out soon"', () => {
    expect(intents(RELAY_JP, '注文から5日経ちましたが、いつ頃の発送になりますか。')).toEqual(['delivery_status']);
    expect(intents(RELAY_JP, 'まだ発送のお知らせが来ていません。')).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'Any chance it goes out soon? I need it by Friday.')).toEqual(['delivery_status']);
  });

  it('not arrived yet, but not due yet either, is no delivery question', () => {
    expect(intents(RELAY_JP, 'まだ届いていませんが、お届け予定は来週なので大丈夫です。')).toEqual([]);
  });

  it('a wrong flat or unit number is an address change', () => {
    expect(intents(RELAY_US, 'I typed the wrong unit number: it should be 12B, not 21B.')).toEqual(['address_change']);
    expect(intents(RELAY_JP, '部屋番号を間違えて入力してしまいました。502号室が正しいです。')).toEqual(['address_change']);
  });

  it('"if these will fit", "do you do a version for…", a best-before date are product questions', () => {
    expect(intents(RELAY_US, 'I need to know if these filters will fit my older model.')).toEqual(['product_question']);
    expect(intents(RELAY_US, 'Do you do a version of this case for the smaller phone?')).toEqual(['product_question']);
    expect(intents(RELAY_JP, '贈答用なので、賞味期限がどのくらい残っているか教えていただけますか。')).toEqual(['product_question']);
  });
});

describe('what carries no intent', () => {
  it('a question about gift wrapping asks nothing about the product', () => {
    expect(intents(RELAY_JP, 'ラッピングはしていただけますか？')).toEqual([]);
  });

  // Since classify-r34 (a seventh session), whose writer, like the seller answering it, takes a stock question
  // for one about the product: the answer is what the listing has and when.
  it('a question about stock is one about the product', () => {
    expect(intents(RELAY_US, 'Loved the tea. Any idea when the jasmine will be back in stock?')).toEqual(['product_question']);
  });

  it('the buyer\'s earlier words retold: 先日は「届かない」とご連絡してしまい', () => {
    expect(intents(RELAY_JP, '先日は「届かない」とご連絡してしまい失礼しました。昨日無事に受け取りました。')).toEqual([]);
  });
});
