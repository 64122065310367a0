// The categories the guard missed or blocked wrongly on guard-r26 (held out until guard-r29 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: a review told in everyday words, for something in return or only when happy', () => {
  it('money back once the buyer has told other shoppers', () => {
    expect(en('We will refund 15 percent back on this order once you have let other buyers know how the kettle performs.')).toContain('review-incentive');
  });

  it('shared on Amazon if the buyer is enjoying it, told to us otherwise', () => {
    expect(en('If you love the blanket, we would be over the moon if you shared that on Amazon.')).toContain('review-request');
  });

  it('the top stars when a parcel arrived in good condition', () => {
    expect(en('If the vase arrived in perfect condition, please give us five stars.')).toContain('review-request');
  });
});

describe('blocked: the words to put in a review, listed for the buyer', () => {
  it('English phrases that would help other shoppers', () => {
    expect(en('If you write a review of the jacket, mentioning "fully waterproof" and "true to size" would help other shoppers find it.')).toContain('review-request');
  });

  it('Japanese points given as examples to write', () => {
    expect(ja('商品ページにご感想をいただけるなら、「香りが良い」「包装が丁寧」あたりを書いていただけますと助かります。')).toContain('review-request');
  });
});

describe('blocked: selling off Amazon through crowdfunding, and other products pitched on Amazon', () => {
  it('a new game backed on Kickstarter for less', () => {
    expect(en('Our next puzzle box goes to Kickstarter in May, and backers get it for a lower price than in shops.')).toContain('marketing');
  });

  it('a crowdfunding page in Japanese', () => {
    expect(ja('新しいモデルはクラウドファンディングで先行販売いたしますので、ぜひご購入をご検討ください。')).toContain('marketing');
  });

  it('what many people also pick up, in our store', () => {
    expect(en('Many people who use this tent also pick up our ground sheet; it is in our Amazon store.')).toContain('marketing');
  });

  it('an upgrade for a price, and a listing set up for the buyer', () => {
    expect(en('We also make a steel bracket as an upgrade for $9, and I can set up a listing for you today.')).toContain('marketing');
  });

  it('the next version coming out next week, in case the buyer wants one', () => {
    expect(en('Version 3 of this lamp comes out next week with a dimmer, in case you want one for the hallway.')).toContain('marketing');
  });
});

describe('still allowed', () => {
  it('a parcel that came in good condition, with no rating asked', () => {
    expect(en('I am glad the mirror arrived in good condition; hang it with the two screws in the bag.')).toEqual([]);
  });

  it('a call the buyer would prefer, turned down', () => {
    expect(en('We understand you would prefer to sort this out by phone, but we answer everything here in Amazon messages so there is a record.')).toEqual([]);
  });

  it('a free item named in the listing', () => {
    expect(en('The free pouch mentioned in the listing is in the side pocket of the box.')).toEqual([]);
  });

  it('the order history opened directly at Amazon\'s own page', () => {
    expect(ja('直接ページを開く場合は、Amazonの注文履歴からもアクセスできます。')).toEqual([]);
  });
});
