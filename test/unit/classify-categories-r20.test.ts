// The categories the classifier misread on classify-r20 (docs/understanding-measures.md), each with
// messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '小川 - Amazonマーケットプレイス <u4k8x2p9m3w7q1r@marketplace.amazon.co.jp>';
const RELAY_US = 'Alex - Amazon Marketplace <z9w4k2r7m3p8x1q@marketplace.amazon.com>';

describe('defects told plainly', () => {
  it('a colour or item other than the one ordered, in kana too; a torn band; scuffs; a cut seal', () => {
    expect(intents(RELAY_JP, '赤たのんだのに青がきました。色ちがいます。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '国産と書いてあったのに、届いたのは海外製の類似品でした。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '本の帯が少し破れていましたが、そのままで大丈夫です。')).toEqual(['defect']);
    expect(intents(RELAY_US, 'Listed as new, but it came with scuffs on the lid and the seal already broken.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'Received the 32 oz bottle but ordered the 40 oz one.')).toEqual(['defect']);
  });

  it('my own mistake, or a fault already put right by the replacement, is no defect', () => {
    expect(intents(RELAY_JP, 'サイズは私の見間違いで、品物が悪いわけではありません。')).toEqual([]);
    expect(intents(RELAY_JP, '最初の品は動きませんでしたが、交換していただいた品は問題なく使えています。')).toEqual([]);
  });
});

describe('returns asked for in other words, and returns that are not', () => {
  it('money back, a new one that works, not keeping it, changing them', () => {
    expect(intents(RELAY_JP, '届かないので代金を返してください。')).toEqual(['delivery_status', 'return']);
    expect(intents(RELAY_US, "It leaks. I would like a new one that works properly.")).toEqual(['defect', 'return']);
    expect(intents(RELAY_US, "I'd rather not keep a dented kettle at this price.")).toEqual(['defect', 'return']);
    expect(intents(RELAY_US, 'They are too small, how can I change them for the next size?')).toEqual(['return']);
  });

  it('a return the seller waived, a refund received, a tax return, a trip cancelled', () => {
    expect(intents(RELAY_JP, '返品しなくてよいとのこと、承知しました。返金も確認できました。')).toEqual([]);
    expect(intents(RELAY_US, 'Keep it, no need to send anything or do a return.')).toEqual([]);
    expect(intents(RELAY_US, 'I need an invoice with my company name for my tax return.')).toEqual(['invoice_request']);
    expect(intents(RELAY_US, 'Bought it for a trip that got cancelled, so I will keep it for next year.')).toEqual([]);
  });
});

describe('delivery, address and product questions', () => {
  it('not shipped yet; "will it get here by…"', () => {
    expect(intents(RELAY_JP, '注文から一週間たっても発送されません。')).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'Will it actually get here by the 14th?')).toEqual(['delivery_status']);
  });

  it('a flat number left off, "send it there instead", 部屋番号を書くのを忘れました', () => {
    expect(intents(RELAY_US, 'The parcel came back because the address was missing my apartment number.')).toEqual(['address_change']);
    expect(intents(RELAY_US, "I'll be at the office next week, can you send it there instead?")).toEqual(['address_change']);
    expect(intents(RELAY_JP, '住所に部屋番号を書くのを忘れました。305号室です。')).toEqual(['address_change']);
  });

  it('questions with no question mark: "what\'s the best way…", "can it go in the dishwasher"', () => {
    expect(intents(RELAY_US, "whats the best way to clean it, can it go in the dishwasher")).toEqual(['product_question']);
  });
});
