// The categories the classifier misread on classify-r35 (gadgets, replies over quoted history; held out until
// classify-r39 and r40 were written, then read; docs/understanding-measures.md), each with messages of our
// own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '中島 - Amazonマーケットプレイス <z8k2q7w3m9x1p4h@marketplace.amazon.co.jp>';
const RELAY_US = 'Kim - Amazon Marketplace <r5k1q8w2m7x3p9z@marketplace.amazon.com>';

describe('a fault still there after what the buyer tried', () => {
  it('替えても同じでした is a defect, not a wrong item', () => {
    expect(intents(RELAY_JP, '充電器を別のものに替えても同じでした。')).toEqual(['defect']);
  });

  it('"tried the reset … still the same" is a defect', () => {
    expect(intents(RELAY_US, 'I tried the reset you suggested and it is still the same.')).toEqual(['defect']);
  });
});

describe('words that only look like a fault', () => {
  it('a screen that went off is no food gone off', () => {
    expect(intents(RELAY_US, 'Turned off the power saver and the screen went off only when I wanted it to.')).toEqual([]);
  });

  it('holes that do not line up (穴の位置が合わず) are a defect', () => {
    expect(intents(RELAY_JP, 'ケースの穴の位置が合わず、ボタンが押せません。')).toEqual(['defect']);
  });
});

describe('whether it can be connected', () => {
  it('…につなぐことはできますか is a question about the product', () => {
    expect(intents(RELAY_JP, 'このケーブルでプロジェクターにつなぐことはできますか？')).toEqual(['product_question']);
  });
});
