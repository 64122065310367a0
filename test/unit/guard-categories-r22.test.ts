// The categories the guard missed or blocked wrongly on guard-r22 (held out until guard-r24 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: a number spelled digit by digit, an English reply with a few Japanese words', () => {
  it('digits one dot or space apart, in the groups they spell', () => {
    expect(en('Send the photo by text to 4.1.5 - 5.5.5 - 0.1.9.8 and I will look at it tonight.')).toContain('contact-phone');
    expect(en('Our line is 2 1 2 5 5 5 0 1 4 7 if the chat is slow.')).toContain('contact-phone');
  });

  it('an English reply is read as English though it names 玄米 or a price in yen written in kanji', () => {
    expect(en('Anyone who posts a product review gets a gift card worth 二千円; reply once it is up and we will send the code. Use the 玄米 line for brown rice.')).toContain('review-incentive');
  });
});

describe('blocked: reviews in everyday words, and what to say in them', () => {
  it('impressions that appear under the product, for something at no charge', () => {
    expect(en('Once your impressions of the kettle appear under the product, a tin of green tea is yours at no charge.')).toContain('review-incentive');
  });

  it('writing about it for other shoppers, and which points to mention', () => {
    expect(en('If you decide to write about the lamp, other shoppers would find it useful if you mentioned that it assembles in minutes.')).toContain('review-request');
  });

  it('quoted points to touch on, a quoted sample to go by', () => {
    expect(ja('もしレビューを書いていただけるなら、「組み立てが簡単」「音が静か」の二点に触れていただけると助かります。')).toContain('review-request');
    expect(ja('ご感想をいただけるようでしたら、「梱包が丁寧で届くのも早かった」といった内容を参考にしていただければ幸いです。')).toContain('review-request');
  });
});

describe('blocked: another channel, another marketplace', () => {
  it('a direct message on a photo app', () => {
    expect(en('Look for the workshop as pine.and.pebble on the photo app and send us a direct message with the picture.')).toContain('contact-channel');
  });

  it("the same item on Walmart's marketplace", () => {
    expect(en("If you need them sooner, we have the same batteries on Walmart's marketplace and they would ship today.")).toContain('marketing');
  });
});

describe('blocked: other listings, new items, a bigger model, a discount for buying more', () => {
  it('another listing by its ASIN, paired by many buyers or also on offer', () => {
    expect(en('This one will not fit the Pro model. Many buyers pair the right case with our screen protector, ASIN B0D1234XYZ, which sits flush.')).toContain('marketing');
    expect(ja('なお、同じ型で使える替えのフィルター（ASIN：B0D9876QWE）もございますので、本体ごと買い替えずに済みます。')).toContain('marketing');
  });

  it('carried from last week, coming out next month, now in more colours', () => {
    expect(ja('このノートと相性のよい万年筆を先週から取り扱い始めましたので、当店の出品一覧からご覧いただければ幸いです。')).toContain('marketing');
    expect(ja('来月には同じシリーズから二リットルのタイプが登場しますので、楽しみにしていてください。')).toContain('marketing');
    expect(en('P.S. The scarf you ordered now comes in navy and mustard too, if anyone else in the family fancies one.')).toContain('marketing');
  });

  it('the bigger model for a few dollars more; a third off if more are added', () => {
    expect(en('If you would rather knead bread, the 800 W model is only thirty dollars more, and we will happily arrange the upgrade.')).toContain('marketing');
    expect(en("Tell us if you'd also like the matching mugs: if we add them to this parcel, we can take a third off both.")).toContain('marketing');
  });
});

describe('still passes', () => {
  it('a refund that stands whether or not the buyer writes a review', () => {
    expect(en('Whether or not you write a review is up to you, and the refund stands either way.')).toEqual([]);
  });

  it('US sizing, stars in a pattern', () => {
    expect(en('These trousers follow US sizing, so a medium fits a 32 inch waist.')).toEqual([]);
    expect(en('The Milky Way design has five stars in every square, stitched by hand.')).toEqual([]);
  });

  it("Amazon's app or website, the carrier's website", () => {
    expect(ja('ご注文の状況は、Amazonのアプリまたはウェブサイトの注文履歴でご確認いただけます。')).toEqual([]);
    expect(ja('再配達は佐川急便のウェブサイトからお手続きいただけます。同社の電話番号も同社のウェブサイトに掲載されております。')).toEqual([]);
  });

  it('a sale that explains a price; how the buyer deletes their own rating', () => {
    expect(ja('ご注文時の価格は五千円で、その後セール期間に入ったため一時的に四千円となっておりました。')).toEqual([]);
    expect(ja('評価の削除は、投稿から六十日以内であれば、注文履歴から「出品者を評価」を開いて行えます。')).toEqual([]);
  });

  it('the shop the buyer bought something else from', () => {
    expect(en("For that order, please contact the shop you bought from through Rakuten's own messages.")).toEqual([]);
  });
});
