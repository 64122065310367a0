// The categories the guard missed or blocked wrongly on guard-r24 (held out until guard-r26 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: contact details asked for, payment and letters outside Amazon', () => {
  it('"what\'s a good personal email for you?"', () => {
    expect(en("The manual is too large to attach here. What's a good personal email for you?")).toContain('contact-channel');
  });

  it('Zelle as a verb', () => {
    expect(en('Just Zelle the difference to our business account and I will ship the larger size.')).toContain('marketing');
  });

  it('advice by letter to the shop, its address two lines below', () => {
    expect(ja('色の組み合わせでお迷いでしたら、下記の住所の店主宛てにお手紙でご相談ください。\n返信用封筒を同封していただければお返事いたします。\n〒604-0000 京都市中京区三条通 和雑貨 すずめ屋')).toContain('contact-channel');
  });
});

describe('blocked: stars asked for, other listings, more for less', () => {
  it('★4 or more asked for', () => {
    expect(ja('評価が下がると検索に出にくくなるため、お手数ですが★4以上でのご評価をお願いいたします。')).toContain('review-request');
  });

  it('an accessory kit "a lot of our customers" add to the cart while it is marked down', () => {
    expect(en('A lot of our customers with cats also pick up our grooming kit, ASIN B0D2222BBB, and it is worth adding to your cart while it is marked down.')).toContain('marketing');
  });

  it('what to leave out of a review', () => {
    expect(en("If you're writing about it on Amazon, could you leave the delivery delay out? It wasn't the product's fault.")).toContain('review-request');
  });

  it('a free one for buying more', () => {
    expect(en('Until Friday, if you buy two more tins we will add a third one free.')).toContain('marketing');
  });
});

describe('still passes', () => {
  it('a bracket rated for 110 pounds; 500 pounds of coffee', () => {
    expect(en('The bracket is rated for 110 pounds, so you have plenty of margin. If a bolt is missing, tell me which.')).toEqual([]);
    expect(en('The burrs stay sharp for about 500 pounds of coffee.')).toEqual([]);
  });

  it('a channel or a call turned down: お受けしておらず, ご対応はしておらず', () => {
    expect(ja('当店ではSNSのダイレクトメッセージでのご相談はお受けしておらず、お問い合わせはすべてAmazonのメッセージで承っております。')).toEqual([]);
    expect(ja('メッセージにお電話番号を書いていただきましたが、当店ではお電話でのご対応はしておらず、すべてこちらでお返事しております。')).toEqual([]);
  });

  it('direct trade asked about and turned down', () => {
    expect(ja('直接取引にすれば安くなるか、とのご質問ですが、当店ではAmazon以外でのご注文はお受けしておらず、価格は商品ページのとおりです。')).toEqual([]);
  });
});
