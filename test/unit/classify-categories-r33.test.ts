// The categories the classifier misread on classify-r33 (kitchen goods, elderly and dialect buyers; held out
// until classify-r39 and r40 were written, then read; docs/understanding-measures.md), each with messages of
// our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '山本 - Amazonマーケットプレイス <h3k8q2w9m1x5p7z@marketplace.amazon.co.jp>';
const RELAY_US = 'Sam - Amazon Marketplace <w2k7q9m3x1p8z5r@marketplace.amazon.com>';

describe('words a request turns on, written in kana', () => {
  it('とどかない, とどいていません: not arrived', () => {
    expect(intents(RELAY_JP, 'ちゅうもんしてから十日たつのにまだとどかないです')).toEqual(['delivery_status']);
    expect(intents(RELAY_JP, 'にもつがとどいていません。')).toEqual(['delivery_status']);
  });

  it('へんぴん, こわれて: return and defect', () => {
    expect(intents(RELAY_JP, 'ふたがこわれていたのでへんぴんしたいです')).toEqual(['defect', 'return']);
  });

  it('not another word that holds the same kana ("ちょっとどいて", "こうかんじ")', () => {
    expect(intents(RELAY_JP, '孫にちょっとどいてと言われながら開けました。こうかんじで使っています。')).toEqual([]);
  });
});

describe('a carrier sending the parcel back is no return', () => {
  it('"the courier will send it back" is a worry, not a request', () => {
    expect(intents(RELAY_US, 'I gave the wrong flat number, please fix it before it ships or the courier will send it back.')).toEqual(['address_change']);
  });

  it('"can I send it back?" still asks for a return', () => {
    expect(intents(RELAY_US, 'The pot is too small for us. Can I send it back?')).toEqual(['return']);
  });
});

describe('casual English', () => {
  it('"wheres my other order" asks where a parcel is', () => {
    expect(intents(RELAY_US, 'got the spatulas thx. wheres my other order tho, the whisk')).toEqual(['delivery_status']);
  });

  it('a loose or wobbling part is a defect', () => {
    expect(intents(RELAY_US, 'the lid is already loose and rattles.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The stool wobbles when you sit on it.')).toEqual(['defect']);
  });
});

describe('asking whether what the buyer sees is normal', () => {
  it('"is this normal?" and 最初はこういうものですか are questions about the product', () => {
    expect(intents(RELAY_US, 'There is a faint plastic smell from the new air fryer. Is this normal?')).toEqual(['product_question']);
    expect(intents(RELAY_JP, '使い始めは少し音がします。最初はこういうものですか？')).toEqual(['product_question']);
  });

  it('a statement that it is normal asks nothing', () => {
    expect(intents(RELAY_JP, '説明書に最初は少し臭いがするのは普通と書いてありました。')).toEqual([]);
  });
});

describe('a listing stopped, said as a verb', () => {
  it('"出品が停止されました" from Seller Central is an account-health notice', () => {
    const notice = mail('notifications@sellercentral.amazon.co.jp', '対応が必要です：出品が停止されました（安全基準）', '出品者様\n\n以下の出品を停止しました。ASIN: B0ABCDE123\n\nアカウント健全性ページから情報をご提出ください。');
    expect(classify(notice, shippedClassifyRules()).kind).toBe('account_health');
  });
});
