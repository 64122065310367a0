// The categories the guard missed or blocked wrongly on guard-r25 (held out until guard-r27 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: the seller\'s other shops, named in katakana or as a maker\'s page', () => {
  it('a second shop on BASE written ベイス', () => {
    expect(ja('名入れのご注文は、ベイスで開いているもう一つのお店「木工みどり」でお受けしております。')).toContain('marketing');
  });

  it('the maker\'s page on minne, to order what Amazon cannot take', () => {
    expect(ja('ご希望の刻印は、ミンネの作家ページ「銀細工こはく」からお申し込みいただけます。')).toContain('marketing');
  });
});

describe('blocked: sales, coupons, arrivals and other products pitched', () => {
  it('a coupon code for the second purchase onwards', () => {
    expect(ja('二回目以降のお買い物に使えるクーポンコード「TEA5」をご用意しました。')).toContain('marketing');
  });

  it('a time sale, and now is the moment', () => {
    expect(ja('今月末まで、同じシリーズの大判タイプがタイムセールの対象です。\nそろえるなら今がお得です。')).toContain('marketing');
  });

  it('refills to buy together', () => {
    expect(ja('当店では同じメーカーの替えインクも扱っておりますので、一緒にそろえていただくと安心です。')).toContain('marketing');
  });

  it('news of new arrivals sent through the messages, on request', () => {
    expect(ja('新作の入荷のお知らせを、このメッセージでお届けするサービスを始めました。\nご希望でしたら「希望」とだけご返信ください。')).toContain('marketing');
  });

  it('a new variety\'s first shipment, announced ahead', () => {
    expect(ja('来年の夏には新品種のトマトも初出荷を予定しております。\n出品しましたら、またこちらからお知らせいたします。')).toContain('marketing');
  });

  it('the lid sold together with the pan, to add alongside the replacement', () => {
    expect(en('Many customers pair this kettle with the matching trivet, sold together for $12.99. They are in stock if you would like to add them alongside your replacement.')).toContain('marketing');
  });

  it('"our new" set that has just arrived, and where to find it', () => {
    expect(en('Since you like cedar, you may enjoy our new forest blend set, which has just arrived. You can find it in our Amazon shop.')).toContain('marketing');
  });
});

describe('still passing: refusals, Amazon\'s relay named, ordinary words', () => {
  it('"I understand it can be easier by phone", then the answer here', () => {
    expect(en('I understand it can be easier to talk this through by phone. So that we both have a record, we answer every question here in Amazon messages.')).toEqual([]);
  });

  it('Amazon\'s relay domain named as where replies come from', () => {
    expect(en('Our replies always come from an address ending in @marketplace.amazon.com, so you can tell them from phishing.')).toEqual([]);
  });

  it('no need to delete a review, and we will not ask', () => {
    expect(ja('返金は通常どおりいたします。レビューを削除していただく必要はございませんし、こちらからお願いすることもございません。')).toEqual([]);
  });

  it('an ordinary shipment date, and word once it ships', () => {
    expect(ja('ご注文の商品は明日出荷予定です。\n発送しましたら、またこちらからお知らせいたします。')).toEqual([]);
  });

  it('a coupon the buyer missed, its difference refunded', () => {
    expect(ja('ご注文時にクーポンが適用されていなかったため、差額の300円を返金いたしました。')).toEqual([]);
  });
});
