// The categories the guard missed or blocked wrongly on guard-r17 (docs/understanding-measures.md), each
// with sentences of our own, never the corpus's: what must now be blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: marketing put as news, a sale, another listing or a bigger model', () => {
  it('a new model announced, a follow for news, a sale across the shop', () => {
    expect(en('The Pro version with the bigger tank comes out in April, and our regulars will be the first to hear.')).toContain('marketing');
    expect(en('Tap Follow on our brand store to see the new spring colours before anyone else.')).toContain('marketing');
    expect(en('Everything else in our storefront is a quarter off this weekend, in case you need a spare.')).toContain('marketing');
  });

  it('another listing named by its ASIN with a recommendation; a bigger item for a little more', () => {
    expect(en('Most customers who buy this lamp pair it with our matching shade, listed under B0AB12CD34.')).toContain('marketing');
    expect(ja('こちらのマットにぴったりの専用カバー（ASIN：B0ZZ98YX76）もございますので、ぜひ一緒にお使いください。')).toContain('marketing');
    expect(en('The 3-litre model is only $25 more, and I can swap your order over today.')).toContain('marketing');
  });

  it('a new line started this week, with a reminder for the next occasion (ja)', () => {
    expect(ja('なお、今月から焼き菓子の詰め合わせの取り扱いを始めましたので、贈り物の機会がございましたらご検討ください。')).toContain('marketing');
  });
});

describe('blocked: off Amazon, in euphemisms and searches', () => {
  it('an auction site or a flea-market app under the shop name; a quoted name to search', () => {
    expect(en('We list the same part for less on the big auction site under our usual name.')).toContain('marketing');
    expect(ja('同じ商品をフリマアプリにも出品していますので、「森のくらし」というショップ名で探してみてください。')).toContain('marketing');
    expect(ja('ご希望の場合は「木工房あさひ」と検索していただくと当工房のページが出ますので、そちらからご注文ください。')).toContain('marketing');
  });

  it('"look us up" on another marketplace', () => {
    expect(en('For the larger size, look us up on Walmart, where we sell under the same name.')).toContain('marketing');
  });
});

describe('blocked: reviews asked for in other words', () => {
  it('a reward once the buyer\'s thoughts are on the listing', () => {
    expect(en('Once your thoughts on the kettle are up on the listing, reply here and I will refund the £4 delivery.')).toContain('review-incentive');
  });

  it('what to write, and the star furthest to the right', () => {
    expect(en('If you end up writing something about the boots, it would help if you mentioned how waterproof they are.')).toContain('review-request');
    expect(en('When Amazon asks you to rate us, the star furthest to the right is the one we hope for.')).toContain('review-request');
    expect(ja('お時間がございましたら、良かった点を中心に商品ページでご紹介いただけますと幸いです。')).toContain('review-request');
  });
});

describe('blocked: contact details in slang and spoken digits', () => {
  it('a handle on "the gram", a toll-free number said in words', () => {
    expect(en('Our DMs are always open on the gram, where we are maple.and.moss.')).toContain('contact-channel');
    expect(en('Call our help line free on eight hundred, five five five, zero one nine nine.')).toContain('contact-phone');
  });
});

describe('passes: turning down what the buyer asked for', () => {
  it('no bank transfer, no phone call: the talk stays on Amazon', () => {
    expect(en("We can't accept payment by bank transfer, so please order a second one from the listing as usual.")).toEqual([]);
    expect(en("I understand a phone call would be easier, but we answer every question here so there's a written record.")).toEqual([]);
  });

  it('the buyer\'s worry about a low rating quoted back and answered (ja)', () => {
    expect(ja('「低い評価をつけたので交換してもらえないかも」とご心配されていましたが、評価の内容にかかわらず交換いたします。')).toEqual([]);
  });
});

// The clean replies of r15 and r16 that the rules blocked (read once those rounds joined the judge's
// training), by category, in sentences of our own.
describe('passes: an app or a contact named while turning it down, or as part of the product', () => {
  it("the buyer's own wish for another app named back and kept on Amazon (en)", () => {
    expect(en('You kindly offered to send the receipt over WhatsApp, but we can only talk through Amazon messages, so please attach it here.')).toEqual([]);
    expect(en('You asked whether we have an Instagram page with more photos; we keep every conversation here on Amazon.')).toEqual([]);
    expect(en('The camera is popular for streaming to TikTok or Instagram Live from a laptop.')).toEqual([]);
  });

  it('asked for an account, an email or a call, and turned down (ja)', () => {
    expect(ja('インスタグラムのアカウントを教えてほしいとのお尋ねですが、Amazonのお取引では外部のご案内ができかねます。')).toEqual([]);
    expect(ja('お客様のメールアドレスをお伺いしたり、Amazon以外のメールでご連絡したりすることはできかねます。')).toEqual([]);
    expect(ja('写真は、このメッセージへの返信に直接添付していただけますでしょうか。')).toEqual([]);
  });

  it('the carrier calls the number on the order; a phone jack; a brand; apps built into a device', () => {
    expect(ja('大型商品のため、配送を担当する西濃運輸の担当店から、前日にご注文時のお電話番号へ日時確認のご連絡が入ります。')).toEqual([]);
    expect(ja('壁の電話用モジュラージャックからのケーブルを、ルーター背面の差込口に接続してください。')).toEqual([]);
    expect(ja('ご質問のマグカップは、LINE FRIENDSの正規ライセンス商品でございます。')).toEqual([]);
    expect(ja('この端末にはYouTubeアプリが最初から入っておりますので、Wi-Fiにつないでいただければご覧になれます。')).toEqual([]);
  });
});

describe('passes: words of reviews in other senses', () => {
  it('評価した結果 is an inspection; "instead of" a colour sent; an Energy Star label', () => {
    expect(ja('返品いただいたレンズを検品基準に沿って評価した結果、問題がございませんでしたので全額を返金いたしました。')).toEqual([]);
    expect(en("I've read the feedback you left, and you're right: we sent the grey set instead of the blue one. I've refunded you in full.")).toEqual([]);
  });
});
