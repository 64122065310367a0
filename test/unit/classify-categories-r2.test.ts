// The categories the classifier misread on its second blind round (classify-r2,
// docs/understanding-measures.md), each with a message of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, shippedClassifyRules } from '../support/categories.ts';
import { buyerWordsOf } from '../support/accuracy.ts';

const rules = shippedClassifyRules();

const RELAY_JP = '西村 - Amazonマーケットプレイス <k3m9p2w7x4q8r1t@marketplace.amazon.co.jp>';
const RELAY_US = 'Dana - Amazon Marketplace <t7r2k9w3m6p1x4q@marketplace.amazon.com>';

describe("Amazon's footer after the buyer's words, in wordings not seen before", () => {
  it('a framed "メッセージ:" marker closed by a bare rule line, then a note about the messaging service', () => {
    const c = classify(
      mail(RELAY_JP, '購入者からのメッセージ (注文: 249-1234567-7654321)', '注文 249-1234567-7654321 について\n\n------ メッセージ: ------\n昨日届きました。大切に使います。\n------------------------------\n\n購入者と出品者間のメッセージはAmazonのサービスを通じて送られます。返信が不要なら、返信不要としてマークしてください。'),
      rules,
    );
    expect(c.text).toBe('昨日届きました。大切に使います。');
    // The footer's "…してください" no longer reads as the buyer asking something.
    expect(c.intents).toEqual([]);
  });

  it('how to reply and that the address is anonymised, with no end marker (ja and en)', () => {
    const ja = classify(mail(RELAY_JP, '購入者からのメッセージ', 'メッセージ:\n箱がつぶれて届きました。\n\nこのメッセージにご返信いただく場合は、このメールに返信してください。\nお客様のプライバシー保護のため、購入者のEメールアドレスを匿名化しています。'), rules);
    expect(ja.text).toBe('箱がつぶれて届きました。');
    const en = classify(mail(RELAY_US, 'Message from a buyer', "Message:\nThe lid arrived cracked.\n\nTo respond to this message, reply to this email.\nAmazon has anonymized the buyer's email address."), rules);
    expect(en.text).toBe('The lid arrived cracked.');
  });
});

describe('intents the buyer asked for in shapes not seen before', () => {
  it('an address change with the new address quoted between 「」', () => {
    const c = classify(mail(RELAY_JP, '購入者からのメッセージ', '--- メッセージ開始 ---\n配送先を「大阪府大阪市北区梅田9-9-9 グランドハイツ1203号室」に直していただけますか。\n--- メッセージ終了 ---'), rules);
    expect(c.intents).toEqual(['address_change']);
  });

  it("a reason field holding the buyer's own sentences is the buyer's words; a picked reason is not", () => {
    const said = classify(mail('cs-reply@amazon.co.jp', 'お客様からのご連絡', 'Amazon.co.jp カスタマーサービスです。下記のご注文について、お客様よりご連絡がありました。\n注文番号: 250-7654321-1234567\nお問い合わせ内容: 「サイズが合わないので返品したいです。手順を教えてください。」'), rules);
    expect(said.text).toBe('サイズが合わないので返品したいです。手順を教えてください。');
    expect(said.intents).toContain('return');
    const picked = classify(mail('cs-reply@amazon.co.jp', 'お客様からのご連絡', 'Amazon.co.jp カスタマーサービスです。下記のご注文について、お客様よりご連絡がありました。\n注文番号: 250-7654321-1234567\nお問い合わせ理由: 返品について'), rules);
    expect(picked.text).toBe('');
  });

  it("the comment column of a return table whose rows are paragraphs with blank lines between", () => {
    const c = classify(
      mail('order-update@amazon.com', 'Return authorization notification for order 114-1111111-2222222', 'Return authorization notification\n\nItem | ASIN | SKU | Return Reason | Customer Comments\n\nGarden Hose 50ft | B0HOSE0001 | GH-50 | No longer needed | found a longer one locally\n\nThank you'),
      rules,
    );
    expect(c).toMatchObject({ kind: 'return_request', text: 'found a longer one locally', sku: 'GH-50' });
  });
});

describe('Seller Support mail with its case ID said in a sentence', () => {
  it('"Your Case ID is …" and "ケースIDは…です"', () => {
    const en = classify(mail('seller-answers@amazon.com', 'About your listing', 'Thank you for contacting Selling Partner Support.\nYour case ID is 31415926535.'), rules);
    expect(en).toMatchObject({ kind: 'support_case', caseId: '31415926535' });
    const ja = classify(mail('donotreply@amazon.co.jp', 'お問い合わせへの回答', 'テクニカルサポートです。今回のケースIDは2718281828です。'), rules);
    expect(ja).toMatchObject({ kind: 'support_case', caseId: '2718281828' });
  });
});

describe("buyer words are measured only where the classifier reads a buyer's words", () => {
  it("a Seller Support answer keeps its text for the case, but no buyer's words are read from it", () => {
    const c = classify(mail('seller-answers@amazon.com', 'Case 31415926535', 'Selling Partner Support here. We reviewed your request.'), rules);
    expect(c.kind).toBe('support_case');
    expect(c.text).toContain('We reviewed your request');
    expect(buyerWordsOf(c)).toBe('');
  });
});
