// The categories the classifier misread on classify-r44 (stationery, ink and office supplies, school and office
// buyers, a phone, a return or an invoice named only as history; held out until classify-r52 was written, then read;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '購入者 - Amazon Marketplace <b7x2k9q4m1w8z5p@marketplace.amazon.co.jp>';
const RELAY_US = 'Dana - Amazon Marketplace <q4k9w2m8x1p7z3r@marketplace.amazon.com>';

describe('an invoice named only as history', () => {
  it('a receipt already received (領収書のPDF、受け取りました; "the receipt came through")', () => {
    expect(intents(RELAY_JP, '領収書のPDF、確かに受け取りました。ありがとうございました。')).toEqual([]);
    expect(intents(RELAY_US, 'Thanks, the receipt came through fine and accounting is happy.')).toEqual([]);
  });

  it('an invoice matter closed (請求書の件は…確認が取れました)', () => {
    expect(intents(RELAY_JP, '先日の請求書の件は社内で確認が取れました。お騒がせいたしました。')).toEqual([]);
  });
});

describe('a call turned down (電話での連絡は不要です)', () => {
  it('asks for an invoice, not a call', () => {
    expect(intents(RELAY_JP, '登録番号の入った請求書をメールで送ってください。電話での連絡は不要です。')).toEqual(['invoice_request']);
  });
});

describe('questions about the product or the stock', () => {
  it('storage asked about (箱のまま置いておけば問題ないでしょうか)', () => {
    expect(intents(RELAY_JP, '予備のトナーは箱のまま棚に置いておけば問題ないでしょうか。')).toEqual(['product_question']);
  });

  it('stock and a larger quantity asked about', () => {
    expect(intents(RELAY_JP, '同じ用紙を一度に30箱ほど購入することは可能でしょうか。')).toEqual(['product_question']);
    expect(intents(RELAY_JP, '現在の在庫数と到着の目安をお教えください。')).toEqual(['product_question']);
  });
});

describe('a fault that keeps happening; the buyer\'s own orders to ship', () => {
  it('"the label printer keeps feeding blank labels", with orders of their own to ship out tomorrow', () => {
    expect(intents(RELAY_US, 'The label printer keeps feeding blank labels. I have 40 orders to ship out tomorrow morning.')).toEqual(['defect']);
  });

  it('"tell me if it\'s lost" asks about the parcel', () => {
    expect(intents(RELAY_US, 'I need these before Monday, please tell me if it is lost.')).toEqual(['delivery_status']);
  });
});
