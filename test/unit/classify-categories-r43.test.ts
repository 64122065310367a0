// The categories the classifier misread on classify-r43 (beauty, health and household goods, repeat buyers, buyers
// writing about two orders, indirect asks; held out until classify-r50 and r51 were written, then read;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '購入者 - Amazon Marketplace <b7x2k9q4m1w8z5p@marketplace.amazon.co.jp>';
const RELAY_US = 'Dana - Amazon Marketplace <q4k9w2m8x1p7z3r@marketplace.amazon.com>';

describe('faults told in other words', () => {
  it('"注文したものと違います"', () => {
    expect(intents(RELAY_JP, '袋には「ハード」とあるのに、中身はやわらかめでした。注文したものと違います。')).toEqual(['defect']);
  });

  it('a battery that runs down in days (満充電しても2日ほどで切れてしまう)', () => {
    expect(intents(RELAY_JP, '最近は満充電しても2日ほどでバッテリーが切れてしまいます。')).toEqual(['defect']);
  });
});

describe('a return turned down', () => {
  it('"I\'m not looking to return everything"', () => {
    expect(intents(RELAY_US, 'Two of the towels arrived torn. I am not looking to return everything, they are mostly great.')).toEqual(['defect']);
  });
});

describe('a delivery date named, not asked about', () => {
  it('"次回お届け予定の分が旧住所に届いてしまうのでは" is about the address', () => {
    expect(intents(RELAY_JP, '引越しをするので、次回10日お届け予定の分が旧住所に届いてしまうのではと心配です。')).toEqual(['address_change']);
  });

  it('a delivery date asked about is still a delivery question', () => {
    expect(intents(RELAY_JP, 'お届け予定日はいつになりますでしょうか。')).toEqual(['delivery_status']);
  });
});
