// The categories the classifier misread on classify-r39 (pet and camping goods, requests told late; held out
// until classify-r42 and r43 were written, then read; docs/understanding-measures.md), each with messages of our
// own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { buyerText } from '../../src/understand/extract.ts';
import { relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_US = 'Dana - Amazon Marketplace <q4k9w2m8x1p7z3r@marketplace.amazon.com>';

describe('texting spellings', () => {
  it('"do u guys make" asks about the product', () => {
    expect(intents(RELAY_US, 'do u guys make a bigger one')).toEqual(['product_question']);
  });

  it('"does that mean it fits the older one too" asks about the product', () => {
    expect(intents(RELAY_US, 'does that mean the refill fits the older model too')).toEqual(['product_question']);
  });
});

describe('a cancellation without the word', () => {
  it('"is there any way to stop it before it goes out?"', () => {
    expect(intents(RELAY_US, 'We bought one in a shop already. Is there any way to stop it before it ships?')).toEqual(['cancel']);
  });
});

describe('a notice the buyer pasted into the message', () => {
  it('the words after the pasted notice\'s end line are the buyer\'s', () => {
    const text = [
      '------------- メッセージ開始 -------------',
      '配送業者からこんな連絡が来ました。',
      '---------- 転送メッセージ ----------',
      '差出人: 配送センター',
      'お届け先のご住所が不完全なため、お届けできておりません。',
      '---------- ここまで ----------',
      '部屋番号を書き忘れていました。302号室です。',
      '------------- メッセージ終了 -------------',
    ].join('\n');
    const words = buyerText(text, shippedClassifyRules());
    expect(words).toContain('部屋番号を書き忘れていました');
    expect(words).not.toContain('お届け先のご住所が不完全');
  });
});
