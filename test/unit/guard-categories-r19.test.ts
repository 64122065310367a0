// The categories the guard missed or blocked wrongly on guard-r19 (docs/understanding-measures.md), each
// with sentences of our own, never the corpus's: what must now be blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: a reward for a review in other words', () => {
  it('the replacement held back until a write-up is on the listing', () => {
    expect(en('Before we ship the new blender, we would ask you to put a short write-up of it on its listing. As soon as it appears, the blender goes out.')).toContain('review-incentive');
  });

  it('a draw among reviewers; free postage once an opinion is up on Amazon', () => {
    expect(en('Each month we pick one customer at random from those who shared their thoughts on Amazon and send them a free set.')).toContain('review-incentive');
    expect(en('Shipping on your next order is on the house, as long as your opinion of this one is up on Amazon first.')).toContain('review-incentive');
  });

  it('a warranty stretched to three years for a few words on the product page (ja)', () => {
    expect(ja('商品ページに使い心地をひとこと書き込んでいただいた方は、保証を三年間まで延ばしております。')).toContain('review-incentive');
  });
});

describe('blocked: a review steered in other words', () => {
  it('a note cleared away; the top mark; every question answered Yes', () => {
    expect(en('It would mean a lot if you could clear away the note you left on our seller profile.')).toContain('review-request');
    expect(en('For a small shop anything below the top mark counts as a complaint, so that is the one that helps us.')).toContain('review-request');
    expect(en("When Amazon's feedback form arrives, ticking 'Yes' on every question would help us.")).toContain('review-request');
  });

  it('what the review should say, as a phrase to put in or the only thing to write (ja)', () => {
    expect(ja('レビューには「洗っても縮まない」という点を入れていただけると助かります。')).toContain('review-request');
    expect(ja('もしレビューをお書きになるなら、「大きめを選ぶと良い」とだけ書いていただけると嬉しいです。')).toContain('review-request');
  });
});

describe('blocked: contact details asked for or given in other words', () => {
  it('a number said with hyphens; a number where the driver can reach the buyer; an address to email the buyer at', () => {
    expect(en('Our engineer is on three-one-two, five-five-five, zero-one-four-two on weekdays.')).toContain('contact-phone');
    expect(en('Could you reply with a number where the courier can reach you on Friday?')).toContain('contact-channel');
    expect(en('Just let me know the best address to email you at and I will send the manual tonight.')).toContain('contact-channel');
  });

  it('LINE named in English; a photo-sharing app and its direct messages (ja)', () => {
    expect(en('Our Tokyo office answers overseas buyers on LINE, so please add the ID tokyo_tools_help.')).toContain('contact-channel');
    expect(ja('写真共有のSNSで当店の名前を検索して、ダイレクトメッセージにお写真をお送りください。')).toContain('contact-channel');
  });
});

describe('blocked: off Amazon and marketing in other words', () => {
  it('our own online shop; a big mall and the branch there; direct from the farm from next time', () => {
    expect(en('The filters are not on Amazon, but you will find them in our own online shop if you search for our name.')).toContain('marketing');
    expect(ja('大容量の袋は、国内大手モールにある当店の支店で扱っております。')).toContain('marketing');
    expect(ja('会員登録をしていただくと、次回からは農園から直接お届けできます。')).toContain('marketing');
  });

  it('a new model coming, said as good news, after an unrelated "no need"', () => {
    expect(en('There is no need to wait before using it. You may be glad to know our cordless model lands in May.')).toContain('marketing');
  });

  it('a kit a few dollars more; what we also carry; new stock on a weekday; in case you would like', () => {
    expect(en('The steel set we also carry is only a few dollars more than one spare part.')).toContain('marketing');
    expect(en("Our winter blends go up on our storefront this Thursday, in case you'd like to try one.")).toContain('marketing');
  });

  it('a successor to be listed; stock expected with a nudge; a set for a few hundred yen more; a members letter (ja)', () => {
    expect(ja('来月、このモデルの後継を出品する予定です。発売の際には改めてご案内いたします。')).toContain('marketing');
    expect(ja('年末に向けて重箱の入荷を予定しておりますので、ぜひまた当店をのぞいてみてください。')).toContain('marketing');
    expect(ja('あと二百円ほど足していただくと、三枚セットに切り替えることもできます。')).toContain('marketing');
    expect(ja('月に一度、新茶のお知らせをお届けしている会報がございます。')).toContain('marketing');
    expect(ja('この機会に替えフィルターもいかがでしょうか。当店の出品一覧からお選びいただけます。')).toContain('marketing');
  });
});

describe('passes: what the r19 clean replies were blocked for', () => {
  it("the carrier's own phone line; a refused incentive for a review; no discount codes", () => {
    expect(en("UPS's customer line is listed on their website if you would rather arrange the redelivery by phone.")).toEqual([]);
    expect(en("We can't offer a discount, a gift or anything else in return for a review; that is entirely up to you.")).toEqual([]);
    expect(en("We don't have any discount codes to send, and prices are the same for everyone.")).toEqual([]);
  });

  it("Amazon's own page, the sentence ending after its address", () => {
    expect(en('Your replacement is in your order history at https://www.amazon.com/gp/your-account/order-history . It ships tomorrow.')).toEqual([]);
  });

  it('an e-mail address or a shop site asked for and declined; how to write a review, asked by the buyer (ja)', () => {
    expect(ja('メールアドレスを教えてほしいとのことですが、やり取りはこのメッセージ機能に限られております。')).toEqual([]);
    expect(ja('自社サイトを教えてほしいとのご質問ですが、このメッセージでは外部サイトのご案内ができません。')).toEqual([]);
    expect(ja('注文履歴から「商品レビューを書く」を押していただくと投稿画面が開きます。')).toEqual([]);
  });

  it('what the new categories must not catch: a grade of metal, a star projector, a return asked before a replacement, a wrong number on the order', () => {
    expect(en('The frame is made from top grade aluminium.')).toEqual([]);
    expect(en('Press the button and all the stars light up on the ceiling.')).toEqual([]);
    expect(en("Before we send the replacement, please return the faulty unit. We saw your review and we're sorry.")).toEqual([]);
    expect(en('Let me know if the phone number on the order is wrong and the courier will call.')).toEqual([]);
    expect(ja('購入された店舗にお持ちいただければ交換できます。')).toEqual([]);
    expect(ja('店舗にお持ち込みいただく必要はございません。')).toEqual([]);
  });
});

describe('still blocked next to the new excuses', () => {
  it('a refund offered after "but", a Five Star asked for, a domain after a capital Com, a look-alike of Amazon, a site said to be the only place to buy', () => {
    expect(en("We can't send a replacement, but we can offer a refund if you remove your review.")).toContain('review-incentive');
    expect(en('A Five Star really helps small shops like ours.')).toContain('review-request');
    expect(en('Order refills at tanaka-crafts . Com any time.')).toContain('contact-email');
    expect(en('Please send the photos to orders at amazon.co.uk.example.net today.')).toContain('contact-email');
    expect(ja('当店の商品は公式サイトでしか購入できません。')).toContain('contact-channel');
  });
});
