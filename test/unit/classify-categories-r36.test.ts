// The categories the classifier misread on classify-r36 (food, drink, cosmetics and baby goods; read once
// it had been scored first, with classify-r33 to r35 left unread as the measure; docs/understanding-measures.md),
// each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '佐藤 - Amazonマーケットプレイス <t5k9w2m8q1x7p3z@marketplace.amazon.co.jp>';
const RELAY_US = 'Alex - Amazon Marketplace <p8x3q7m1k9w2z5r@marketplace.amazon.com>';

describe('food and cosmetics gone wrong', () => {
  it('goods past their date are a defect', () => {
    expect(intents(RELAY_US, 'The protein bars arrived already expired last month.')).toEqual(['defect']);
    expect(intents(RELAY_JP, '届いたクッキーの賞味期限がもう切れていました。')).toEqual(['defect']);
  });

  it('a sour or musty smell is a defect', () => {
    expect(intents(RELAY_US, 'The oat milk smells sour straight out of the carton.')).toEqual(['defect']);
    expect(intents(RELAY_JP, '開けたら酸っぱいにおいがしました。')).toEqual(['defect']);
  });

  it('"nothing wrong with the product itself" is no defect', () => {
    expect(intents(RELAY_US, 'The cream gave me a rash, but there is nothing wrong with the cream, it just is not for my skin.')).toEqual([]);
  });
});

describe('what came instead of what was ordered', () => {
  it('"Ordered … but got …" without "I" is a defect', () => {
    expect(intents(RELAY_US, 'Ordered the mint toothpaste but got the cinnamon one.')).toEqual(['defect']);
  });

  it('"…を注文しましたが、届いたのは…でした" is a defect', () => {
    expect(intents(RELAY_JP, '緑茶を注文しましたが、届いたのは紅茶でした。')).toEqual(['defect']);
  });

  it('the packing slip named as proof asks for no invoice', () => {
    expect(intents(RELAY_JP, '納品書には緑茶と書いてあります。')).toEqual([]);
  });
});

describe('Japanese written with spaces between words', () => {
  it('a broken lid and money back, written word by word in kana', () => {
    expect(intents(RELAY_JP, 'びん の ふた が われています。おかね かえして ください。')).toEqual(['defect', 'return']);
  });
});

describe('a subscription\'s next delivery', () => {
  it('whether the next delivery is already being prepared asks about the delivery', () => {
    expect(intents(RELAY_JP, '来月分はもう発送の準備に入っていますか。')).toEqual(['delivery_status']);
  });
});
