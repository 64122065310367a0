// The categories the guard missed or blocked wrongly on guard-r20 (docs/understanding-measures.md), each
// with sentences of our own, never the corpus's: what must now be blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: a reward for changing a comment; free postage for a review (ja)', () => {
  it('a gift once the comment is modified', () => {
    expect(en('If you could edit your comment once the lamp works again, we would post you a spare bulb as a gift.')).toContain('review-incentive');
  });

  it('postage not charged next time for those who put up their impressions', () => {
    expect(ja('使ってみた感想を投稿していただいた方には、次回のご注文で送料をいただかないことにしております。')).toContain('review-incentive');
  });
});

describe('blocked: the top mark asked for in other words', () => {
  it('a full mark, anything under the highest, deserving a four or five', () => {
    expect(en('If the kettle has earned it, a full mark in your review is what keeps us going.')).toContain('review-request');
    expect(en('For a shop our size, a rating below the top really hurts, so please keep that in mind.')).toContain('review-request');
    expect(en('You rated the blanket a 2; if you think it deserves a 4 or 5 now, an update would mean a lot.')).toContain('review-request');
  });

  it('five out of five in points; the words to write in the rating box (ja)', () => {
    expect(ja('差し支えなければ、評価は5点中5でお願いできれば幸いです。')).toContain('review-request');
    expect(ja('レビューに「梱包が丁寧」と一言添えていただけると励みになります。')).toContain('review-request');
  });
});

describe('blocked: contact off Amazon in other words', () => {
  it('a phone number said as words with "then" between the groups', () => {
    expect(en('Our workshop line is oh-two-nine, four four one, then eight eight zero two.')).toContain('contact-phone');
  });

  it("the buyer's own mail address asked for, past a word about Amazon's limits", () => {
    expect(en('Amazon messages sometimes can not carry large files, so please write your personal mail address in your reply.')).toContain('contact-channel');
  });

  it('calling in at the workshop, a letter to the shop (ja)', () => {
    expect(en('You are welcome to bring it by our workshop at 27 Mill Street in Hebden Bridge and we will fix it on the spot.')).toContain('contact-channel');
    expect(ja('資料をご希望でしたら、お手紙でご請求ください。宛先は〒一五〇‐〇〇〇二 東京都渋谷区渋谷二丁目です。')).toContain('contact-channel');
  });
});

describe('blocked: buying off Amazon and pitches in other words', () => {
  it('the member store, the official web shop, straight from us without the markup', () => {
    expect(en('Scan the code on the leaflet to reach our member store, where refills cost less than on Amazon.')).toContain('marketing');
    expect(en('For spare filters, please visit our brand official web shop.')).toContain('marketing');
    expect(en("Next time, if you order straight from us, you won't pay the Amazon markup.")).toContain('marketing');
  });

  it('a shop address spelled in kana with ドット・コム (ja)', () => {
    expect(ja('在庫の一覧は、こもれび・ざっか・ドット・コムでご覧いただけます。')).toContain('marketing');
  });

  it('paired with another listing, a mailing list, our shop name to click', () => {
    expect(en('Plenty of riders pair this bottle with our insulated cage, ASIN B0ABCDE123.')).toContain('marketing');
    expect(en('We send a short monthly note about new arrivals. Reply yes and we will add you.')).toContain('marketing');
    expect(en('Many customers who bought this kettle also pick our tea caddy; click our shop name on the product page to see it.')).toContain('marketing');
  });

  it('a preorder or a new line starting, then the nudge (ja)', () => {
    expect(ja('来月からお歳暮用の詰め合わせの予約を始めますので、ぜひご利用ください。')).toContain('marketing');
    expect(ja('春には新しい茶葉の出荷も始まりますので、当店の出品一覧ものぞいてみてください。')).toContain('marketing');
  });
});

describe('still clean', () => {
  it("a sale or coupon the seller declines to talk about; Amazon's coupon system (ja)", () => {
    expect(ja('今後のセールの予定につきましては、こちらでご案内することができかねます。')).toEqual([]);
    expect(ja('クーポンの適用はAmazonのシステムが判定しており、今回は配布期間が終わっていたようです。')).toEqual([]);
  });

  it('an app the buyer offered, a call the buyer tried to make', () => {
    expect(en('Thanks for offering to move this to WhatsApp; we keep every conversation here in Amazon messages.')).toEqual([]);
    expect(en('Customer service told us you tried to phone us about the heater; we only answer here, and we are sorry for the trouble.')).toEqual([]);
  });

  it('a return address for a return, an insert card, a review left to the buyer', () => {
    expect(en('Please send the faulty unit back to 14 Harbour Road, Whitby, using the prepaid label.')).toEqual([]);
    expect(en('The insert card shows how to descale the machine.')).toEqual([]);
    expect(en("What you write in your review is up to you, and it won't change how we handle this.")).toEqual([]);
    expect(ja('返品の際は、〒530-0001 大阪府大阪市北区梅田1-2-3 までお送りください。')).toEqual([]);
  });
});

// From a review of these categories by a helper who tried them on replies of its own.
describe('still clean after review: the new ideas where a careful seller uses the same words', () => {
  it('an address to ship to or return to, a post office to drop it at, a letter in the parcel (ja)', () => {
    expect(en('The replacement will come in a new box. We will ship it to 45 Oak Street as on your order.')).toEqual([]);
    expect(en('Please return it to 12 Market Street, London. You can drop it by any Post Office.')).toEqual([]);
    expect(ja('郵便局へのお持ち込みで返送をお願いいたします。返送先：〒150-0001 東京都渋谷区神南1-2-3')).toEqual([]);
  });

  it("a product's perfect score, a battery mark, a long weekend, a gift the buyer bought, a label to fill in, a one-off email", () => {
    expect(en('This blender got a perfect score in independent testing.')).toEqual([]);
    expect(en('If the battery indicator shows a mark below five bars, please charge it overnight.')).toEqual([]);
    expect(en('You deserve a 4-day weekend after all that hassle!')).toEqual([]);
    expect(en("We read your review; we're sorry the mug you bought as a gift arrived chipped.")).toEqual([]);
    expect(en('Please write your name, address and phone number on the return label so the carrier can contact you.')).toEqual([]);
    expect(en('Reply "yes" to confirm and we\'ll send you a short email with the new tracking number.')).toEqual([]);
  });

  it('postage waived on this reshipment, Amazon itself spelled out, a replacement shipping, a review quoted back (ja)', () => {
    expect(ja('レビューで送料についてご指摘いただきました件、今回の再発送は送料をいただかずにお送りいたします。')).toEqual([]);
    expect(ja('アマゾン・ドット・コムでご購入の際の領収書は、注文履歴から発行できます。')).toEqual([]);
    expect(ja('交換品の出荷が始まりました。届きましたら、箱の底を覗いてみてください。')).toEqual([]);
    expect(ja('レビューに「サイズが小さい」と書いていただいた件、大変申し訳ございません。')).toEqual([]);
  });
});

describe('still blocked after review: what an excuse must not let through', () => {
  it("a reward beside 'up to you' or a review the buyer offered; a cheaper web store the buyer wanted to know about", () => {
    expect(en("We'd love a review! It's up to you, but everyone who reviews gets a free sample.")).toContain('review-incentive');
    expect(en("Thanks for offering to leave a review! Once it's up, we will send you a $10 gift card.")).toContain('review-incentive');
    expect(en('You wanted to know about other colours: our official web store has them all, and they cost less there.')).toContain('marketing');
  });
});
