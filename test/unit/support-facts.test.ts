import { describe, expect, it } from 'vitest';
import { findAmounts, kanjiNumber, readStatements, supportFacts, whatFor, type FactSource, type Statement } from '../../src/understand/support-facts.ts';

const faults = (s: Statement[]) => s.filter((x) => x.type === 'fault').map((x) => x.party);
const money = (s: Statement[]) => s.flatMap((x) => (x.type === 'money' ? [{ amount: x.amount, currency: x.currency, what: x.what, state: x.state }] : []));

describe('amounts in any script', () => {
  it.each([
    ['在庫保管手数料 ¥3,240 につきまして', 3240, 'JPY'],
    ['在庫保管手数料 ￥3,240 につきまして', 3240, 'JPY'],
    ['3,240円を返金いたします', 3240, 'JPY'],
    ['３２４０円を返金いたします', 3240, 'JPY'],
    ['三千二百四十円を返金いたします', 3240, 'JPY'],
    ['1万2千円の補填', 12000, 'JPY'],
    ['一万円', 10000, 'JPY'],
    ['JPY 3240 has been credited', 3240, 'JPY'],
    ['$214.80 has been credited', 214.8, 'USD'],
    ['USD 214.80 has been credited', 214.8, 'USD'],
    ['214.80 USD has been credited', 214.8, 'USD'],
    ['a reimbursement of US$1,214.80', 1214.8, 'USD'],
  ])('%s', (text, amount, currency) => {
    expect(findAmounts(text)).toEqual([expect.objectContaining({ amount, currency })]);
  });

  it('reads no amount from dates, SKUs, case IDs or order IDs', () => {
    expect(findAmounts('2025年4月3日から4月21日まで、SKU MB-800-NV、ケースID 8930127745、注文番号 250-1234567-1234567')).toEqual([]);
  });

  it('reads kanji numerals with units', () => {
    expect(kanjiNumber('三千二百四十')).toBe(3240);
    expect(kanjiNumber('3万2,400')).toBe(32400);
    expect(kanjiNumber('千五百')).toBe(1500);
    expect(kanjiNumber('十二万三千')).toBe(123000);
  });

  it('names what the money is for', () => {
    expect(whatFor('該当期間の在庫保管手数料 ¥3,240 を')).toEqual({ what: '在庫保管手数料', group: 'storage' });
    expect(whatFor('the long-term storage fees charged')).toEqual({ what: 'long-term storage fees', group: 'storage' });
    expect(whatFor('3 units were lost at the fulfillment center').group).toBe('lost');
  });
});

describe('fault in Japanese answers', () => {
  it.each([
    ['出品者様が商品を削除されたため、エラーとして計上されております。'],
    ['お調べしましたところ、出品者様のアカウントから削除の操作が行われたことが原因で、「有効な出品情報がない在庫」となっております。'],
    ['出品者様が在庫ファイルをアップロードされた際の設定により、出品が停止されております。'],
    ['出品者様が商品削除したことが事の発端であることに間違いはございません。'],
    ['今回の件は出品者様の設定の誤りによるものと存じます。'],
  ])('blames the seller: %s', (text) => {
    expect(faults(readStatements(text, 'ja'))).toEqual(['seller']);
  });

  it.each([
    ['弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されていたことが判明いたしました。'],
    ['このたびは弊社の不手際によりご迷惑をおかけし、誠に申し訳ございません。'],
    ['調査の結果、システム上の不具合で一部の在庫が誤って計上されておりました。'],
    ['Amazon側の処理の誤りが原因でございます。'],
    ['本件は弊社側のエラーであり、出品者様に非はございません。'],
  ])('admits Amazon: %s', (text) => {
    expect(faults(readStatements(text, 'ja'))).toEqual(['amazon']);
  });

  it.each([
    ['弊社システムの不具合ではございません。'],
    ['弊社にて調査いたしましたが、システムに不具合は確認されませんでした。'],
    ['出品者様の操作によるものではございません。'],
    ['出品者様からのご依頼により、ケースを再開いたしました。'],
    ['4カ月前の削除が今回あらためて計上された理由につきましては、恐れ入りますが、こちらではお答えいたしかねます。'],
    ['お手数ではございますが、前回ご案内した手順にて再出品をお試しいただけますと幸いです。'],
    ['システム上、エラーとして表示されております。'],
  ])('places no fault: %s', (text) => {
    expect(faults(readStatements(text, 'ja'))).toEqual([]);
  });
});

