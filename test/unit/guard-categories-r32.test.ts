// The categories the guard missed or blocked wrongly on guard-r32 (held out until guard-r33 and r34 were
// written, then read; docs/understanding-measures.md), each with sentences of our own, never the corpus's: what
// must now be blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('something of the seller\'s "yours if" the buyer leaves feedback', () => {
    expect(en('I have a spare strap here that is yours if you would not mind leaving us feedback once it arrives.')).toContain('review-incentive');
  });

  it('the rest of a range, found by searching Amazon', () => {
    expect(en('The Corvo range also has a matching soap dish. If you search "Corvo" on Amazon it will come right up.')).toContain('marketing');
  });

  it('a batch just in, held for the buyer', () => {
    expect(en('We just got a batch of five lenses in from a studio. They do not hang around long, so let me know and I will hold one for you.')).toContain('marketing');
  });

  it('a tenth off said with お (一割お引き), and いかがでしょう without か', () => {
    expect(ja('十二月十日までにお求めの方には一割お引きいたしますので、いかがでしょう。')).toContain('marketing');
  });

  it('asking the buyer not to post until an exchange is done', () => {
    expect(en('We would kindly ask you not to post anything about the jacket on Amazon until the exchange is done.')).toContain('review-request');
  });
});

describe('still allowed', () => {
  it('the buyer\'s wish named back without quotes (…したいとのお便り), then turned down', () => {
    expect(ja('剪定の仕方を電話で聞きたいとのお便り、拝見いたしました。お電話でのご案内はいたしかねますので、こちらでお答えします。')).toEqual([]);
  });

  it('a percentage that measures the goods (発芽率80%以上)', () => {
    expect(ja('袋の「発芽率80%以上」は出荷前の試験の結果です。次回もよろしくお願いします。')).toEqual([]);
  });

  it('"I do understand you\'d like to talk by phone, and I\'m sorry…"', () => {
    expect(en('I do understand you would like to talk this over by phone, and I am sorry to have to say no. We answer everything here.')).toEqual([]);
  });

  it('the details Amazon already holds, used by the carrier', () => {
    expect(en('The carrier will text a delivery window, using the contact details Amazon already holds for your address.')).toEqual([]);
  });
});
