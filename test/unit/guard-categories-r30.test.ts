// The categories the guard missed or blocked wrongly on guard-r30 (held out until guard-r31 and r32 were
// written; docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now
// be blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('a gift for a review, "as a token of thanks", put in with the next delivery', () => {
    expect(ja('商品ページにレビューをお書きくださった方には、感謝のしるしとして次回のご注文に焼き菓子を添えさせていただいております。')).toContain('review-incentive');
  });

  it('a limited bottling announced for Amazon, with a nudge', () => {
    expect(ja('来月、限定200本の新酒をAmazonに出品いたします。数に限りがございますので、お早めにご覧ください。')).toContain('marketing');
  });

  it('a sale ahead across the range ("reduced by up to 25%")', () => {
    expect(en('For your diary: in the spring event all our helmets will be reduced by up to 25%.')).toContain('marketing');
  });

  it('other goods up for pre-order', () => {
    expect(en('Our winter gift boxes are now up on Amazon for pre-order too, with a new smoked salt.')).toContain('marketing');
  });
});

describe('still allowed', () => {
  it('the carrier using the details Amazon gave it', () => {
    expect(en('The courier will send you a two-hour window on the day, using the contact details Amazon gave them.')).toEqual([]);
  });
});

describe('blocked: something new added to the listings, with a nudge', () => {
  it('"we\'ve just added a new one to our Amazon listings… keep an eye out for it"', () => {
    expect(en('P.S. We have just added a new smoked chili oil to our Amazon listings. Keep an eye out for it next time you order!')).toContain('marketing');
  });
});
