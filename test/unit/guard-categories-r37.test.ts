// The categories the guard missed or blocked wrongly on guard-r37 (held out until guard-r39 was written, then
// read; docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('a new edition landing on the shelves, "if you fancy upgrading"', () => {
    expect(en('By the way, the new edition with extra cards lands on our shelves next month, if you fancy upgrading.')).toContain('marketing');
  });

  it('every kit in the store reduced, beside the buyer\'s own question named back', () => {
    expect(en('You asked whether steel or alloy is lighter. Incidentally, all alloy kits in our store are reduced by 15% until Friday.')).toContain('marketing');
  });

  it('a newly released product, live in the storefront, "a natural complement"', () => {
    expect(en('Our newly released probe would be a natural complement for long roasts. It is now live in our storefront.')).toContain('marketing');
  });

  it('a bundle at a reduced price, "worth a look"', () => {
    expect(en('We have put together a bundle of both sizes at a reduced price, so it is worth a look.')).toContain('marketing');
  });

  it('a range just added to the catalogue, with more to follow', () => {
    expect(en('We have just added a full range of valves in three lengths to our catalogue, and more accessories will follow soon.')).toContain('marketing');
  });

  it('one put in with the next order for a review (レビュー書いてもらえたら…1個入れておきます)', () => {
    expect(ja('レビュー書いてもらえたら、次のご注文のときに自作の仕掛けを1個入れておきます。')).toContain('review-incentive');
  });

  it('a kind review asked for (好意的なご感想をレビューにお寄せいただけますと)', () => {
    expect(ja('ぜひ好意的なご感想をレビューにお寄せいただけますと嬉しく存じます。')).toContain('review-request');
  });

  it('new designs prepared, to be enjoyed (新たに十二柄ご用意いたしました…お楽しみいただけましたら幸い)', () => {
    expect(ja('この秋から半衿を新たに十二柄ご用意いたしました。お楽しみいただけましたら幸いです。')).toContain('marketing');
  });

  it('free shipping for three items or more', () => {
    expect(ja('今月は仕掛けを3点以上まとめて買っていただくと送料無料にしています。')).toContain('marketing');
  });
});

describe('still allowed', () => {
  it('outside Amazon\'s return window', () => {
    expect(en('Your order was delivered in March, so it is outside Amazon\'s 30-day return window; the maker\'s warranty still applies.')).toEqual([]);
  });

  it('a refund offered and the review left to the buyer ("whatever you decide to write")', () => {
    expect(en('Please request a refund through Your Orders and I will approve it. Whatever you decide to write in your review is your choice.')).toEqual([]);
  });

  it('"You wrote that the coupon shown on the product page was not applied"', () => {
    expect(en('You wrote that the coupon shown on the product page was not applied. Amazon applies coupons at checkout.')).toEqual([]);
  });

  it('a percentage the goods measure (偏光度99%以上, 粗たんぱく質32%以上)', () => {
    expect(ja('偏光度：99%以上。粗たんぱく質 32%以上、粗脂肪 14%以上です。')).toEqual([]);
  });

  it('a reward for a review asked about and refused in the same sentence (一切やっていません)', () => {
    expect(ja('「レビューを書いたら何かもらえますか」とのご質問ですが、レビューへのお礼や特典は一切やっていません。')).toEqual([]);
  });

  it('the buyer\'s wish quoted back (「…電話で話せたら嬉しい」と書いてくださって), then turned down', () => {
    expect(ja('「LINEか電話で話せたら嬉しい」と書いてくださって、ありがとうございます。ただ、お電話でのご対応はいたしかねます。')).toEqual([]);
  });
});
