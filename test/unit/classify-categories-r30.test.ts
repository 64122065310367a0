// The categories the classifier misread on classify-r30 (read once classify-r33 and r34 had been written;
// docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/ingest/parse.ts';
import { classify } from '../../src/understand/classify.ts';
import { relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '木村 - Amazonマーケットプレイス <w4k8q2m7x1p9r3z@marketplace.amazon.co.jp>';
const RELAY_UK = 'Ruth - Amazon Marketplace <z9p3r1k8q2m7x4w@marketplace.amazon.co.uk>';

describe('asked in roundabout words', () => {
  it('an order "made as if it never happened" is a cancellation', () => {
    expect(intents(RELAY_JP, '娘が同じ物を買ってくれていたので、今回の注文はなかったことにしていただけますでしょうか。')).toEqual(['cancel']);
  });

  it('an order withdrawn (注文を取り下げ) is a cancellation', () => {
    expect(intents(RELAY_JP, '勝手を申しますが、注文を取り下げさせていただきたく存じます。')).toEqual(['cancel']);
  });

  it('a parcel to be sent instead to a daughter\'s address is an address change', () => {
    expect(intents(RELAY_UK, 'I shall be away, so could the parcel be sent instead to my son at 4 Mill Lane, Ely?')).toEqual(['address_change']);
  });

  it('having it delivered to her office is an address change', () => {
    expect(intents(RELAY_UK, 'Would it be possible to have it delivered to my office address instead?')).toEqual(['address_change']);
  });

  it('the item given back in humble words (お品物をお返しする) is a return', () => {
    expect(intents(RELAY_JP, 'このお品物をお返しするには、どのようにすればよろしいでしょうか。')).toEqual(['return']);
  });
});

describe('said, then taken back', () => {
  it('no need to send it back and a refund that came through: no return', () => {
    expect(intents(RELAY_UK, 'Thank you for the refund, which has come through already. You said there was no need to send the clock back, so I will keep it for parts.')).toEqual([]);
  });

  it('a phone number given for the carrier, with a plea not to be rung, is no phone request', () => {
    expect(intents(RELAY_UK, 'My number is on the order for the courier, but please don\'t trouble yourselves to ring me; I prefer writing.')).toEqual([]);
  });

  it('a call thought of and not made is no phone request', () => {
    expect(intents(RELAY_JP, 'お店にお電話をかけようかとも思いましたが、記録に残るようこちらに書いております。')).toEqual([]);
  });

  it('a dented outer box with the contents unharmed is no defect', () => {
    expect(intents(RELAY_JP, '段ボールの角が少しへこんでおりましたが、中のお皿は傷ひとつなく無事でした。')).toEqual([]);
  });

  it('"to avoid mistakes" (間違いがなかろう) is no defect', () => {
    expect(intents(RELAY_JP, '書面のほうが間違いがなかろうと思い、メッセージでご連絡いたしました。')).toEqual([]);
  });
});

describe('a bounce names the reply that bounced', () => {
  it('the order ID comes from the returned message\'s Subject (text/rfc822-headers)', async () => {
    const raw = readFileSync(join(import.meta.dirname, '../fixtures/mime/56-bounce-returned-headers.eml'));
    const c = classify(await parseMail(raw), shippedClassifyRules());
    expect(c.kind).toBe('auto_reply');
    expect(c.orderId).toBe('250-7712093-4418820');
  });
});
