// The categories the classifier misread on its third blind round (classify-r3,
// docs/understanding-measures.md), each with a message of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, shippedClassifyRules } from '../support/categories.ts';

const rules = shippedClassifyRules();

const CS_JP = 'Amazon.co.jp カスタマーサービス <cs-reply@amazon.co.jp>';
const CS_US = 'Amazon.com Customer Service <cs-reply@amazon.com>';
const RELAY_JP = '木村 - Amazonマーケットプレイス <p4x8k2m7w3q9r1t@marketplace.amazon.co.jp>';
const RELAY_US = 'Lee - Amazon Marketplace <w2k8r4m9p3x7q1t@marketplace.amazon.com>';

describe("the buyer's words under a label set as a heading", () => {
  it('【…】, ＜…＞ and ―― … ―― headings, the words on the lines below', () => {
    const bracket = classify(mail(CS_JP, '購入者様からのお問い合わせ', 'Amazon.co.jpカスタマーサービスです。\n注文番号：249-1111111-2222222\n\n【購入者様からのお問い合わせ内容】\n箱を開けたら取っ手が折れていました。\n\nセラーセントラルからご連絡ください。'), rules);
    expect(bracket.text).toBe('箱を開けたら取っ手が折れていました。');
    expect(bracket.intents).toEqual(['defect']);
    const angle = classify(mail(CS_JP, '購入者様からのお問い合わせ', 'ご注文番号 249-1111111-2222222 について\n\n＜お客様のご連絡＞\n領収書を発行していただけますか。\n\nAmazon.co.jp'), rules);
    expect(angle.text).toBe('領収書を発行していただけますか。');
    expect(angle.intents).toEqual(['invoice_request']);
    const framed = classify(mail(CS_JP, '購入者様からのご質問', '注文番号: 249-1111111-2222222\n\n―― 購入者様のご質問 ――\nこの鍋はIHでも使えますか。\n――――――――――\n\nご回答をお願いいたします。'), rules);
    expect(framed.text).toBe('この鍋はIHでも使えますか。');
    expect(framed.intents).toEqual(['product_question']);
  });

  it('"description of the issue" and "with the following comment:" lead-ins (en)', () => {
    const described = classify(mail(CS_US, 'Customer issue - Order 112-1111111-2222222', "Order ID: 112-1111111-2222222\n\nCustomer's description of the problem:\n  The zipper broke on the first day.\n\nPlease contact the customer."), rules);
    expect(described.text).toBe('The zipper broke on the first day.');
    expect(described.intents).toEqual(['defect']);
    const leadIn = classify(mail(CS_US, 'Customer contact regarding order 112-1111111-2222222', 'The buyer wrote to Customer Service with the following message:\n\n"Could you send me a receipt for this purchase?"\n\nPlease respond within 48 hours.'), rules);
    expect(leadIn.text).toBe('Could you send me a receipt for this purchase?');
    expect(leadIn.intents).toEqual(['invoice_request']);
  });
});

describe("Amazon's footer: how and when to reply", () => {
  it('"返信が必要な場合は…" and "Respond to this message by replying…" end the buyer\'s words', () => {
    const ja = classify(mail(RELAY_JP, 'お礼', 'メッセージ:\n無事に届きました。ありがとうございます。\n\n返信が必要な場合は、2日以内にご返信ください。'), rules);
    expect(ja.text).toBe('無事に届きました。ありがとうございます。');
    expect(ja.intents).toEqual([]);
    const en = classify(mail(RELAY_US, 'Thanks', 'Message:\nGot it today, looks great.\n\nRespond to this message by replying to this email. Please do not include links.'), rules);
    expect(en.text).toBe('Got it today, looks great.');
  });
});

describe('ways buyers say things not read before', () => {
  it('"反応しません" is a defect', () => {
    const c = classify(mail(RELAY_JP, '商品について', 'メッセージ:\nボタンを押しても何も反応しません。'), rules);
    expect(c.intents).toEqual(['defect']);
  });

  it('a replacement that has arrived is no return asked for (ja and en)', () => {
    expect(classify(mail(RELAY_JP, 'お礼', 'メッセージ:\n交換品が本日届きました。ありがとうございました。'), rules).intents).toEqual([]);
    expect(classify(mail(RELAY_US, 'Thanks', 'Message:\nThe replacement arrived today, thank you.'), rules).intents).toEqual([]);
  });

  it('"I need to know whether…" asks a product question', () => {
    const c = classify(mail(RELAY_US, 'Question', 'Message:\nI need to know whether this lamp works with a dimmer switch.'), rules);
    expect(c.intents).toEqual(['product_question']);
  });
});

describe("Amazon's return notices", () => {
  it('a "Return Request Notification" subject is a return request', () => {
    const c = classify(mail('Amazon.ca <return@amazon.ca>', 'Return Request Notification - Order 702-1111111-2222222', 'A return request has been submitted for order 702-1111111-2222222.\n\nCustomer comments: Too small, please refund.'), rules);
    expect(c.kind).toBe('return_request');
    expect(c.intents).toEqual(['return']);
  });
});
