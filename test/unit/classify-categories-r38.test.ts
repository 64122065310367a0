// The categories the classifier misread on classify-r38 (books, toys and hobby goods; held out until classify-r39
// to r41 were written, then read; docs/understanding-measures.md), each with messages of our own, never the
// corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '石田 - Amazonマーケットプレイス <w9k3q8m2x7p1z4h@marketplace.amazon.co.jp>';
const RELAY_US = 'Pat - Amazon Marketplace <h2k8q1w9m3x7p5z@marketplace.amazon.com>';

describe('asking whether it has shipped', () => {
  it('"I just want to know if this has shipped yet"', () => {
    expect(intents(RELAY_US, 'I just want to know if this has shipped yet. It still says not yet shipped.')).toEqual(['delivery_status']);
  });

  it('where a page is (注文履歴がどこにあるのか) is no parcel', () => {
    expect(intents(RELAY_JP, '注文履歴というのがどこにあるのか分かりません。返品したいです。')).toEqual(['return']);
  });
});

describe('used goods sold as new', () => {
  it('書き込みがあり…新品ではない is a defect', () => {
    expect(intents(RELAY_JP, '説明書に鉛筆の書き込みがあり、どう見ても新品ではないと思います。')).toEqual(['defect']);
  });
});

describe('several items sent back', () => {
  it('"I\'ll send the blue ones back" offers a return', () => {
    expect(intents(RELAY_US, 'I will send the blue ones back, just tell me how.')).toEqual(['return']);
  });
});

describe('what comes with it', () => {
  it('帯は付いていますか is a question about the product', () => {
    expect(intents(RELAY_JP, 'この本には帯は付いていますか？')).toEqual(['product_question']);
  });
});

describe('a label with a long note in brackets', () => {
  it('"Details (as written by the customer):" gives the buyer\'s words', () => {
    const c = classify(mail('cs-reply@amazon.com', 'Customer inquiry - Order# 111-5555555-6666666', [
      'Dear Amazon Seller,', '', 'We were contacted by the buyer of the order below.', '', 'Order#: 111-5555555-6666666', 'Reason for contact: Other', '',
      'Details (as written by the customer):', '"Please send the invoice with our club name on it."', '',
      'Please respond to the customer directly.',
    ].join('\n')), shippedClassifyRules());
    expect(c.text).toBe('Please send the invoice with our club name on it.');
    expect(c.intents).toEqual(['invoice_request']);
  });
});
