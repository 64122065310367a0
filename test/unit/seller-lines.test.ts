import { describe, expect, it } from 'vitest';
import { parseFault, parseMoney, problemText, readSellerLines } from '../../src/understand/seller-lines.ts';

describe('the seller\'s money setting', () => {
  it.each([
    ['3240円 在庫保管手数料 請求中', { amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'claimed' }],
    ['３，２４０円　在庫保管手数料　補填予定', { amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'promised' }],
    ['¥3,240 在庫保管手数料 補填済み', { amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'paid' }],
    ['3240 JPY 在庫保管手数料 claimed', { amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'claimed' }],
    ['214.80 USD storage fees claimed', { amount: 214.8, currency: 'USD', what: 'storage fees', state: 'claimed' }],
    ['$39.98 lost units refused', { amount: 39.98, currency: 'USD', what: 'lost units', state: 'refused' }],
    ['3240円 取消', { amount: 3240, currency: 'JPY', what: '', state: null }],
  ])('%s', (text, expected) => {
    expect(parseMoney(text, null)).toEqual({ ok: true, value: expected });
  });

  it('takes the marketplace\'s currency for a bare number, and says what is missing otherwise', () => {
    expect(parseMoney('3240 在庫保管手数料 請求中', 'JPY')).toEqual({ ok: true, value: { amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'claimed' } });
    expect(parseMoney('3240 在庫保管手数料 請求中', null)).toMatchObject({ ok: false, problem: { missing: 'currency' } });
    expect(parseMoney('在庫保管手数料 請求中', 'JPY')).toMatchObject({ ok: false, problem: { missing: 'amount' } });
    const noState = parseMoney('3240円 在庫保管手数料', 'JPY');
    expect(noState).toMatchObject({ ok: false, problem: { missing: 'state' } });
    if (!noState.ok) expect(problemText(noState.problem, 'ja')).toContain('状態');
  });
});

describe('the seller\'s fault setting', () => {
  it.each([
    ['Amazon', 'amazon'], ['アマゾン', 'amazon'], ['amazon', 'amazon'], ['出品者', 'seller'], ['seller', 'seller'], ['自分', 'seller'],
    ['不明', 'unclear'], ['unclear', 'unclear'], ['自動', null], ['auto', null],
  ])('%s', (text, party) => {
    expect(parseFault(text)).toEqual({ ok: true, value: party });
  });

  it('refuses what it cannot read, with a Japanese sentence for the reply', () => {
    const r = parseFault('たぶんAmazon');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(problemText(r.problem, 'ja')).toContain('責任: Amazon');
  });
});

describe('reply lines', () => {
  it('makes the whole text a note when the first line is メモ:, with its channel', () => {
    expect(readSellerLines('メモ（電話）: テクサポの田村様と電話。\nシステムの不具合と認め、補填すると言った。', 'JPY')).toEqual({
      note: { channel: 'phone', text: 'テクサポの田村様と電話。\nシステムの不具合と認め、補填すると言った。' },
      fault: undefined,
      money: [],
      problems: [],
    });
    expect(readSellerLines('Note (chat): agent confirmed the error', null)?.note).toEqual({ channel: 'chat', text: 'agent confirmed the error' });
    expect(readSellerLines('Note: no call was ever received from this buyer', null)?.note).toEqual({ channel: 'other', text: 'no call was ever received from this buyer' });
  });

  it('reads every fault and money line, and collects what it could not read', () => {
    const lines = readSellerLines('責任: Amazon\n金額: 3240円 在庫保管手数料 請求中\n金額: 在庫保管手数料\nよろしくお願いします', 'JPY');
    expect(lines?.fault).toBe('amazon');
    expect(lines?.money).toEqual([{ amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'claimed' }]);
    expect(lines?.problems).toEqual([{ field: 'money', value: '在庫保管手数料', missing: 'amount' }]);
  });

  it('leaves other replies alone: an approval, an edit, a line that only mentions a note', () => {
    expect(readSellerLines('承認', 'JPY')).toBeNull();
    expect(readSellerLines('OK\nメモ: あとで', 'JPY')).toBeNull();
    expect(readSellerLines('メモを残しておきます', 'JPY')).toBeNull();
    expect(readSellerLines('Fault：amazon', null)?.fault).toBe('amazon');
    expect(readSellerLines('Faulty item: please check', null)).toBeNull();
  });
});
