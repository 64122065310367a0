// The categories the classifier misread on classify-r41 (instruments and audio, buyers in a hurry, replies over
// quoted mail; held out until classify-r46 and r47 were written, then read; docs/understanding-measures.md), each
// with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { relayedIntents as intents } from '../support/categories.ts';

const RELAY_JP = '購入者 - Amazon Marketplace <b7x2k9q4m1w8z5p@marketplace.amazon.co.jp>';
const RELAY_US = 'Dana - Amazon Marketplace <q4k9w2m8x1p7z3r@marketplace.amazon.com>';

describe('a fault written in kana', () => {
  it('"ふりょうひんかも" reads as 不良品', () => {
    expect(intents(RELAY_JP, 'スイッチいれてもランプがつかない。ふりょうひんかもです')).toEqual(['defect']);
  });
});

describe('a part that snapped or will not come back up', () => {
  it('a string or strap that came apart (ひもが切れていた)', () => {
    expect(intents(RELAY_JP, '箱をあけたら、持ち手のひもが片方切れていました。')).toEqual(['defect']);
  });

  it('a key or button that stays down (押したあと戻ってこない)', () => {
    expect(intents(RELAY_JP, '右端のボタンが、押したあとなかなか戻ってこなくなりました。')).toEqual(['defect']);
  });
});

describe('a new address given', () => {
  it('"届け先を新しい住所にしてもらえますか"', () => {
    expect(intents(RELAY_JP, '来週引っ越すので、届け先を新しい住所にしてもらえますか。')).toEqual(['address_change']);
  });

  it('"新住所は…です" after a move', () => {
    expect(intents(RELAY_JP, '引っ越しました。新住所は 大阪府吹田市1-2-3 です。')).toEqual(['address_change']);
  });
});

describe('"has this shipped yet?"', () => {
  it('asks where the parcel is', () => {
    expect(intents(RELAY_US, 'has this shipped yet? need it by friday')).toEqual(['delivery_status']);
  });
});
