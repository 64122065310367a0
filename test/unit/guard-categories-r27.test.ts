// The categories the guard missed or blocked wrongly on guard-r27 (held out until guard-r29 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('other products the buyer would love, that customers buy all together', () => {
    expect(en('You would love our matching bread bin too. Lots of our customers order both together from our store.')).toContain('marketing');
  });

  it('shipping "on us" once the review is up (guard-r24, again blocked once the judge was retrained)', () => {
    expect(en('Tell us when your review is live and the postage on your next order will be on us.')).toContain('review-incentive');
  });

  it('the right part sent straight from the shop, cash on delivery', () => {
    expect(ja('お急ぎでしたら、当店から正しい部品を代金引換で直接お送りいたします。')).toContain('marketing');
  });
});

describe('still allowed: what the seller turns down, and a product\'s own ratings', () => {
  it('a chat on WhatsApp the seller cannot have', () => {
    expect(en('Sorry, we cannot talk on WhatsApp; Amazon keeps all buyer contact in its messages.')).toEqual([]);
  });

  it('a mailing list the shop does not run', () => {
    expect(en('We don\'t run a mailing list, so there is nothing to sign up for.')).toEqual([]);
  });

  it('a payment by e-Transfer the seller cannot take', () => {
    expect(en('We can\'t accept payment by e-Transfer; every order goes through Amazon\'s checkout.')).toEqual([]);
  });

  it('a load rating beside the price', () => {
    expect(en('Each strap is rated to 300 kg and the set of four is $35 on the same listing.')).toEqual([]);
  });

  it('a buyer\'s question about buying outside Amazon, quoted and refused', () => {
    expect(ja('「Amazonを通さずに直接買えますか？」とのご質問ですが、申し訳ございません、Amazon以外でのお取引はできない決まりでございます。')).toEqual([]);
  });

  it('a buyer\'s question about Instagram, quoted and declined', () => {
    expect(ja('「Instagramはやっていますか」とのご質問ですが、SNSのご案内は控えさせていただいております。')).toEqual([]);
  });
});
