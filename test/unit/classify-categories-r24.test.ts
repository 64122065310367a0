// The categories the classifier misread on classify-r24 (read after its first run; docs/understanding-measures.md),
// each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '中村 - Amazonマーケットプレイス <p3x9k2m7w4q8r1z@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <q7m2x9k4w1p8r3z@marketplace.amazon.com>';

describe('a return wished for in other words, and one turned down', () => {
  it('a new part sent instead of the whole item is a replacement', () => {
    expect(intents(RELAY_US, 'The kettle works, but the handle is cracked. Would you mind sending me a new handle?')).toEqual(['defect', 'return']);
    expect(intents(RELAY_JP, 'ポットは使えるので、割れていたフタだけ、代わりのフタを送っていただけますか。')).toEqual(['defect', 'return']);
    // A new address, a new tracking number: nothing to send back.
    expect(intents(RELAY_JP, 'まだ発送前でしたら、新しい住所にお送りください。下記の住所です。')).toEqual(['address_change']);
    expect(intents(RELAY_US, 'Could you send me a new tracking number? The old one shows nothing.')).toEqual(['delivery_status']);
  });

  it('an item the buyer cannot keep', () => {
    expect(intents(RELAY_JP, '思っていたより大きく、部屋に置いておくのは難しいです。どうすればよいでしょうか。')).toEqual(['return']);
  });

  it('a return the buyer says they will not make', () => {
    expect(intents(RELAY_JP, '思ったより少し大きめでしたが、返品はしないでこのまま使います。')).toEqual([]);
    expect(intents(RELAY_JP, '返送はせずに、こちらで処分いたします。')).toEqual([]);
  });
});

describe('a parcel that does not move, comes back or takes weeks', () => {
  it('tracking stuck on a status is no fault of the item', () => {
    expect(intents(RELAY_JP, '追跡を見ると一週間前から「輸送中」のまま動かないです。')).toEqual(['delivery_status']);
  });

  it('a parcel on its way back to the shop, returned to sender', () => {
    expect(intents(RELAY_JP, '宛先不明で荷物がそちらに戻ってしまうと運送会社から連絡がありました。')).toEqual(['delivery_status']);
    expect(intents(RELAY_US, 'The carrier says the parcel is being returned to sender. Can you help?')).toEqual(['delivery_status']);
  });

  it('weeks gone by, but not when the weeks are a return window', () => {
    expect(intents(RELAY_US, "It's been three weeks now and I have nothing.")).toEqual(['delivery_status']);
    expect(intents(RELAY_US, "I know it's been 40 days, but could I still return it?")).toEqual(['return']);
  });
});

describe('what the buyer asks that is no question about the product', () => {
  it('in time, a packing slip, a price tag', () => {
    expect(intents(RELAY_JP, '注文を取り消したいのですが、今からでも間に合いますか。')).toEqual(['cancel']);
    expect(intents(RELAY_US, 'It is a present. Could you leave the packing slip out of the parcel?')).toEqual([]);
    expect(intents(RELAY_JP, '贈り物なので、値札は外していただけますか。')).toEqual([]);
  });

  it('but fitting still is', () => {
    expect(intents(RELAY_JP, 'このケースは型番A-12のスマホに合いますか。')).toEqual(['product_question']);
  });
});

describe('a part not there, and an address problem already over', () => {
  it('a part that is not there is a fault; a missing invoice is not', () => {
    expect(intents(RELAY_US, 'Opened the box today: the charging cable is not there.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The invoice was not included. Could you email it?')).toEqual(['invoice_request']);
  });

  it('a wrong house number told once the parcel finally came', () => {
    expect(intents(RELAY_US, 'All good, the parcel finally turned up next door (wrong house number on it).')).toEqual([]);
  });
});
