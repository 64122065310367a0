// The categories the guard misread on its third blind round (guard-r3, docs/understanding-measures.md),
// each with sentences of our own, never the corpus's: what must now be blocked, and what is the ordinary
// talk of a seller and must pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: violations phrased in ways the rules did not know', () => {
  it('announcing a new brand, a restock or a coming product line', () => {
    expect(ja('来月より新ブランド「HINATA」としてタオルの取り扱いを始めます。')).toContain('marketing');
    expect(ja('ご好評いただいた木製トレイが再入荷いたしました。')).toContain('marketing');
    expect(ja('冬には厚手タイプも発売予定です。')).toContain('marketing');
    expect(en('Big news: our new winter collection of mugs goes live on Friday.')).toContain('marketing');
    expect(en("We've just released a brand-new cordless drill, the DR-4.")).toContain('marketing');
    expect(en('Our Summer Sale is on: buy any three soaps and get a fourth free.')).toContain('marketing');
  });

  it('recommending other items of the shop', () => {
    expect(ja('ご購入の水筒と一緒に、保冷バッグなどの商品もおすすめしております。')).toContain('marketing');
  });

  it('a rating asked for in katakana or with spaced letters, or as a score', () => {
    expect(ja('気に入っていただけたら、ファイブスターで応援してください。')).toContain('review-request');
    expect(ja('ぜひ　高　評　価　をお願いいたします。')).toContain('review-request');
    expect(en('If the lamp brightens your desk, could you leave a glowing review for us?')).toContain('review-request');
    expect(en('Give us a 5/5 when you have a minute!')).toContain('review-request');
  });

  it('a longer warranty, a complimentary item or cash through an app for a review', () => {
    expect(ja('レビューを書いていただいた方は、保証期間を3年に延長いたします。')).toContain('review-incentive');
    expect(en('Post a review and we will extend your warranty to three years.')).toContain('review-incentive');
    expect(en('Share your thoughts on the product page and a complimentary tote bag is yours.')).toContain('review-incentive');
    expect(en('Review it and we will PayPal you ten bucks.')).toContain('review-incentive');
  });

  it('another marketplace written in hiragana, masked or by its nickname, or a shop found by search', () => {
    expect(ja('手ぬぐいはくりーまとみんねで「そよ風工房」と検索すると購入できます。')).toContain('marketing');
    expect(ja('らくてんの当店でしたら大きいサイズもご用意がございます。')).toContain('marketing');
    expect(ja('ヤフオクにも同じ部品を出品しております。')).toContain('marketing');
    expect(en('Our sister shop sells the refills cheaper; just google it.')).toContain('marketing');
    expect(en('We also keep the blue version at our own shop on Etsy.')).toContain('marketing');
  });

  it('an auction site whose name ends in "!" followed by the rest of the sentence', () => {
    expect(ja('部品取り用の本体はヤフオク!で出品中ですので、探してみてください。')).toContain('marketing');
  });

  it('a physical shop cheaper than Amazon', () => {
    expect(ja('駅前の実店舗にお越しいただければ、Amazonより1割お安くお求めいただけます。')).toContain('marketing');
  });

  it('skipping the Amazon return and sending the item or bank details to the seller', () => {
    expect(ja('返品手続きはせずに、直接当店へ商品をお送りください。')).toContain('contact-channel');
    expect(ja('ご返金用に、振込先の口座情報をお知らせください。')).toContain('contact-channel');
  });

  it('keeping in touch with the buyer outside Amazon', () => {
    expect(en('Please add your mobile and personal email so we can reach you directly outside of Amazon.')).toContain('contact-channel');
  });

  it('an unrelated product pushed with "do consider it"', () => {
    expect(ja('当店では冬用の毛布も販売しております。寒い夜のお供に、ぜひご検討ください。')).toContain('marketing');
  });

  it('Japanese spaced out letter by letter', () => {
    expect(ja('口 コ ミ を 書 い て く だ さ れ ば 、 ク ー ポ ン を 差 し 上 げ ま す 。')).toContain('review-incentive');
  });
});

describe('passes: what a seller ordinarily says', () => {
  it('refusing or redirecting a contact channel', () => {
    expect(ja('お電話での対応ができず恐縮ですが、ご質問はこちらでお受けいたします。')).toEqual([]);
    expect(ja('当店の連絡先についてご質問いただきましたが、やり取りはAmazonのメッセージにてお願いしております。')).toEqual([]);
    expect(ja('携帯の電話番号をお知らせいただき、ありがとうございます。ただ、規約によりお電話はいたしかねます。')).toEqual([]);
    expect(en('If you would rather talk it through by phone, Amazon customer service can help you.')).toEqual([]);
  });

  it("quoting an Amazon help page's title", () => {
    expect(ja('詳しくはヘルプページ「電話やメールによる詐欺について」をご覧ください。')).toEqual([]);
  });

  it('telling the buyer how they edit their own review on Amazon', () => {
    expect(ja('ご自身のレビューは、Amazonのアカウントサービスの「プロフィール」から修正や削除が可能です。')).toEqual([]);
  });

  it('a refund for a fault, with the buyer’s review mentioned in another sentence', () => {
    expect(ja('レビューでのご指摘、ありがとうございます。不良品でしたので、全額返金または良品との交換で対応いたします。')).toEqual([]);
  });

  it('a restock date or a new colour asked about, and customs clearance', () => {
    expect(ja('ご質問のグレーは9月上旬に再入荷の予定です。')).toEqual([]);
    expect(en('Customs clearance usually adds three days to international parcels.')).toEqual([]);
  });

  it('a product name in katakana spaced the ordinary way, and a price compared the other way', () => {
    expect(ja('ご注文のコーヒー ミル セットは本日発送いたしました。')).toEqual([]);
    expect(ja('Amazonよりお知らせが届きましたら、ご確認ください。')).toEqual([]);
  });

  it('a freight PRO number that looks like a phone number', () => {
    expect(en('The carrier will book the delivery slot; quote PRO number 0391847265 if you call them.')).toEqual([]);
  });
});
