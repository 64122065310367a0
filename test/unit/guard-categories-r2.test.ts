// The categories the guard misread on its second blind round (guard-r2, docs/understanding-measures.md),
// each with sentences of our own, never the corpus's: what must now be blocked, and what is the ordinary
// talk of a seller and must pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: violations phrased in ways the rules did not know', () => {
  it('a phone number spoken as English words in groups separated by commas', () => {
    expect(en('If the latch sticks again, phone the repair bench on three one zero, four four seven, two six one eight and ask for Omar.')).toContain('contact-phone');
  });

  it('asking the buyer to come to the seller before any review, "so there is no need for a bad review"', () => {
    expect(en('Before you post any rating, please write to us first so there is no need for a negative review.')).toContain('review-request');
  });

  it('asking the buyer to send details directly, or to order again directly', () => {
    expect(ja('お名前とご住所を直接こちらへ送っていただけますでしょうか。')).toContain('contact-channel');
    expect(ja('次回からは当店より直接毎月お送りいたします。')).toContain('marketing');
  });

  it('a QR code that opens a chat with the shop', () => {
    expect(ja('箱の内側のQRコードから、スタッフとチャットできる公式アカウントにつながります。')).toContain('contact-channel');
  });

  it('another marketplace where "only" the seller stocks an item, after a name ending in "!"', () => {
    expect(ja('2個入りはYahoo!ショッピングの当店でのみ販売しております。')).toContain('marketing');
  });

  it('a saving for a set and the next purchase, said in two sentences', () => {
    expect(ja('5本セットなら1本あたり150円お得です。次回はぜひセットでどうぞ。')).toContain('marketing');
  });

  it('other products pushed into the cart', () => {
    expect(ja('同じサイズに合う当店の替えカバーも好評ですので、あわせてカートに入れていただくと便利です。')).toContain('marketing');
    expect(en('Our matching lid is very popular, so add it to your cart with the next pot.')).toContain('marketing');
  });

  it('a rating level beside a review word stays a request, whatever the sentence says about the item', () => {
    expect(ja('商品の状態にご満足いただけましたら、「非常に良い」の評価をお願いいたします。')).toContain('review-request');
  });

  it('the telephone channel is still a channel next to a phone product', () => {
    expect(ja('電話機の設定は、こちらからお電話でご説明いたします。')).toContain('contact-channel');
  });
});

describe('passes: ordinary seller talk the rules took for violations', () => {
  it('"your phone" as the buyer\'s device, in a text with a decimal number', () => {
    expect(en('The speaker only pairs on 2.4 GHz. Please move your phone closer and tell us if it connects.')).toEqual([]);
  });

  it('"free" as at liberty, beside a review', () => {
    expect(en('Please feel free to write an honest review whenever you like.')).toEqual([]);
    expect(en('You are of course free to leave any feedback you think is fair.')).toEqual([]);
  });

  it('a tracking number printed in groups of four, and a barcode printed under its bars', () => {
    expect(en('Your parcel is on its way, USPS tracking 9400 1206 9933 0481 5672 09, due Thursday.')).toEqual([]);
    expect(en('The replacement filter (UPC 0 71249 33812 6) ships tomorrow.')).toEqual([]);
  });

  it('an app the product works with', () => {
    expect(en('Yes, the headset works with Skype and Zoom calls on any laptop.')).toEqual([]);
  });

  it("a used item's condition grade", () => {
    expect(ja('こちらの古書は「非常に良い」のコンディションで、ページの折れはございません。')).toEqual([]);
  });

  it('the telephone as the product ordered', () => {
    expect(ja('ご注文の留守番電話機は、録音ボタンを長押しすると設定できます。よろしくお願いいたします。')).toEqual([]);
  });

  it('a sale the buyer reports back', () => {
    expect(ja('タイムセールの期間限定価格でご購入いただいたとのことですが、価格は Amazon の表示のとおりです。')).toEqual([]);
  });

  it('ライン as a fishing line or a cable, not the app', () => {
    expect(ja('ご注文のライン（ナイロン 3 号、100m）の結び方についてのご質問にお答えします。')).toEqual([]);
  });

  it("a return QR code shown at the carrier's counter", () => {
    expect(ja('返品受付で表示されるQRコードを郵便局の窓口でご提示ください。')).toEqual([]);
  });

  it('"直接" inside a how-to, beside a number and 以上', () => {
    expect(ja('洗剤は直接本体に入れず、30℃以上のお湯で薄めてからお使いください。')).toEqual([]);
  });
});
