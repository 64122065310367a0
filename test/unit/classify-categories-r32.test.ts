// The categories the classifier misread on classify-r32 (read once classify-r37 and r38 were being written;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { buyerText } from '../../src/understand/extract.ts';
import { relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '山本 - Amazonマーケットプレイス <x2k8m4q9w1p7r3z@marketplace.amazon.co.jp>';
const RELAY_US = 'Kim - Amazon Marketplace <k1w9p3r7x2m8q4z@marketplace.amazon.com>';

describe('the buyer\'s words behind other markers and labels', () => {
  it('between "購入者からのメッセージ開始" and "…終了", not the product lines above', () => {
    const body = '注文番号 250-1112223-3334445\n商品名：鋳物 フライパン 24cm\n\n------------- 購入者からのメッセージ開始 -------------\n取っ手がぐらぐらします。\n------------- 購入者からのメッセージ終了 -------------\n';
    const text = buyerText(body, shippedClassifyRules());
    expect(text).toContain('取っ手がぐらぐらします。');
    expect(text).not.toContain('鋳物 フライパン');
  });

  it('after a label with a typographic apostrophe ("Customer’s Comment:")', () => {
    const body = 'Return Reason: Defective\nCustomer’s Comment: The hinge snapped on day two.\n\nUsing your Manage Returns page you can authorise the return.';
    expect(buyerText(body, shippedClassifyRules(), false)).toContain('The hinge snapped on day two.');
  });
});

describe('a delivery asked about in everyday words', () => {
  it('contractions typed without their apostrophe', () => {
    expect(intents(RELAY_US, 'i havent gotten a shipping email yet, is it coming?')).toEqual(['delivery_status']);
  });

  it('"any chance it\'ll be here before…"', () => {
    expect(intents(RELAY_US, 'any chance itll be here before the 20th?? its for a party')).toEqual(['delivery_status']);
  });

  it('"…日までに届くでしょうか"', () => {
    expect(intents(RELAY_JP, '法事が土曜なので、15日までに届くでしょうか。')).toEqual(['delivery_status']);
  });
});

describe('said, and no request', () => {
  it('only the missing part wanted, "not a return"', () => {
    expect(intents(RELAY_JP, '本体は気に入っていますので、返品ではなくふただけ送っていただければ結構です。')).not.toContain('return');
  });

  it('the whole set the buyer does not want to send back', () => {
    expect(intents(RELAY_US, 'I really don\'t want to send the whole set back, it is a gift for Saturday.')).not.toContain('return');
  });

  it('a phone number on the order, with calls refused', () => {
    expect(intents(RELAY_US, 'My phone number is on the order for the courier, but I can\'t take calls at work, please just answer here.')).toEqual([]);
  });
});
