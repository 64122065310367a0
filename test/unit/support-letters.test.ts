// The shipped Seller Support letters (templates/support), rendered in Japanese and English with a case's
// facts: each carries the seeds' decisive move, fills amounts and quotes from the facts, and leaves a
// blank only where nothing is known.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates, sampleData } from '../../src/respond/templates/index.ts';

const templates = loadTemplates(join(import.meta.dirname, '../../templates'));
const render = (name: string, language: 'ja' | 'en', over: object = {}) => templates.render(`support/${name}`, language, sampleData(language, over));

const admitted = {
  ja: { fault: 'amazon', admission: { quote: '弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されていた', at: '2026-12-01T02:00:00Z' }, money: [{ amount: '3,240円', what: '在庫保管手数料', state: 'claimed' }], unpaidTotal: '3,240円' },
  en: { fault: 'amazon', admission: { quote: 'due to a system error on our side, the listing for SKU SKR-0042 was removed', at: '2026-12-01T02:00:00Z' }, money: [{ amount: '$214.80', what: 'monthly storage fees', state: 'claimed' }], unpaidTotal: '$214.80' },
};

describe('the Seller Support letters', () => {
  it('never call the service anything but テクニカルサポート in Japanese', () => {
    for (const info of templates.list().filter((t) => t.name.startsWith('support/') && t.language === 'ja')) {
      const { text, subject } = templates.render(info.name, 'ja', info.sample);
      expect(`${subject ?? ''}\n${text}`, info.name).not.toMatch(/出品者サポート|Seller Support/);
    }
    expect(templates.problems).toEqual([]);
  });

  it('clarify asks plainly whose operation caused it, and how to avoid it if the seller\'s', () => {
    const ja = render('clarify', 'ja', { support: { fault: 'seller' } });
    expect(ja.text).toContain('当方（出品者）の操作にあるのでしょうか。それとも、Amazonのシステム側にあるのでしょうか。');
    expect(ja.text).toContain('今後どのようにすれば防げるのか');
    expect(ja.text).toContain('「出品者様が商品を削除されたため、エラーとして計上されております。」');
    expect(ja.placeholders).toEqual([]);
    const en = render('clarify', 'en', { support: { fault: 'unclear' } });
    expect(en.text).toContain("Does the cause of this issue lie in my operation as the seller, or in Amazon's system?");
    expect(en.text).toContain('what I should do to avoid it in the future');
    expect(en.text).not.toContain('Your answer says');
    expect(en.placeholders).toEqual([]);
  });

  it('reimbursement cites the agent\'s own admission by case ID and quote, with the amounts', () => {
    const ja = render('reimbursement', 'ja', { case: { supportCaseId: '13872264510' }, support: admitted.ja });
    expect(ja.text).toContain('ケースID 13872264510 の件');
    expect(ja.text).toContain('「弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されていた」');
    expect(ja.text).toContain('2026年12月1日（火）のご回答');
    expect(ja.text).toContain('・在庫保管手数料 3,240円');
    expect(ja.placeholders).toEqual([]);
    const en = render('reimbursement', 'en', { case: { supportCaseId: '13872264510' }, support: admitted.en });
    expect(en.text).toContain('Case ID: 13872264510');
    expect(en.text).toContain('"due to a system error on our side, the listing for SKU SKR-0042 was removed"');
    expect(en.text).toContain('- monthly storage fees: $214.80');
    expect(en.placeholders).toEqual([]);
  });

  it('reimbursement leaves a blank for the amount only when none is known', () => {
    const ja = render('reimbursement', 'ja', { support: { ...admitted.ja, money: [], unpaidTotal: null } });
    expect(ja.placeholders).toHaveLength(1);
    expect(ja.placeholders[0]).toMatch(/^【要記入: 費用の種類と金額/);
  });

  it('the new case carries the previous case ID and the previous agent\'s answer', () => {
    const ja = render('new-case', 'ja', { case: { supportCaseId: '13872264510' } });
    expect(ja.subject).toBe('ケースID 13872264510 の件について（再度のお問い合わせ）');
    expect(ja.text).toContain('前回のケースでは、担当者様から次のご回答をいただきました。');
    expect(ja.text).toContain('「出品者様が商品を削除されたため、エラーとして計上されております。」');
    const en = render('new-case', 'en', { case: { supportCaseId: '13872264510' } });
    expect(en.subject).toBe('About Case ID 13872264510 (asking again)');
    expect(en.text).toContain('"The listing was deleted by the seller, which caused the error."');
  });

  it('escalate asks whether it is Amazon\'s official position, naming a refused payment', () => {
    const ja = render('escalate', 'ja', { support: { ...admitted.ja, money: [{ amount: '3,240円', what: '在庫保管手数料', state: 'refused' }] } });
    expect(ja.text).toContain('Amazonとしての正式な見解と理解してよろしいでしょうか');
    expect(ja.text).toContain('在庫保管手数料（3,240円）は返金できないとのご回答でした。');
    const en = render('escalate', 'en', { support: { ...admitted.en, money: [{ amount: '$214.80', what: 'monthly storage fees', state: 'refused' }] } });
    expect(en.text).toContain("Is your answer on reimbursing the $214.80 Amazon's official position?");
    expect(en.text).toContain('the monthly storage fees ($214.80) cannot be reimbursed');
  });

  it('the executive letter goes to アマゾンジャパン合同会社 代表 / Executive Seller Relations with the seller ID, case lines without doubled colons', () => {
    const ja = render('executive', 'ja');
    expect(ja.text.startsWith('アマゾンジャパン合同会社\n代表執行役員社長 様')).toBe(true);
    expect(ja.text).toContain('出品者ID A1B2C3D4E5F6G7');
    expect(ja.text).toContain('・ケースID 12345678900（最初のお問い合わせ）');
    expect(ja.text).not.toMatch(/[:：][^\n]*[:：]\s*【/);
    expect(ja.text).not.toMatch(/ケースID[:：] ?\d+[:：]/);
    expect(ja.placeholders).toEqual([]);
    const en = render('executive', 'en');
    expect(en.text.startsWith('Dear Amazon Executive Seller Relations team,')).toBe(true);
    expect(en.text).toContain('seller ID A7G6F5E4D3C2B1');
    expect(en.text).toContain('- Case ID 12345678900 (the first case)');
    expect(en.text).not.toMatch(/Case ID: ?\d+:/);
    expect(en.placeholders).toEqual([]);
    expect(render('executive', 'ja', { account: { sellerId: null } }).placeholders).toEqual(['【要記入: 出品者ID】']);
  });

  it('the payment follow-up names the promise and what is still missing', () => {
    const ja = render('payment-follow-up', 'ja', { support: { money: [{ amount: '3,240円', what: '在庫保管手数料', state: 'promised' }], promisedAt: '2026-11-02T10:00:00+09:00' } });
    expect(ja.text).toContain('2026年11月2日（月）のご回答で、以下の返金（補填）を行っていただけるとのご案内をいただきました。');
    expect(ja.text).toContain('・在庫保管手数料 3,240円');
    const en = render('payment-follow-up', 'en', { support: { money: [{ amount: '$214.80', what: 'monthly storage fees', state: 'promised' }], promisedAt: '2026-11-02T10:00:00-05:00' } });
    expect(en.text).toContain('- monthly storage fees: $214.80');
    expect(en.text).toContain('where the reimbursement stands');
  });
});
