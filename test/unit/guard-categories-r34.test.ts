// The categories the guard missed or blocked wrongly on guard-r34 (held out until guard-r36 was written, then
// read; docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('another item the seller sells, with its ASIN ("We sell a…")', () => {
    expect(en('We sell a cleaning kit for this model, ASIN B0AAAA1111, for $9.99. Add it to your cart before you start.')).toContain('marketing');
  });

  it('pre-orders open, with "don\'t miss it" (not a refusal)', () => {
    expect(en('Our new range is nearly here! Pre-orders open on Amazon next month, the colours many of you asked for. Set a reminder so you don\'t miss it!')).toContain('marketing');
  });

  it('the rest of the same series recommended (同じシリーズの…もおすすめ)', () => {
    expect(ja('同じシリーズの枕カバー（2,480円）とシーツ（3,980円）もおすすめです。')).toContain('marketing');
  });
});

describe('still allowed', () => {
  it('"You asked if I can ring you", then turned down', () => {
    expect(en('You asked if I can ring you about the fitting. I do not take calls for Amazon orders; the steps are below.')).toEqual([]);
  });

  it('"…and asked me to call you", then turned down', () => {
    expect(en('I saw you left your number and asked me to call you. I will not call; everything stays in these messages.')).toEqual([]);
  });

  it('a channel asked for ("asked for our Instagram") or turned down ("move this onto WhatsApp")', () => {
    expect(en('You asked for our Instagram so you could send more photos. Please attach them here instead.')).toEqual([]);
    expect(en('I am sorry, but I cannot move our conversation onto WhatsApp. You can attach photos here.')).toEqual([]);
  });

  it('the buyer\'s words quoted back (「Instagramやってますか」と言っていただいて)', () => {
    expect(ja('「Instagramやってますか？」と言っていただいて嬉しいです。ただ、SNSのご案内はできないんです。')).toEqual([]);
  });

  it('"…and asked whether we can invoice you directly", then turned down', () => {
    expect(en('You would like ten more for your cafe and asked whether we can invoice you directly outside Amazon. We cannot; please order on the listing.')).toEqual([]);
  });

  it('other shops that take batteries back in their stores', () => {
    expect(en('Most large hardware chains accept old batteries for recycling at their in-store drop-off bins.')).toEqual([]);
  });

  it('re-ordering on Amazon while the listing\'s coupon runs', () => {
    expect(en('Since it has not shipped yet, you could cancel it from Your Orders and order again while the coupon is still running.')).toEqual([]);
  });

  it('cash on delivery named only to be turned down (代引きなどはお受けしていません)', () => {
    expect(ja('当店では、Amazonの外でのお取引（直接のお振込、代引きなど）はお受けしていません。')).toEqual([]);
  });

  it('a review named back, with nothing asked of it (お願いすることは何もありません)', () => {
    expect(ja('いただいた評価はそのままで結構です。私どもからお願いすることは何もありません。返金はAmazonの返品手続きで承ります。')).toEqual([]);
  });

  it('the buyer\'s question set out as a heading and answered no (1. 「…ありますか」 申し訳ありませんが…)', () => {
    expect(ja('1. 「レビューを書いたらおまけはありますか」\n申し訳ありませんが、ありません。Amazonの規約で禁止されています。')).toEqual([]);
  });

  it('the buyer\'s threat quoted back (「…星1のレビューを書く」とのお話) and turned down', () => {
    expect(ja('「値引きしてくれないなら星1のレビューを書く」とのお話ですが、レビューとお値引きを結びつけることはできません。')).toEqual([]);
  });

  it('a newsletter asked about, turned down (「メルマガはありますか」とのご要望…ご案内はしておりません)', () => {
    expect(ja('「メルマガはありますか」とのご要望ですが、メールマガジンのご案内はしておりません。')).toEqual([]);
  });

  it('percentages of what the goods are made of (成分、綿100%)', () => {
    expect(ja('主な成分：トルエン 10〜20%、酢酸ブチル 5〜10%。次回の作業の前に換気をお願いします。')).toEqual([]);
  });
});