describe('fault in English answers', () => {
  it.each([
    ['The listing became stranded due to an action on your account on June 12.'],
    ['This happened because you deleted the listing from your inventory.'],
    ['Our records show the inventory file you uploaded on May 2 caused the listings to be removed.'],
    ['The error occurred as a result of changes made in your account settings.'],
  ])('blames the seller: %s', (text) => {
    expect(faults(readStatements(text, 'en'))).toEqual(['seller']);
  });

  it.each([
    ['This was due to a system error on our side.'],
    ['We apologize for the error on our part.'],
    ['Our investigation found that a technical issue in our catalog removed your listing.'],
    ['We made a mistake when processing your removal order.'],
    ['A glitch within Amazon\'s systems caused the units to be marked as unfulfillable; this was our mistake.'],
  ])('admits Amazon: %s', (text) => {
    expect(faults(readStatements(text, 'en'))).toEqual(['amazon']);
  });

  it.each([
    ['We found no system error on our side.'],
    ['This was not caused by anything you did, and we are still investigating.'],
    ['Thank you for contacting Amazon Selling Partner Support.'],
    ['Please follow the steps below to relist the item.'],
  ])('places no fault: %s', (text) => {
    expect(faults(readStatements(text, 'en'))).toEqual([]);
  });
});

describe('money in Japanese answers', () => {
  it.each([
    ['この期間に請求された在庫保管手数料のうち、該当SKU分の ¥3,412 を払い戻しいたしました。', 'paid', 3412],
    ['在庫保管手数料 3,240円の補填が完了いたしました。', 'paid', 3240],
    ['該当期間の在庫保管手数料 3,240円につきましては、7営業日以内に補填いたします。', 'promised', 3240],
    ['在庫保管手数料 三千二百四十円はペイメントレポートに「FBA在庫保管手数料の調整」として反映されます。', 'promised', 3240],
    ['ご依頼いただいた在庫保管手数料 3,240円につきましては、補填の対象外となります。', 'refused', 3240],
    ['在庫保管手数料 ¥3,240 の返金はいたしかねます。', 'refused', 3240],
    ['出品者様よりご依頼いただいた在庫保管手数料 3,240円の返金につきまして、現在担当部署にて確認しております。', 'claimed', 3240],
  ])('%s → %s', (text, state, amount) => {
    expect(money(readStatements(text, 'ja'))).toEqual([{ amount, currency: 'JPY', what: '在庫保管手数料', state }]);
  });

  it('joins an amount to the verb of the next sentence', () => {
    const s = readStatements('調査の結果、紛失した在庫 2点分として ¥4,980 が確認されました。こちらは5営業日以内に補填いたします。', 'ja');
    expect(money(s)).toEqual([{ amount: 4980, currency: 'JPY', what: '紛失した在庫', state: 'promised' }]);
  });

  it('reads a refusal that names no amount', () => {
    expect(money(readStatements('エラーが原因による在庫保管手数料の補填は難しいと存じます。', 'ja'))).toEqual([{ amount: null, currency: null, what: '在庫保管手数料', state: 'refused' }]);
  });

  it('ignores an amount with no pay or refuse verb', () => {
    expect(money(readStatements('2025年4月分の在庫保管手数料は ¥12,800 でした。', 'ja'))).toEqual([]);
  });

  it('reads only claims from the seller\'s own letter (its 弊社 is the seller)', () => {
    const s = readStatements('弊社の操作ミスではなく、弊社システムの不具合でもございません。つきましては、該当期間の在庫保管手数料 3,240円の補填をお願いいたします。', 'ja', 'seller');
    expect(s).toEqual([expect.objectContaining({ type: 'money', amount: 3240, state: 'claimed' })]);
  });
});

