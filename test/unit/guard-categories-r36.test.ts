// The categories the guard missed or blocked wrongly on guard-r36 (held out until guard-r38 was written, then
// read; docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('dropping into the seller\'s roastery, bakery or workshop to buy the part', () => {
    expect(en('Since you are local, the quickest fix is to pop into our bakery on Mill Road and grab a spare lid off the shelf.')).toContain('marketing');
  });

  it('a kit club with a place reserved for the buyer', () => {
    expect(en('I am starting a little seed club in spring, and I would be happy to reserve you one of the first ten places.')).toContain('marketing');
  });

  it('a review asked for if the buyer found it tasty (おいしいと思っていただけたなら)', () => {
    expect(ja('おいしいと思っていただけたなら、そのままレビューに書いていただけるとうれしいです。')).toContain('review-request');
  });

  it('a call offered at a time the buyer names (こちらからお電話をおかけいたします)', () => {
    expect(ja('ご都合のよい時間帯を教えていただければ、こちらからお電話をおかけいたします。')).toContain('contact-channel');
  });

  it('the same part listed on an auction site, under a seller name', () => {
    expect(ja('同じ品番の中古をヤフオクに出してる。出品者名 yamada_parts。')).toContain('marketing');
  });

  it('another part recommended, with free shipping if ordered together', () => {
    expect(ja('ブレーキパッドも同時交換を推奨。一緒に頼めば同梱で送料無料。')).toContain('marketing');
  });
});

describe('still allowed', () => {
  it('"call me" inside the buyer\'s words quoted back, then turned down', () => {
    expect(en('You wrote, "It would be quicker if someone could just call me." We handle everything in writing here, so here are the steps.')).toEqual([]);
  });

  it('five stars the buyer says they left, quoted back', () => {
    expect(en('You wrote, "Already left you five stars, it works a treat", which is very kind of you.')).toEqual([]);
  });

  it('the buyer\'s wish set out as a heading (電話での説明希望の件), then answered here', () => {
    expect(ja('電話での説明希望の件。電話には対応していないため、ここで説明する。')).toEqual([]);
  });

  it('the buyer\'s request quoted as a heading (「…メールアドレスを教えてほしい」の件), then turned down', () => {
    expect(ja('「写真を送りたいのでメールアドレスを教えてほしい」の件。規約上、アドレスは出せない。写真はこのメッセージに添付できる。')).toEqual([]);
  });

  it('free return shipping on Amazon\'s label is no discount', () => {
    expect(ja('初期不良の場合は返送料無料で、Amazonが発行する返送用ラベルをお使いいただけます。')).toEqual([]);
  });
});
