// The categories the guard missed or blocked wrongly on guard-r31 (held out until guard-r32 and r33 were
// written; docs/understanding-measures.md), and two the judge retrained with it no longer caught on earlier
// rounds, each with sentences of our own, never the corpus's: what must now be blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('a better copy on another marketplace for records and instruments', () => {
    expect(en('There is a cleaner copy in our Discogs shop, seller name vinyl_barn. You can buy it there.')).toContain('marketing');
  });

  it('another product of the shop pitched by its Amazon store page (手前どもの店のページ)', () => {
    expect(ja('Amazonの手前どもの店のページに生姜湯もございますので、よろしければ一度お試しくださいませ。')).toContain('marketing');
  });

  it('a seasonal range back, told in passing', () => {
    expect(en('Also, our holiday gift boxes are back from this week, with the same dark chocolate.')).toContain('marketing');
  });

  it('a review asked for only if it now works', () => {
    expect(en('If it is working smoothly now, we would be grateful if you shared that on the product page.')).toContain('review-request');
  });
});

describe('still allowed: the buyer\'s wish named back and turned down', () => {
  it('a wish of two sentences quoted (とのお便り), turned down three sentences later', () => {
    expect(ja('「使い方が難しいので、電話で教えてほしい。番号を教えてください」とのお便りを頂戴いたしました。ご不便をおかけしております。お気持ちはよくわかります。お電話でのご案内はいたしかねますので、ご容赦ください。')).toEqual([]);
  });

  it('our own website asked about and refused (ご案内は行っておりません)', () => {
    expect(ja('「ホームページから直接注文したい」とのご相談をいただきました。恐れ入りますが、当店のウェブサイトでのご注文のご案内は行っておりません。')).toEqual([]);
    expect(en('You asked whether we have our own website where you could order more. We only sell through Amazon.')).toEqual([]);
  });

  it('"we understand you would prefer to speak by telephone", then the refusal', () => {
    expect(en('We understand that you would prefer to speak to someone by telephone. We are not able to offer telephone support, but we answer every message here within a day.')).toEqual([]);
  });

  it('free products for a review the seller is "not able to" give', () => {
    expect(en('Thank you for offering, but we are not able to provide free products or anything else in exchange for a review.')).toEqual([]);
  });

  it('a review asked for whatever the buyer thought', () => {
    expect(en('If you have a moment, you are welcome to share a review on Amazon, whether your dog loved it or not. This is the only time I will ask.')).toEqual([]);
  });
});
