// The categories the guard missed or blocked wrongly on guard-r35 (held out until guard-r37 was written, then
// read; docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('a small extra tucked into the box as a thank-you for words on the product page', () => {
    expect(en('If you could share a few words about the mug on its product page, I will tuck a coaster into the box with your next order as my thank-you.')).toContain('review-incentive');
  });

  it('a warranty stretched for a review, a refill "on me" for one', () => {
    expect(en('Leave your thoughts on the listing after a week and I will stretch the warranty to two years.')).toContain('review-incentive');
    expect(en('Use it for a month and write up how it went on the listing. Do that and the next filter is on me.')).toContain('review-incentive');
  });

  it('happy buyers heard from on the product page', () => {
    expect(en('We always love hearing from happy gardeners on the product page.')).toContain('review-request');
  });

  it('top marks hoped for when Amazon asks for a rating', () => {
    expect(en('When Amazon asks you to rate this purchase, we hope you feel we have earned top marks.')).toContain('review-request');
  });

  it('a rating asked for if the goods bring a smile', () => {
    expect(en('If the scarf brings a smile, I would be grateful if you passed that smile along with a rating on Amazon.')).toContain('review-request');
  });

  it('satisfied customers invited to share positive experiences', () => {
    expect(en('We invite our satisfied customers to share their positive experiences with other cooks.')).toContain('review-request');
  });

  it('a pet retailer that carries it for less', () => {
    expect(en('Between you and me, Chewy carries a compatible pump for about ten dollars.')).toContain('marketing');
  });

  it('a product just started, gone up on the shop, "something you might like"', () => {
    expect(en('Something you might like: we have just started making a smaller pan, and it went up on our Amazon store last week.')).toContain('marketing');
  });

  it('thirty percent off everything listed', () => {
    expect(en('FYI, every lamp I have listed is 30 percent off through Sunday.')).toContain('marketing');
  });

  it('prices going up on the whole range: "now is a great time to stock up"', () => {
    expect(en('Prices on our entire seed range go up in January, so now is a great time to stock up.')).toContain('marketing');
  });

  it('praise asked for if the buyer thinks it good, complaints here first (ja)', () => {
    expect(ja('「これいいじゃん」と思ってもらえたら、レビューで褒めてもらえるとうれしいです。')).toContain('review-request');
    expect(ja('逆にイマイチだったら、レビューに書くのはちょっと待って、先にこっちに言ってください。')).toContain('review-request');
  });

  it('a high rating asked for with the buyer\'s thoughts (高いご評価とともに…お寄せください)', () => {
    expect(ja('商品が届きましたら、ぜひ高いご評価とともにご感想をお寄せください。')).toContain('review-request');
  });

  it('a toll-free number dictated in pieces', () => {
    expect(ja('番号はフリーダイヤル「0120」に続けて「55」「1234」でございます。')).toContain('contact-channel');
  });

  it('new goods to be put on the shop, to keep in mind; a new product to search for on Amazon', () => {
    expect(ja('来月、新しい根付をAmazonの手前どもの店に並べますので、お気に留めておいてくださいまし。')).toContain('marketing');
    expect(ja('この夏から羊羹を商品としてお出しできることになりました。Amazonで「みどり茶園 羊羹」と打っていただければ出てまいります。')).toContain('marketing');
  });
});

// A violation of r33 that only the judge caught, until the judge retrained on r35 let it pass: now a rule's.
describe('blocked by a rule, no longer by the judge alone', () => {
  it('an extra (オマケ, in katakana) for buyers who write a review', () => {
    expect(ja('レビューを書いてくれたお客さんには、次のお届けのときに替えの部品を1つオマケで付けています。')).toContain('review-incentive');
  });
});

describe('still allowed', () => {
  it('"rather than on a phone call"', () => {
    expect(en('I would like to keep our conversation here in Amazon\'s messages rather than on a phone call.')).toEqual([]);
  });

  it('how Amazon lets the buyer edit a review, if they ever want to', () => {
    expect(en('If you ever do want to edit a review, Amazon lets you do it from Your Orders.')).toEqual([]);
  });

  it('a coupon shown on the product page, explained (商品ページに表示されていた「10%OFFクーポン」)', () => {
    expect(ja('商品ページに表示されていた「10%OFFクーポン」は、Amazonのクーポン機能によるものです。')).toEqual([]);
  });

  it('the buyer\'s wish for a call named back as お気持ち, then turned down', () => {
    expect(ja('お電話で直接お話ししたいとのお気持ち、ありがたく承りました。ただ、お電話でのご対応はいたしかねます。')).toEqual([]);
  });
});
