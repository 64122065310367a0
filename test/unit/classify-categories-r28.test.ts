// The categories the classifier misread on classify-r28 (read once classify-r29 and r30 had been written;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '中村 - Amazonマーケットプレイス <p3x9k2m7w4q8r1z@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <q7m2x9k4w1p8r3z@marketplace.amazon.com>';

describe('a seam or a zip that gives way', () => {
  it('splitting open, pulling apart, fraying, unravelling', () => {
    expect(intents(RELAY_US, 'The seam along the hood is splitting open after two wears.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The handle of the tote is pulling apart from the body.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The cuffs are already fraying.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The knitted scarf is unravelling at one end.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The lid keeps popping open in my bag.')).toEqual(['defect']);
  });

  it('a seam come undone, a zip that will not close (Japanese)', () => {
    expect(intents(RELAY_JP, '一度洗っただけで脇の縫い目がほどけてきました。')).toEqual(['defect']);
    expect(intents(RELAY_JP, 'リュックのファスナーが途中で噛んでしまい閉まりません。')).toEqual(['defect']);
  });

  it('leaves ordinary words alone', () => {
    expect(intents(RELAY_US, 'I pulled the box apart to recycle it, the jacket itself is lovely.')).toEqual([]);
    expect(intents(RELAY_JP, 'ファスナー付きのポケットがとても便利です。')).toEqual([]);
  });
});

describe('a call the buyer turns down', () => {
  it('is no request for a call, in English or Japanese', () => {
    expect(intents(RELAY_US, "Please don't call me, I'm at work all day. Just reply here.")).toEqual([]);
    expect(intents(RELAY_US, 'Do not phone me about this.')).toEqual([]);
    expect(intents(RELAY_JP, '仕事中なので電話はしないでください。メッセージでお願いします。')).toEqual([]);
    expect(intents(RELAY_JP, 'お電話はご遠慮ください。')).toEqual([]);
  });

  it('while a call asked for still is', () => {
    expect(intents(RELAY_US, "Why don't you call me tomorrow morning?")).toEqual(['phone_request']);
    expect(intents(RELAY_US, 'Could you call me back at your convenience?')).toEqual(['phone_request']);
    expect(intents(RELAY_JP, '折り返しお電話いただけますか。')).toEqual(['phone_request']);
  });
});

describe('a fault with a word between', () => {
  it('does not even turn on; quit working; won\'t reliably charge', () => {
    expect(intents(RELAY_US, "It doesn't even turn on anymore.")).toEqual(['defect']);
    expect(intents(RELAY_US, 'The fan quit working after a week.')).toEqual(['defect']);
    expect(intents(RELAY_US, "The earbuds won't reliably charge in the case.")).toEqual(['defect']);
  });

  it('while a plan that did not work out is no fault', () => {
    expect(intents(RELAY_US, "I quit smoking last year, so this is for my dad. Thanks for the quick shipping!")).toEqual([]);
  });
});
