// The categories the classifier misread on classify-r31 (read once classify-r33 and r34 had been written;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '高橋 - Amazonマーケットプレイス <m3q8x1k7w2p9r4z@marketplace.amazon.co.jp>';
const RELAY_US = 'Dana - Amazon Marketplace <r4z9p2k7w1m8x3q@marketplace.amazon.com>';

describe('what came, told against what was ordered', () => {
  it('"注文したのは白なのにグレーが入っていた" is a defect', () => {
    expect(intents(RELAY_JP, '注文したのは白なのにグレーが入ってました。')).toEqual(['defect']);
  });

  it('a colour "way off" from the picture is a defect', () => {
    expect(intents(RELAY_US, 'The colour is way off, nothing like the blue in the photos.')).toEqual(['defect']);
  });
});

describe('short questions and a place of work', () => {
  it('"did it ship yet" asks about the delivery', () => {
    expect(intents(RELAY_US, 'did it ship yet?? been a week')).toEqual(['delivery_status']);
  });

  it('the new item sent to the office is an address change', () => {
    expect(intents(RELAY_JP, '平日は留守にしているので、職場の方に送っていただけると助かります。')).toEqual(['address_change']);
  });
});

describe('said, and no request', () => {
  it('a phone number on the order, with e-mail preferred, is no phone request', () => {
    expect(intents(RELAY_US, 'My phone number is on the order, but email works better for me since I work nights.')).toEqual([]);
  });

  it('a parcel sent back and signed for, with the refund still missing, asks nothing about a delivery', () => {
    expect(intents(RELAY_US, 'I sent it back on the 3rd and it was signed for on the 6th. Still no refund.')).toEqual(['return']);
  });
});
