// The categories the guard missed or blocked wrongly on guard-r21 (held out until guard-r23 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: a sale over the whole shop, and what is coming next', () => {
  it('a percentage in words or in kanji over everything the shop sells', () => {
    expect(en('By the way, everything in our store is twenty percent off this weekend if you need anything else.')).toContain('marketing');
    expect(ja('来週の月曜日まで、当店の商品はすべて三割引となっております。')).toContain('marketing');
  });

  it('a product joining the range, a version being worked on, with an eye kept on the shop', () => {
    expect(en('A darker roast joins our range in March, so keep an eye out in the spring.')).toContain('marketing');
    expect(en('We are working on a waterproof version; keep an eye on our brand page next year.')).toContain('marketing');
  });
});

describe('blocked: another marketplace, another shop of ours', () => {
  it('the shop on Yahoo! Shopping, with the "!" of its name inside the sentence', () => {
    expect(en('Engraving is not possible here, but our Yahoo! Shopping store can do it for the same price.')).toContain('marketing');
  });

  it('opened on eBay too; our web shop', () => {
    expect(ja('実は当店はeBayにも出店しておりますので、海外発送はそちらでどうぞ。')).toContain('marketing');
    expect(ja('替えの部品は当店のウェブショップでご購入いただけます。')).toContain('marketing');
  });

  it('money sent back or forth through a payment service', () => {
    expect(en('Post the mug back to us and we will refund you straight away through PayPal.')).toContain('marketing');
    expect(en('Just send the £10 difference by PayPal and we will post the bigger size.')).toContain('marketing');
  });
});

describe('blocked: a rating brought up to date, the words to write, a review held back', () => {
  it('another look at the rating once the problem is solved', () => {
    expect(en('Now that the new charger works, could you take another look at the rating you gave?')).toContain('review-request');
  });

  it('a line to copy in when Amazon asks about the experience', () => {
    expect(en('Amazon will ask you about your experience soon. Something like "fast and as described" is all it takes.')).toContain('review-request');
  });

  it('posting held off until the seller has fixed it; consulted before it is written in public (ja)', () => {
    expect(en('Please hold off on posting anything about the chair until we have sent the new screws.')).toContain('review-request');
    expect(ja('気になる点がございましたら、公開の場に書かれる前にこちらへご相談ください。')).toContain('review-request');
  });
});

describe('blocked: something of value for a review, said as a draw, money given back or a refund held back', () => {
  it('names in a hat, the price given back once the words are revisited', () => {
    expect(en('Everyone who writes a few lines about our teapots on Amazon goes into a hat to win a second teapot.')).toContain('review-incentive');
    expect(en('I read what you posted about the kettle. Should you revisit those words, we would give back the full purchase price.')).toContain('review-incentive');
  });

  it('the postage paid back to those who leave their impressions; a refund once the opinion is taken down (ja)', () => {
    expect(ja('ご感想を購入ページに残してくださった方には、送料相当額をあとからお戻ししております。')).toContain('review-incentive');
    expect(ja('公開されたご意見を取り下げていただいたことを確認してからの返金となります。')).not.toEqual([]);
  });
});

describe('blocked: writing to the owner at a street address', () => {
  it('an address in Japan written in English', () => {
    expect(en('If you have more to say, write to him at 3-5-8 Sakae, Naka-ku, Nagoya.')).toContain('contact-channel');
  });
});

describe('still clean: what the seller turns down, and contacts that are someone else\'s', () => {
  it('discount codes the seller cannot send; a refund tied to a rating refused', () => {
    expect(en('We are sorry, but we cannot send discount codes through Amazon messages.')).toEqual([]);
    expect(ja('返金とレビューを結びつけたご対応はいたしかねますので、ご了承ください。')).toEqual([]);
  });

  it("the maker's repair desk, the depot's number on the slip, the contact printed on the label", () => {
    expect(ja('製造元の修理受付窓口の連絡先は、保証書の裏面に記載されております。')).toEqual([]);
    expect(ja('営業所の電話番号は不在票に記載されております。')).toEqual([]);
    expect(ja('配送業者は、送り状に記載されたご連絡先へ連絡することがございます。')).toEqual([]);
  });

  it('the rating the buyer gave, taken as advice, beside a refund for a fault', () => {
    expect(ja('動かない場合は返金いたしますので、お知らせください。いただいたご評価は今後の改善に活かしてまいります。')).toEqual([]);
  });

  it('a courier who may call from an unfamiliar number', () => {
    expect(en('The driver calls the evening before, so keep an eye out for an unfamiliar number on Friday.')).toEqual([]);
  });
});
