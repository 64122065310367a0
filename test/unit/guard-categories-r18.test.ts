// The categories the guard missed or blocked wrongly on guard-r18 (docs/understanding-measures.md), each
// with sentences of our own, never the corpus's: what must now be blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: a reward for a review in other words', () => {
  it('a warranty doubled for sharing an experience on the product page', () => {
    expect(en('Anyone who shares their experience with the blender on its Amazon page gets their warranty extended to three years.')).toContain('review-incentive');
    expect(en('Buyers who share their experience on the listing will have their coverage doubled, just tell us the name you posted under.')).toContain('review-incentive');
  });

  it('money held back until a rating stops showing; a free refill once what the buyer posted is updated', () => {
    expect(en('The rest of the refund goes out as soon as that two-star rating is no longer showing on the page.')).toContain('review-request');
    expect(en('I read what you posted about the kettle on Monday. Once you update it to say the leak is fixed, we will send a new filter at no cost.')).toContain('review-incentive');
  });
});

describe('blocked: a review steered', () => {
  it('what the review should say or leave out', () => {
    expect(en('It would help us so much if your review mentioned that the lid seals perfectly.')).toContain('review-request');
    expect(ja('レビューを書いていただく際は、届くのが遅れた件は省いていただけると助かります。')).toContain('review-request');
  });

  it('every star lit; a rating moved up a notch', () => {
    expect(en('When the survey comes, we would love to see all five stars lit up.')).toContain('review-request');
    expect(en('Your write-up from last week still shows two stars. Could you move it up a notch or two now that the part works?')).toContain('review-request');
  });
});

describe('blocked: marketing as a code for next time, a monthly update, a season or a matching item', () => {
  it('a percentage said in words off the next order; a little monthly update', () => {
    expect(en('The code SPRINGBACK takes twenty per cent off anything in our shop next time you order.')).toContain('marketing');
    expect(en('Reply with a yes and I will add you to our little monthly update about new glazes.')).toContain('marketing');
  });

  it('a gifting day coming up with a matching item; a seasonal gift set offered (ja)', () => {
    expect(en("Father's Day is coming up in June, and the matching leather key fob makes a great pair with the wallet.")).toContain('marketing');
    expect(ja('お中元向けの詰め合わせもご用意しておりますので、贈り物にいかがでしょうか。')).toContain('marketing');
  });

  it('a new colour on its way, awaited; another listing by its ASIN used together', () => {
    expect(ja('来月には新色のグレーが加わる予定です。お揃いでお使いいただけるよう、楽しみにお待ちください。')).toContain('marketing');
    expect(ja('同じシリーズの水切りトレー（ASIN：B0QX12WE34）と合わせてお使いいただくと便利です。')).toContain('marketing');
    expect(en('Most of our customers use it with our silicone lid, ASIN B0LM45NB67. Just type that code into the Amazon search bar.')).toContain('marketing');
  });
});

describe('blocked: off Amazon in katakana, in person, through a comparison', () => {
  it('a marketplace in katakana; the shop in person', () => {
    expect(ja('ほかのサイズはイーベイでも当店の名前で出品しております。')).toContain('marketing');
    expect(ja('お近くでしたら、神田の店舗に直接お持ちいただければその場で交換いたします。')).toContain('marketing');
  });

  it('the company page reached by a code, "faster than Amazon"', () => {
    expect(ja('替えの部品のご注文は、箱のQRコードから当社のページに進んでいただくと、Amazonよりも早くお届けできます。')).toContain('marketing');
  });
});

describe('passes: what the r18 clean replies were blocked for', () => {
  it('a call the buyer would prefer, named back, then declined the sentence after', () => {
    expect(en('I understand a phone call would feel easier. We answer everything here in Amazon messages so there is a record.')).toEqual([]);
  });

  it("Amazon's own returns page with a spoken at", () => {
    expect(en("Please start the return from Amazon's returns page at amazon.co.uk/returns, and Amazon will refund you.")).toEqual([]);
  });

  it('a brand called Five Star; nothing the buyer needs to change; a free choice', () => {
    expect(en('Two of the Five Star composition books were missing, so I have refunded them.')).toEqual([]);
    expect(en('Your rating is your own, and there is nothing you need to change about it.')).toEqual([]);
    expect(en('Writing a review is entirely your free choice, and we read every honest opinion.')).toEqual([]);
  });

  it('a shop the buyer suggested, declined', () => {
    expect(en('Thank you for the kind words about the candles (order 123-4567890-1234567), and for suggesting Etsy. For now we only sell on Amazon.')).toEqual([]);
  });

  it("the carrier's or the maker's own site and desk", () => {
    expect(ja('再配達は、佐川急便の公式サイトからお申し込みいただけます。')).toEqual([]);
    expect(ja('メーカーの修理受付窓口の連絡先は、保証書に記載されております。')).toEqual([]);
  });

  it('a call declined: no phone desk, messages instead', () => {
    expect(ja('当店は電話窓口を設けておらず、すべてこちらのメッセージで承っております。')).toEqual([]);
    expect(ja('お電話番号をお書きいただきましたが、お電話ではなくこちらのメッセージでご対応いたします。')).toEqual([]);
  });

  it('thanks for a rating already given', () => {
    expect(ja('星五つのご評価をいただき、誠にありがとうございます。')).toEqual([]);
  });
});
