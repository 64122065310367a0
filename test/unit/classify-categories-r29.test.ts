// The categories the classifier misread on classify-r29 (read once classify-r30 and r31 had been written;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { buyerText } from '../../src/understand/extract.ts';
import { mail, relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';
import { classify } from '../../src/understand/classify.ts';

const RELAY_JP = '中村 - Amazonマーケットプレイス <p3x9k2m7w4q8r1z@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <q7m2x9k4w1p8r3z@marketplace.amazon.com>';

describe('the newer relay template, with the buyer named in its lead-in', () => {
  it('reads the paragraphs after "Message from <name>:" up to "View Message", and nothing of the table above', () => {
    const body = 'Order ID: 111-2223334-4445556\n\n#  ASIN  Product Name\n1  B0TEST1234  Folding Step Stool, Grey\n\nMessage from Priya:\n\nHi, the stool arrived today.\n\nOne of the hinges squeaks a lot. Is there something I can oil it with?\n\nThanks\nPriya\n\nView Message: https://sellercentral.amazon.com/messaging/thread?msg=X';
    const text = buyerText(body, shippedClassifyRules());
    expect(text).toContain('One of the hinges squeaks a lot.');
    expect(text).toContain('Hi, the stool arrived today.');
    expect(text).not.toContain('Folding Step Stool');
    expect(text).not.toContain('View Message');
  });

  it('the same in Japanese ("…さんからのメッセージ:")', () => {
    const body = '注文番号: 250-1112223-3334445\n\n#  ASIN  商品名\n1  B0TEST5678  竹製 まな板\n\nゆうこさんからのメッセージ:\n\n届きました\n\n反りがあってガタガタします\n交換できますか\n\nメッセージを表示: https://sellercentral.amazon.co.jp/messaging/thread?msg=Y';
    const text = buyerText(body, shippedClassifyRules());
    expect(text).toContain('反りがあってガタガタします');
    expect(text).not.toContain('竹製 まな板');
  });

  it('leaves the unnamed "購入者様からのメッセージ" a label whose value ends at Amazon\'s fields', () => {
    const c = classify(mail('notice@marketplace.amazon.co.jp', '購入者からのメッセージ', '注文番号：250-1112223-3334445\n購入者様からのメッセージ：\n届いた皿が一枚割れていました。\n\n商品：白磁 小皿 5枚組\nASIN：B0TEST9999\n\nこのメールに直接返信すると、購入者様にメッセージが送信されます。'), shippedClassifyRules());
    expect(c.text).toContain('割れていました');
    expect(c.text).not.toContain('白磁 小皿');
  });
});

describe('what came, told against what was shown or ordered', () => {
  it('"not … like the picture", "not a UK plug", holes that do not line up', () => {
    expect(intents(RELAY_US, 'The throw is a dull mustard, not the bright yellow like the photo.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The kettle came with a two-pin plug, not a UK plug.')).toEqual(['defect']);
    expect(intents(RELAY_US, "The screw holes on the bracket don't line up with the TV.")).toEqual(['defect']);
  });

  it('nothing in the little bag; no mist comes out', () => {
    expect(intents(RELAY_US, "theres no bolts in the small bag for the legs.")).toEqual(['defect']);
    expect(intents(RELAY_JP, '電源は入るのですがミストが全く出ません。')).toEqual(['defect']);
  });

  it('leaves a plain comparison alone', () => {
    expect(intents(RELAY_US, 'It is exactly like the picture, thank you!')).toEqual([]);
  });
});

describe('a call or a cancellation turned down', () => {
  it('no call wanted, a call to Amazon retold', () => {
    expect(intents(RELAY_JP, '念のため番号を書いておきますが、お電話はいただかなくて結構です。')).toEqual([]);
    expect(intents(RELAY_JP, '電話はもういいので、メールで教えてください。')).not.toContain('phone_request');
    expect(intents(RELAY_JP, '前はアマゾンに電話すれば教えてもらえました。')).toEqual([]);
  });

  it('while a call asked of the seller after Amazon\'s line failed still counts', () => {
    expect(intents(RELAY_JP, 'アマゾンに電話しても繋がらないので、そちらからお電話ください。')).toEqual(['phone_request']);
  });

  it('"don\'t cancel, I\'ll wait"', () => {
    expect(intents(RELAY_US, "Found it in tracking. Don't cancel, I'll wait for it.")).not.toContain('cancel');
    expect(intents(RELAY_JP, '届くのを待ちますので、キャンセルはしないでください。')).not.toContain('cancel');
  });
});