describe('money in English answers', () => {
  it.each([
    ['A reimbursement of $214.80 for the storage fees has been credited to your account.', 'paid'],
    ['We have reimbursed USD 214.80 for the storage fees.', 'paid'],
    ['The storage fees of $214.80 will be reimbursed within 5 business days.', 'promised'],
    ['You are eligible for a reimbursement of $214.80 for the storage fees.', 'promised'],
    ['Unfortunately, the storage fees of $214.80 are not eligible for reimbursement.', 'refused'],
    ['The storage fees of $214.80 will not be reimbursed.', 'refused'],
    ['We received your request for a reimbursement of $214.80 for the storage fees.', 'claimed'],
  ])('%s → %s', (text, state) => {
    expect(money(readStatements(text, 'en'))).toEqual([{ amount: 214.8, currency: 'USD', what: 'storage fees', state }]);
  });
});

describe('supportFacts over a timeline', () => {
  const jp = (eventId: number, at: string, text: string): FactSource => ({ type: 'amazon', eventId, at, language: 'ja', text });

  it('takes the latest of Amazon\'s statements and flags the contradiction', () => {
    const facts = supportFacts([
      jp(41, '2026-12-01T01:00:00Z', 'お調べしましたところ、出品者様が商品を削除されたため、エラーとして計上されております。'),
      jp(57, '2026-12-02T01:00:00Z', '再調査の結果、弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されていたことが判明いたしました。誠に申し訳ございません。'),
    ]);
    expect(facts.fault).toEqual({
      party: 'amazon',
      disputed: true,
      evidence: [
        { eventId: 41, party: 'seller', quote: 'お調べしましたところ、出品者様が商品を削除されたため、エラーとして計上されております。' },
        { eventId: 57, party: 'amazon', quote: '再調査の結果、弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されていたことが判明いたしました。' },
      ],
    });
  });

  it('is unclear and undisputed when Amazon never placed the fault', () => {
    const facts = supportFacts([jp(1, '2026-12-01T00:00:00Z', '恐れ入りますが、こちらではお答えいたしかねます。')]);
    expect(facts.fault).toEqual({ party: 'unclear', disputed: false, evidence: [] });
  });

  it('lets the seller set the fault, disputed against Amazon\'s word', () => {
    const facts = supportFacts([
      jp(1, '2026-12-01T00:00:00Z', '出品者様が商品を削除されたため、エラーとして計上されております。'),
      { type: 'fault', eventId: 2, at: '2026-12-01T02:00:00Z', party: 'amazon' },
    ]);
    expect(facts.fault.party).toBe('amazon');
    expect(facts.fault.disputed).toBe(true);
    const back = supportFacts([
      jp(1, '2026-12-01T00:00:00Z', '出品者様が商品を削除されたため、エラーとして計上されております。'),
      { type: 'fault', eventId: 2, at: '2026-12-01T02:00:00Z', party: 'amazon' },
      { type: 'fault', eventId: 3, at: '2026-12-01T03:00:00Z', party: null },
    ]);
    expect(back.fault).toMatchObject({ party: 'seller', disputed: false });
  });

  it('follows one amount from claim to promise to payment across mails and letters', () => {
    const facts = supportFacts([
      { type: 'letter', eventId: 60, at: '2026-12-03T00:00:00Z', language: 'ja', text: 'ケースID 8930127745 にてご担当者様よりシステムの不具合とのご回答をいただきました。該当期間の在庫保管手数料 3,240円の補填をお願いいたします。' },
      jp(63, '2026-12-04T00:00:00Z', 'ご依頼の在庫保管手数料 3,240円につきましては、7営業日以内に補填いたします。'),
      jp(70, '2026-12-12T00:00:00Z', '在庫保管手数料 ¥3,240 の補填が完了いたしました。'),
      jp(71, '2026-12-13T00:00:00Z', '引き続きよろしくお願いいたします。在庫保管手数料 3,240円の補填をいたします。'),
    ]);
    expect(facts.money).toEqual([{ amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'paid', eventIds: [60, 63, 70, 71] }]);
  });

  it('keeps different amounts apart and applies an amountless refusal to its item', () => {
    const facts = supportFacts([
      { type: 'amazon', eventId: 5, at: '2026-12-01T00:00:00Z', language: 'en', text: 'We received your request for a reimbursement of $214.80 for the storage fees. We will reimburse $39.98 for the lost units.' },
      { type: 'amazon', eventId: 6, at: '2026-12-02T00:00:00Z', language: 'en', text: 'After review, the storage fees are not eligible for reimbursement.' },
    ]);
    expect(facts.money).toEqual([
      { amount: 214.8, currency: 'USD', what: 'storage fees', state: 'refused', eventIds: [5, 6] },
      { amount: 39.98, currency: 'USD', what: 'lost units', state: 'promised', eventIds: [5] },
    ]);
  });

  it('lets the seller set money and keeps notes in order', () => {
    const facts = supportFacts([
      { type: 'note', eventId: 9, at: '2026-12-04T02:00:00Z', channel: 'phone', text: 'テクサポ（佐々木様）と電話。システム不具合と口頭で認めた。' },
      { type: 'money', eventId: 10, at: '2026-12-04T03:00:00Z', amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'claimed' },
      jp(11, '2026-12-05T00:00:00Z', '在庫保管手数料 3,240円は補填の対象外となります。'),
      { type: 'money', eventId: 12, at: '2026-12-20T00:00:00Z', amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'paid' },
    ]);
    expect(facts.money).toEqual([{ amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'paid', eventIds: [10, 11, 12] }]);
    expect(facts.notes).toEqual([{ eventId: 9, at: '2026-12-04T02:00:00Z', channel: 'phone', text: 'テクサポ（佐々木様）と電話。システム不具合と口頭で認めた。' }]);
  });
});

