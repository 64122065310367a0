// The categories the classifier misread on classify-r34 (clothing, shoes and bags; held out until
// classify-r39 and r40 were written, then read; docs/understanding-measures.md), each with messages of our
// own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '小林 - Amazonマーケットプレイス <q7w2k9m3x8p1z4h@marketplace.amazon.co.jp>';
const RELAY_US = 'Jo - Amazon Marketplace <m4k8q2w7x3p9z1r@marketplace.amazon.com>';

describe('asking about stock', () => {
  it('再入荷の予定 and "restocked" are questions about the product', () => {
    expect(intents(RELAY_JP, 'Lサイズの紺色は再入荷の予定はありますか？')).toEqual(['product_question']);
    expect(intents(RELAY_US, 'Will the green one be restocked before spring?')).toEqual(['product_question']);
  });

  it('a restocking fee is the return\'s, not a question about stock', () => {
    expect(intents(RELAY_US, 'How do I send it back? Is there a restocking fee?')).toEqual(['return']);
  });

  it('whether a part can be adjusted or taken off', () => {
    expect(intents(RELAY_US, 'Is the waist belt adjustable?')).toEqual(['product_question']);
  });
});

describe('what the buyer sees against the listing', () => {
  it('unlike the photo (写真と…違います) is a defect', () => {
    expect(intents(RELAY_JP, '届いたコートは商品ページの写真とは色味がかなり違います。')).toEqual(['defect']);
  });

  it('"can it come off?" asks about a part; it reports no fault', () => {
    expect(intents(RELAY_US, 'Does the hood come off? Can it come off for washing?')).toEqual(['product_question']);
  });
});

describe('declining a return', () => {
  it('"I\'d rather not return it" asks for no return', () => {
    expect(intents(RELAY_US, 'One button was missing from the cardigan. I would rather not return it, could you post a spare button?')).toEqual(['defect']);
  });
});

describe('where the buyer\'s words are in a forwarded inquiry', () => {
  const CS_JP = 'cs-reply@amazon.co.jp';
  const CS_US = 'cs-reply@amazon.com';

  it('a label with its value framed by rule lines under it', () => {
    const c = classify(mail(CS_JP, 'お客様からのお問い合わせについて（注文番号: 250-1111111-2222222）', [
      '出品者様', '', 'Amazon.co.jp カスタマーサービスです。', '', '注文番号: 250-1111111-2222222', '',
      'お客様からのお問い合わせ内容:', '――――――――――――', 'サイズが合わないので返品したいです。', '――――――――――――', '',
      'お客様に直接ご連絡いただき、ご対応をお願いいたします。',
    ].join('\n')), shippedClassifyRules());
    expect(c.kind).toBe('cs_inquiry');
    expect(c.text).toBe('サイズが合わないので返品したいです。');
    expect(c.intents).toEqual(['return']);
  });

  it('Amazon\'s own summary ("Details: The customer reports…") gives way to the buyer\'s comment', () => {
    const c = classify(mail(CS_US, 'Customer inquiry regarding order 111-3333333-4444444', [
      'Hello,', '', 'We have been contacted by a customer regarding the order identified below.', '', 'Order#: 111-3333333-4444444',
      'Details: The customer reports that the parcel shows no movement.', '', "Customer's comments:", 'Still nothing on the tracking page. When will it get here?', '',
      'Please contact the customer regarding the details.',
    ].join('\n')), shippedClassifyRules());
    expect(c.text).toBe('Still nothing on the tracking page. When will it get here?');
    expect(c.intents).toEqual(['delivery_status']);
  });
});
