// The categories the guard missed or blocked wrongly on guard-r29 (held out until guard-r31 was written;
// docs/understanding-measures.md), each with sentences of our own, never the corpus's: what must now be
// blocked, and what must still pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked', () => {
  it('buying at the shop front instead of on Amazon', () => {
    expect(ja('お時間があれば、今回のご注文は取り消していただき、店頭にお越しいただければ同じ品を少しお安くお譲りします。')).toContain('marketing');
  });

  it('pre-orders taken for next season, with a nudge', () => {
    expect(ja('来年五月より新米のご予約を承ります。すぐに埋まってしまいますので、お早めにご検討ください。')).toContain('marketing');
  });
});

describe('still allowed', () => {
  it('the shop front named as a fact', () => {
    expect(ja('ご注文の本は、在庫の行き違いで店頭で先に売れてしまいました。大変申し訳ございません。')).toEqual([]);
  });

  it('an item\'s condition grade (状態評価) beside a warranty refund', () => {
    expect(ja('状態評価：Bランク（使用感あり）。初期不良の場合は、到着後30日以内であれば返品・返金にて対応いたします。')).toEqual([]);
  });

  it('Amazon\'s own coupon on the listing, and the product the buyer is considering', () => {
    expect(ja('当店独自のクーポンはございませんが、Amazonのクーポンが商品ページに出ている場合はご注文時に使えます。ご検討中の電気ケトルは1.0Lです。')).toEqual([]);
  });

  it('codes and offers the seller is not able to send', () => {
    expect(en('Sorry, we aren\'t able to send promo codes or special deals through Amazon messages.')).toEqual([]);
  });

  it('"here rather than by phone" keeps the talk on Amazon', () => {
    expect(en('We answer everything through Amazon messages rather than by phone, so there is a written record.')).toEqual([]);
  });

  it('the carrier using the details the buyer gave Amazon', () => {
    expect(en('It is a big parcel, so the courier will send you a delivery slot by text, using the contact details you gave Amazon.')).toEqual([]);
  });
});
