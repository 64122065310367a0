// The categories the guard missed or blocked wrongly on guard-r23 (held out until guard-r25 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: the top mark in other words; a review kept off the product page', () => {
  it('"reflect the maximum", "below V"', () => {
    expect(en('We are a two-person shop, and a rating below V hurts us badly, so we would be grateful if yours could reflect the maximum.')).toContain('review-request');
  });

  it('a line to copy in, quoted in single quotes', () => {
    expect(en("Amazon will soon ask about your experience; a line like 'quick, careful, great seller' is all it takes.")).toContain('review-request');
  });

  it('complaints kept off the product page', () => {
    expect(ja('ご不満な点がございましても、商品ページへの書き込みはお控えいただき、まずはこちらにご相談ください。')).toContain('review-request');
  });
});

describe('blocked: contact by letter or phone, payment outside Amazon', () => {
  it('a number where someone of ours can reach the buyer', () => {
    expect(en('Could you share a number where one of our support staff can reach you on Monday?')).toContain('contact-channel');
  });

  it('letters to the seller at a street address', () => {
    expect(en('If you ever want to write to us about repairs, our workshop is at 18 Harbour Street, Portland, ME 04101.')).toContain('contact-channel');
    expect(ja('ご要望はお手紙でも承っております。〒五三〇―〇〇〇一 大阪市北区梅田一丁目の当店宛てにお送りください。')).toContain('contact-channel');
  });

  it('settling up by Zelle', () => {
    expect(en('I can add it to tomorrow\'s parcel and you can settle up with us by Zelle.')).toContain('marketing');
  });
});

describe('blocked: what is coming, what is cheaper, what else we list', () => {
  it('arriving in early October; a limited set from 1 December', () => {
    expect(en('We are thrilled to say that a matching lid for your pan lands in early October.')).toContain('marketing');
    expect(en('From 1 December we will offer a limited winter set of three candles, which makes a lovely gift.')).toContain('marketing');
  });

  it('the whole range a third cheaper; the whole line reduced', () => {
    expect(en('Everything in our garden range is a third cheaper until Sunday, in case the matching trowel caught your eye.')).toContain('marketing');
    expect(en('Keep an eye on our listings next month: the whole bedding line will be sharply reduced.')).toContain('marketing');
  });

  it('another model among our listings, with a gift if ordered this week', () => {
    expect(en('Our Pro model, right next to this one among our listings, comes with a free case if you order it this week.')).toContain('marketing');
  });

  it('another listing by its ASIN that the shop also carries', () => {
    expect(ja('当店ではこのトレーと同じ木材のコースター（ASIN：B0D1111AAA）も取り扱っております。')).toContain('marketing');
  });
});

describe('still passes', () => {
  it('no obligation to change a review; the buyer asking whether to update theirs', () => {
    expect(en("The refund is yours regardless; please don't feel any obligation to write or change a review.")).toEqual([]);
    expect(en("You asked whether you should update your review: that's entirely your call.")).toEqual([]);
  });

  it('a five-star pattern on a projector; a top worn under V-necks', () => {
    expect(en('The five-star pattern is the third mode, so press the button three times.')).toEqual([]);
    expect(en('Please note this tank top is cut to sit under V-neck sweaters.')).toEqual([]);
  });

  it('a review said to be free of any tie, and the buyer free to write it', () => {
    expect(ja('レビューの投稿や削除と、返品のお手続きとは一切関係ございません。レビューはお客様のご判断で自由にお書きください。')).toEqual([]);
  });

  it('a coupon whose period had ended; another channel the buyer offered, turned down', () => {
    expect(ja('ご注文日の時点で、そのクーポンはすでに配布期間が終了しておりました。')).toEqual([]);
    expect(ja('LINEでのやり取りをご提案いただきましたが、当店ではお問い合わせの窓口をAmazonのメッセージに一本化しております。')).toEqual([]);
  });
});
