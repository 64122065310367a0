// The categories the classifier misread on classify-r27 (read once classify-r28 had been written;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '中村 - Amazonマーケットプレイス <p3x9k2m7w4q8r1z@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <q7m2x9k4w1p8r3z@marketplace.amazon.com>';

describe('a fault in everyday words', () => {
  it('works for minutes, then flickers and goes out; a chip in the edge; soup let out; a wobbly base', () => {
    expect(intents(RELAY_US, 'the torch works for about ten minutes then it starts to flicker and goes out.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'there is a small chip in the rim of the plate.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The flask let the tea out all over my bag; the lid is not sitting right.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'One cup has a wobbly base so it does not sit flat.')).toEqual(['defect']);
  });

  it('the wrong colour in the box; a part looked for and not found', () => {
    expect(intents(RELAY_US, 'I ordered the navy cotton bath towel set but the one in the box is light blue.')).toEqual(['defect']);
    expect(intents(RELAY_JP, '付属のストラップが、箱の中を探しても見当たりませんでした。')).toEqual(['defect']);
  });

  it('no fault: the cracked one retold, the buyer\'s own mistake, a tracking number that will not look up, a summary unfit for the accountant', () => {
    expect(intents(RELAY_US, 'The new set came in one piece this time, and I threw away the cracked one.')).toEqual([]);
    expect(intents(RELAY_US, 'It is my own mistake, I measured the wall wrong.')).toEqual([]);
    expect(intents(RELAY_JP, '追跡番号で調べても見つからないと出ます。番号が間違っていませんか？')).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'The Amazon order summary does not work for my accountant, so I need an invoice.')).toEqual(['invoice_request']);
  });
});

describe('a return asked for, and one already made', () => {
  it('only the part, sent', () => {
    expect(intents(RELAY_JP, 'フックだけで構いませんので送っていただけないでしょうか。')).toEqual(['return']);
  });

  it('a return sent after the steps were followed', () => {
    expect(intents(RELAY_JP, '教えていただいた通り返品の手続きをして、昨日コンビニから送りました。')).toEqual([]);
  });
});

describe('what is and is not a delivery, invoice or address question', () => {
  it('the shipping notice not yet come; in time for a day', () => {
    expect(intents(RELAY_JP, '注文して三日たちますが、まだ発送のお知らせが来ておりません。')).toEqual(['delivery_status']);
    expect(intents(RELAY_JP, '日曜日に間に合いますでしょうか。')).toEqual(['delivery_status']);
  });

  it('not yet arrived as a premise; tracking that looks fine', () => {
    expect(intents(RELAY_JP, 'サイズは23.5cmでも履けますか？まだ届いていないので、合わなさそうなら早めに相談させてください。')).toEqual(['product_question']);
    expect(intents(RELAY_US, 'Tracking says it arrives Friday, which is perfect.')).toEqual([]);
  });

  it('a receipt kept, a receipt left out', () => {
    expect(intents(RELAY_US, 'I printed the label and kept the receipt.')).toEqual([]);
    expect(intents(RELAY_US, 'It goes to my aunt, could you leave the packing slip with the price out of the box?')).toEqual([]);
  });

  it('the correct details given; a digit missing', () => {
    expect(intents(RELAY_US, 'I typed my postcode with one digit missing. The correct details are: 12 Elm Road, Leeds LS1 4AB.')).toEqual(['address_change']);
  });

  it('a question about the shop is no product question', () => {
    expect(intents(RELAY_JP, 'こちらのお店は日本の会社が運営されていますか？')).toEqual([]);
  });
});
