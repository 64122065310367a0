// The categories the guard missed or blocked wrongly on guard-r33 (held out until guard-r35 was written, then
// read; docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('the seller\'s own shop on another marketplace after "we don\'t list it on Amazon.ca, but"', () => {
    expect(en('We do not list the genuine part on Amazon.co.uk, but it is up on our eBay shop for £40.')).toContain('marketing');
  });

  it('a new collection announced, with "I think you\'d love"', () => {
    expect(en('P.S. Our new winter collection arrives in early December. I think you would love the cedar one.')).toContain('marketing');
  });

  it('half price this week, worth grabbing', () => {
    expect(en('We are selling last season\'s gloves at half price this week. Worth grabbing a pair while they last.')).toContain('marketing');
  });

  it('a set listed from this month, suggested as a gift (今月から出品…いかがでしょうか)', () => {
    expect(ja('新しい詰め合わせを今月から出品しております。年末のご挨拶にいかがでしょうか。')).toContain('marketing');
  });

  it('buying at the farm stand when nearby (お近くにお越しの際はお立ち寄り)', () => {
    expect(ja('訳あり品は農園の直売所でお求めいただけますので、お近くにお越しの際はぜひお立ち寄りください。')).toContain('marketing');
  });
});

// Violations of read rounds (r16, r18, r19, r21, r23) that only the judge caught, until the judge retrained on r33
// let them pass: now rules of their own.
describe('blocked by a rule, no longer by the judge alone', () => {
  it('a bigger pack "worth considering", cheaper per piece, beside a refusal in the sentence before', () => {
    expect(en('Please do not send the old filter back. While you wait, something worth considering: the three-pack works out 25% cheaper per filter.')).toContain('marketing');
  });

  it('letters answered at the seller\'s street address', () => {
    expect(en('If you would like to talk more about the print, I answer every letter myself at 14 Mill Street, Hexham, NE46 1AB.')).toContain('contact-channel');
  });

  it('a photo on the listing, thanked with a voucher', () => {
    expect(en('If you could put a photo of the rug in your hallway on its Amazon listing, we would thank you with a ten-dollar voucher.')).toContain('review-incentive');
  });

  it('praise on the product page only if it stands up, trouble kept private', () => {
    expect(en('If the gate is holding up, we hope to hear from you on the product page; if not, keep that between us here instead.')).toContain('review-request');
  });

  it('"if it has been flawless, say so on Amazon"', () => {
    expect(en('If your time with the blender has been flawless, we would love you to say so on Amazon.')).toContain('review-request');
  });
});

describe('still allowed', () => {
  it('WhatsApp named in a refusal to use it ("not able to use WhatsApp")', () => {
    expect(en('We are not able to use WhatsApp, so please attach the photos to your reply here.')).toEqual([]);
  });

  it('"Understood that you\'d rather talk by phone", then turned down', () => {
    expect(en('Understood that you would rather talk this through by phone. We do not take calls; please ask here.')).toEqual([]);
  });

  it('an e-transfer turned down with a hyphenated word between', () => {
    expect(en('We cannot do an off-Amazon sale or an e-transfer; please order the second one on the listing.')).toEqual([]);
  });

  it('a discount code the buyer asked about, named back', () => {
    expect(en('You asked whether we could send you a discount code for a second pair. The price on the listing is the same for everyone.')).toEqual([]);
  });

  it('the buyer\'s offer of a call named back (お電話をいただけるとのこと), then turned down', () => {
    expect(ja('お電話をいただけるとのことですが、お電話には対応しておりません。こちらのメッセージでお答えします。')).toEqual([]);
  });

  it('the buyer\'s question about telling the seller before a review, named back', () => {
    expect(en('You asked whether you should tell us first or just write a review. Either is fine; we will not ask you to change anything.')).toEqual([]);
  });

  it('a rating a standard gives ("the highest rating in that standard")', () => {
    expect(en('The fabric is tested to UPF 50+, the highest rating in that standard, and it holds after washing.')).toEqual([]);
  });

  it('a link to the order on Amazon', () => {
    expect(en('You can ask for a replacement from the order page: https://www.amazon.com/gp/your-account/order-details?orderID=111-0000000-0000000')).toEqual([]);
  });
});