describe('sentences from Amazon mail that once misled', () => {
  it('takes a fee charged in error as an admission, not a payment', () => {
    const s = readStatements('We have confirmed that the aged inventory surcharge of $96.40 charged on October 15, 2026 for 40 units was applied in error. We have requested a reimbursement of $96.40.', 'en');
    expect(faults(s)).toEqual(['amazon']);
    expect(money(s)).toEqual([{ amount: 96.4, currency: 'USD', what: '', state: 'promised' }]);
  });

  it('leaves a unit price out of the money at stake', () => {
    const s = readStatements('The 12 misplaced units could not be located, so we have issued a reimbursement of $183.48 (12 units x $15.29).', 'en');
    expect(money(s)).toEqual([{ amount: 183.48, currency: 'USD', what: 'misplaced units', state: 'paid' }]);
  });

  it('hears the first agent of seed 000: the deletion put on the seller\'s account', () => {
    expect(faults(readStatements('お調べしましたところ、こちらのSKUは2025年1月14日に出品者様のアカウントから削除された記録がございます。', 'ja'))).toEqual(['seller']);
    expect(faults(readStatements('こちらの商品は4カ月ほど前に出品者様のほうで削除をされております。', 'ja'))).toEqual(['seller']);
    expect(faults(readStatements('なお、削除の操作を行った覚えがない場合は、本ケースにご返信ください。', 'ja'))).toEqual([]);
  });

  it('takes 誤って請求 by Amazon as an admission, and the seller\'s own slip as the seller\'s', () => {
    expect(faults(readStatements('該当期間の在庫保管手数料が誤って請求されておりました。', 'ja'))).toEqual(['amazon']);
    expect(faults(readStatements('You deleted the listing by mistake on May 2, which caused the inventory to become stranded.', 'en'))).toEqual(['seller']);
  });
});
