// The categories the classifier misread on classify-r21 (docs/understanding-measures.md), each with
// messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '小川 - Amazonマーケットプレイス <u4k8x2p9m3w7q1r@marketplace.amazon.co.jp>';
const RELAY_US = 'Alex - Amazon Marketplace <z9w4k2r7m3p8x1q@marketplace.amazon.com>';
const rules = shippedClassifyRules();

describe("the buyer's words on Amazon's European sites and in a Japanese A-to-z claim", () => {
  it('between 「Beginn der Nachricht」 and 「Ende der Nachricht」', () => {
    const body = ['Bestellnummer 302-1111111-2222222:', '1 von Teekanne Gusseisen [ASIN: B0AAAAAAAA]', '', '------------- Beginn der Nachricht -------------', '', 'The lid is cracked.', '', '------------- Ende der Nachricht -------------'].join('\n');
    const result = classify(mail('Jonas - Amazon Marketplace <k2m9x4w7q1r8p3z@marketplace.amazon.de>', 'Anfrage', body), rules);
    expect(result.text).toBe('The lid is cracked.');
    expect(result.intents).toEqual(['defect']);
  });

  it('after 申請内容(お客様のコメント):', () => {
    const body = ['注文番号: 250-1111111-2222222', '申請理由: 商品に欠陥がある', '申請内容(お客様のコメント): 電源を入れても充電されません。', '', 'Amazon.co.jp'].join('\n');
    const result = classify(mail('atoz-guarantee-no-reply@amazon.co.jp', 'Amazonマーケットプレイス保証申請', body), rules);
    expect(result.text).toContain('電源を入れても充電されません');
    expect(result.intents).toContain('defect');
  });
});

describe('defects in other words', () => {
  it('fewer in the pack than ordered; a colour other than ordered; a part come off; a fake; stains and mould', () => {
    expect(intents(RELAY_US, 'Inside the bag was only one pillowcase, not two.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'I ordered the navy set but the sheets that arrived are plainly black, not navy.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The strap came clean off the second day.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'This is a fake, the logo is printed crooked.')).toEqual(['defect']);
    expect(intents(RELAY_JP, '箱を開けたら、布にシミのような跡が二か所ありました。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '袋の底にカビのような黒い点がありました。')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The bread bin smells mouldy inside.')).toEqual(['defect']);
    expect(intents(RELAY_JP, '何度つないでも充電されません。')).toEqual(['defect']);
  });

  it("not the first item's fault, put right this time", () => {
    expect(intents(RELAY_JP, '最初の品は縁が欠けていて残念でしたが、今回はきれいに届きました。')).toEqual([]);
  });
});

describe('returns done, delivery and address in other words', () => {
  it('a return already sent back is no return asked for', () => {
    expect(intents(RELAY_JP, 'ご案内どおり返品の手続きをして、本日返送いたしました。')).toEqual([]);
  });

  it('still nothing, days gone by; thanks for a tracking number is no delivery question', () => {
    expect(intents(RELAY_US, "Still nothing. It's now been 15 days.")).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'Thank you for the tracking number, the parcel came this morning.')).toEqual([]);
  });

  it('a new address misspelt; a house number corrected', () => {
    expect(intents(RELAY_US, 'I move flat last month, please send to my new adress: 4 Elm Road.')).toEqual(['address_change']);
    expect(intents(RELAY_JP, '番地が「2-14-3」になっていますが、正しくは「2-41-3」です。')).toEqual(['address_change']);
  });
});
