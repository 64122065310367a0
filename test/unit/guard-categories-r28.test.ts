// The categories the guard missed or blocked wrongly on guard-r28 (held out until guard-r30 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('what to mention in the review, asked as a help', () => {
    expect(en('When you write your review, it really helps if you mention how quickly it arrived.')).toContain('review-request');
  });

  it('a toll-free number whose last digits are letters', () => {
    expect(en('You can also text our help line at 1-888-555-HELP for a faster answer.')).toContain('contact-phone');
  });

  it('letters invited to the workshop, its postal address given', () => {
    expect(ja('ご感想はお手紙でもお寄せいただけると嬉しいです。宛先は〒390-0811 長野県松本市中央2-1-9 工房こだま 宛です。')).toContain('contact-channel');
  });

  it('a price difference collected cash on delivery', () => {
    expect(ja('大きいサイズとの差額の800円は、代金引換で配達員にお支払いください。')).toContain('marketing');
  });

  it('a new product announced "while we are at it"', () => {
    expect(ja('せっかくなのでお知らせさせてください。来月から新しく梅ジャムを発売いたします。')).toContain('marketing');
  });
});

describe('still allowed: the buyer\'s wish named and turned down, and Amazon\'s own discounts', () => {
  it('a move to WhatsApp the seller cannot make', () => {
    expect(en('Sorry, we can\'t move to WhatsApp or phone, but I am glad to help right here.')).toEqual([]);
  });

  it('coupons and discount codes the shop does not send', () => {
    expect(en('We don\'t send personal coupons or discount codes; any deal is the one Amazon shows on the listing.')).toEqual([]);
  });

  it('a mailing list or newsletter the shop does not run', () => {
    expect(en('We don\'t run a mailing list or newsletter, so there is nothing to join.')).toEqual([]);
  });

  it('the buyer\'s offer of a five-star review, refused', () => {
    expect(en('About your kind offer of a 5-star review: thank you, but we cannot accept anything to do with reviews.')).toEqual([]);
  });

  it('a percentage off that is Amazon\'s Subscribe & Save', () => {
    expect(en('The 10% off on your last delivery was Amazon\'s Subscribe & Save discount.')).toEqual([]);
  });

  it('a direct deal the buyer proposed, named and refused', () => {
    expect(ja('次回から直接取引にできないかとのご相談をいただきましたが、Amazonの外でのお取引はお受けできません。')).toEqual([]);
  });

  it('the shop\'s homepage the buyer asked for, not given', () => {
    expect(ja('ホームページを教えてほしいとのことでしたが、Amazonの外のサイトはご案内できません。')).toEqual([]);
  });

  it('the buyer\'s question about a discount for a review, quoted and refused', () => {
    expect(ja('「レビューを書いたら安くしてもらえますか」とのご質問をいただきました。申し訳ございませんが、お受けすることができません。')).toEqual([]);
  });
});
