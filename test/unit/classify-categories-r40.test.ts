// The categories the classifier misread on classify-r40 (PC parts, business buyers, staff forwards; held out
// until classify-r44 and r45 were written, then read; docs/understanding-measures.md), each with messages of
// our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '購入者 - Amazon Marketplace <b7x2k9q4m1w8z5p@marketplace.amazon.co.jp>';
const RELAY_US = 'Dana - Amazon Marketplace <q4k9w2m8x1p7z3r@marketplace.amazon.com>';

describe('a return turned down', () => {
  it('"返送する気はありません" wants something else, not a return', () => {
    expect(intents(RELAY_JP, '違う色のマットが入っていました。正しい色を送ってください。こちらから返送する気はありません。')).toEqual(['defect']);
  });

  it('"I\'m not going to send it back" wants something else, not a return', () => {
    expect(intents(RELAY_US, 'The lid is cracked. Please just send a new lid, I am not going to send it back.')).toEqual(['defect']);
  });
});

describe('a cord that does not reach', () => {
  it('"コンセントまで届かない" is about length, not a parcel', () => {
    expect(intents(RELAY_JP, '延長コードが短すぎて、机の下のコンセントまで全然届かないです。もっと長いものはありますか?')).not.toContain('delivery_status');
  });

  it('a parcel that has not come is still one', () => {
    expect(intents(RELAY_JP, '注文から一週間たちますが、まだ届かないです。')).toEqual(['delivery_status']);
  });
});

describe('opening the box, not a crack', () => {
  it('"before I crack the case open" asks before opening', () => {
    expect(intents(RELAY_US, 'Before I crack the case open, does the fan come with its own screws?')).toEqual(['product_question']);
  });
});

describe('"is it supposed to do that?"', () => {
  it('asks whether the product works as it should', () => {
    expect(intents(RELAY_US, 'The fan keeps running for a minute after I switch the heater off. Is it supposed to do that?')).toEqual(['product_question']);
  });
});
