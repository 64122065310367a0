// The starter template set the seller gets: every template in both languages, rendering its own sample,
// and every buyer reply passing the policy guard in its language (also when facts are missing).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules } from '../../src/respond/guard/index.ts';
import { loadTemplates, TemplateError, type TemplateInfo } from '../../src/respond/templates/index.ts';

const root = join(import.meta.dirname, '..', '..');
const templates = loadTemplates(join(root, 'templates'));
const rules = loadGuardRules(join(root, 'rules', 'guard.yaml'));

const BUYER = ['fba-return', 'merchant-return', 'phone-request', 'invoice', 'delivery-status', 'defect-apology', 'cancel',
  'address-change', 'product-question', 'cs-forward-answer', 'general'];
const SUPPORT = ['clarify', 'new-case', 'callback', 'escalate', 'executive', 'follow-up', 'reimbursement', 'payment-follow-up'];
// delivery-status is not auto: a buyer who says it is late is told the shop is looking into it, the seller's own work.
const AUTO = ['buyer/fba-return', 'buyer/phone-request', 'support/follow-up'];

const all = templates.list();
const buyer = all.filter((t) => t.audience === 'buyer');

function render(name: string, language: 'ja' | 'en', overrides: (sample: TemplateInfo['sample']) => void = () => {}) {
  const sample = structuredClone(templates.get(name, language)!.sample);
  overrides(sample);
  return templates.render(name, language, sample);
}

function guard(info: TemplateInfo, text: string, subject: string | null) {
  return checkBuyerMessage({ text, subject, language: info.language }, rules).violations;
}

describe('starter template set', () => {
  it('loads without a single problem', () => {
    expect(templates.problems).toEqual([]);
  });

  it('is exactly the starter set, every template in Japanese and in English', () => {
    const names = [...BUYER.map((n) => `buyer/${n}`), ...SUPPORT.map((n) => `support/${n}`)];
    expect(all.map((t) => `${t.name}.${t.language}`).sort()).toEqual(names.flatMap((n) => [`${n}.en`, `${n}.ja`]).sort());
  });

  it('sends to buyers only from buyer/ and to Amazon only from support/, answering the right kinds', () => {
    for (const t of all) {
      const folder = t.name.split('/')[0];
      expect(t.audience, t.file).toBe(folder === 'buyer' ? 'buyer' : 'amazon');
      if (t.audience === 'amazon') expect(t.kinds, t.file).toEqual(['support_case']);
      else expect(t.kinds.every((k) => ['buyer_message', 'cs_inquiry', 'return_request'].includes(k)), t.file).toBe(true);
    }
  });

  it('marks only the templates that need no human words as auto, the same in both languages', () => {
    expect([...new Set(all.filter((t) => t.auto).map((t) => t.name))].sort()).toEqual([...AUTO].sort());
    for (const t of all) expect(templates.get(t.name, t.language === 'ja' ? 'en' : 'ja')!.auto, t.file).toBe(t.auto);
  });

  it.each(all.map((t) => [`${t.name}.${t.language}`, t] as const))('%s renders its sample cleanly', (_, info) => {
    const { text, subject, placeholders } = templates.render(info.name, info.language, info.sample);
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).not.toMatch(/\n{3}/);
    expect(text).toBe(text.trim());
    expect(text).not.toMatch(/[ \t]$/m);
    // A Japanese template is Japanese (hiragana throughout); an English one has none.
    if (info.language === 'ja') expect(text.match(/[ぁ-ん]/g)?.length ?? 0).toBeGreaterThan(40);
    else expect(text).not.toMatch(/[ぁ-ん]/);
    if (info.audience === 'buyer') expect(guard(info, text, subject)).toEqual([]);
    if (info.auto) expect(placeholders).toEqual([]);
  });

  it.each(buyer.map((t) => [`${t.name}.${t.language}`, t] as const))('%s passes the guard with no buyer name, item or order ID, either fulfilment', (_, info) => {
    for (const fulfilment of ['fba', 'merchant'] as const) {
      const sample = structuredClone(info.sample);
      sample.buyer.name = null;
      sample.order.itemTitle = null;
      sample.order.productName = null;
      if (!info.needs.includes('order.id')) sample.order.id = null;
      sample.order.fulfilment = fulfilment;
      const { text, subject, placeholders } = templates.render(info.name, info.language, sample);
      expect(guard(info, text, subject)).toEqual([]);
      expect(text.split('\n')[0]).toBe(info.language === 'ja' ? 'お客様' : 'Hi there,');
      if (info.auto) expect(placeholders).toEqual([]);
    }
  });
});

describe('what the starter templates say', () => {
  it('fba-return walks through 注文履歴 / Your Orders and says Amazon refunds, without links', () => {
    const ja = render('buyer/fba-return', 'ja').text;
    expect(ja).toContain('「注文履歴」');
    expect(ja).toContain('「返品・交換」');
    expect(ja).toContain('返金はAmazonより');
    expect(ja).toContain('注文番号: 250-1234567-1234567');
    const en = render('buyer/fba-return', 'en').text;
    expect(en).toContain('"Return or replace items"');
    expect(en).toContain('Amazon will issue your refund');
    expect(`${ja}\n${en}`).not.toMatch(/https?:|www\.|amazon\.(?:co\.jp|com)\//i);
  });

  it('phone-request keeps the conversation in writing and neither gives nor asks for a number', () => {
    const ja = render('buyer/phone-request', 'ja').text;
    expect(ja).toContain('お電話での対応はいたしかねます');
    expect(ja).toContain('行き違いのないよう');
    const en = render('buyer/phone-request', 'en').text;
    expect(en).toContain('in writing through Amazon');
    expect(`${ja}\n${en}`).not.toMatch(/\d{3,}|電話番号|phone number/i);
  });

  it('defect-apology tells FBA buyers Amazon handles the return, and merchant buyers the seller pays return shipping', () => {
    const fba = render('buyer/defect-apology', 'ja', (s) => (s.order.fulfilment = 'fba')).text;
    const merchant = render('buyer/defect-apology', 'ja', (s) => (s.order.fulfilment = 'merchant')).text;
    expect(fba).toContain('交換・返品の受付と返金は、Amazonが行います');
    expect(fba).not.toContain('返送料');
    expect(merchant).toContain('返送料は当店が負担いたします');
    expect(render('buyer/defect-apology', 'en', (s) => (s.order.fulfilment = 'merchant')).text).toContain('we will cover the return shipping');
  });

  it('invoice offers the seller-issued invoice only on merchant orders', () => {
    expect(render('buyer/invoice', 'ja', (s) => (s.order.fulfilment = 'fba')).text).not.toContain('請求書アップロード');
    expect(render('buyer/invoice', 'ja', (s) => (s.order.fulfilment = 'merchant')).text).toContain('請求書アップロード機能');
    expect(render('buyer/invoice', 'en', (s) => (s.order.fulfilment = 'merchant')).text).toContain('upload it to your order');
    expect(render('buyer/invoice', 'ja').text).toContain('「領収書等」');
  });

  it('merchant-return skips the request steps when Amazon already sent the return request', () => {
    const request = render('buyer/merchant-return', 'en', (s) => (s.message.kind = 'return_request')).text;
    const question = render('buyer/merchant-return', 'en').text;
    expect(request).toContain('We have received your return request. Once we authorize it');
    expect(request).not.toContain('submit the request');
    expect(question).toContain('submit the request');
  });

  it('merchant-return cannot be drafted without an order ID', () => {
    expect(() => render('buyer/merchant-return', 'ja', (s) => (s.order.id = null))).toThrow(TemplateError);
  });

  it('cs-forward-answer answers the buyer calmly and offers the return, with no counter-accusation', () => {
    const ja = render('buyer/cs-forward-answer', 'ja').text;
    expect(ja).toContain('Amazonのメッセージで承っております');
    expect(ja).toContain('「返品・交換」');
    expect(ja).not.toMatch(/嘘|虚偽|事実と異なり|電話は(?:一度も)?(?:いただいて|受けて)/);
    expect(render('buyer/cs-forward-answer', 'en').text).not.toMatch(/\b(?:lie|lied|false|untrue)\b/i);
  });

  it('support letters quote the case ID the way テクニカルサポート reads it, without doubled colons', () => {
    expect(render('support/clarify', 'ja').text).toContain('ケースID 12345678901 の件につきまして');
    expect(render('support/clarify', 'en').text).toContain('Case ID: 12345678901');
    const newCase = render('support/new-case', 'ja');
    expect(newCase.text).toContain('ケースID 12345678900 でお問い合わせいたしました件');
    expect(newCase.subject).toBe('ケースID 12345678900 の件について（再度のお問い合わせ）');
    expect(render('support/escalate', 'ja').text).toContain('Amazonとしての正式な見解');
    expect(render('support/escalate', 'en').text).toContain("Amazon's official position");
    for (const name of SUPPORT) {
      for (const language of ['ja', 'en'] as const) expect(render(`support/${name}`, language).text, `${name}.${language}`).not.toMatch(/[:：]\s*[:：]/);
    }
  });

  it('support letters ask plainly whether the cause is the seller\'s operation or Amazon\'s system', () => {
    for (const language of ['ja', 'en'] as const) expect(render('support/clarify', language).placeholders).toHaveLength(0);
    expect(render('support/clarify', 'ja').text).toContain('当方（出品者）の操作にあるのでしょうか。それとも、Amazonのシステム側にあるのでしょうか');
    expect(render('support/clarify', 'en').text).toContain("Does the cause of this issue lie in my operation as the seller, or in Amazon's system?");
    expect(render('support/new-case', 'ja').placeholders).toHaveLength(1);
    expect(render('support/new-case', 'ja').text).toContain('前回のケースでは、担当者様から次のご回答をいただきました');
    for (const name of SUPPORT) expect(render(`support/${name}`, 'ja').text, name).not.toMatch(/Seller Support|出品者サポート/);
  });

  it('callback lists the facts Seller Support needs on the phone', () => {
    const ja = render('support/callback', 'ja');
    for (const fact of ['経緯', '時期', 'エラーが表示された画面', 'エラーメッセージの内容', '目的', 'お電話可能な時間帯']) expect(ja.text).toContain(fact);
    expect(ja.placeholders).toHaveLength(6);
    expect(render('support/callback', 'en').placeholders).toHaveLength(6);
  });

  it('executive is addressed to アマゾンジャパン合同会社 代表 with the seller ID and a dated timeline of both cases', () => {
    const ja = render('support/executive', 'ja');
    expect(ja.text).toContain('アマゾンジャパン合同会社\n代表執行役員社長 様');
    expect(ja.text).toContain('出品者ID A1B2C3D4E5F6G7');
    expect(ja.text).toContain('・ケースID 12345678901：2026年11月2日（月）にお問い合わせ、これまでにご回答5回');
    expect(ja.text).toContain('「弊社システムの不具合により');
    const en = render('support/executive', 'en');
    expect(en.text).toContain('Dear Amazon Executive Seller Relations team');
    expect(en.text).toContain('opened Monday, November 2, 2026, 5 answers so far');
    expect(en.subject).toBe('Escalation request: Case ID 12345678901, seller ID A7G6F5E4D3C2B1');
    expect(render('support/executive', 'en', (s) => (s.case.previousSupportCaseId = null)).text).not.toContain('12345678900');
  });

  it('follow-up counts the days Amazon has been silent', () => {
    expect(render('support/follow-up', 'ja', (s) => (s.case.daysWaiting = 7)).text).toContain('7日前にお送りした');
    expect(render('support/follow-up', 'en', (s) => (s.case.daysWaiting = 7)).text).toContain('7 days ago');
    expect(render('support/follow-up', 'en', (s) => (s.case.daysWaiting = 1)).text).toContain('yesterday');
  });

  it('reimbursement cites the agent\'s admission by date and quote, and asks for the amounts at stake', () => {
    const ja = render('support/reimbursement', 'ja');
    expect(ja.text).toContain('2026年11月22日（日）のご回答で、本件がAmazon側の不具合によるものであることをお認めいただきました');
    expect(ja.text).toContain('・在庫保管手数料 3,240円');
    expect(ja.text).not.toContain('合計');
    expect(ja.text).toContain('返金（補填）していただけますでしょうか');
    expect(ja.placeholders).toHaveLength(0);
    expect(render('support/reimbursement', 'en').text).toContain('Case ID: 12345678901');
  });

  it('templates that need the case ID refuse a case without one, naming the needs line', () => {
    for (const name of ['support/clarify', 'support/escalate', 'support/follow-up', 'support/reimbursement']) {
      let error: unknown;
      try {
        render(name, 'ja', (s) => (s.case.supportCaseId = null));
      } catch (err) {
        error = err;
      }
      expect(error, name).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).file).toBe(templates.get(name, 'ja')!.file);
      expect((error as TemplateError).line).toBeGreaterThan(1);
      expect((error as TemplateError).message).toContain('case.supportCaseId');
    }
  });
});
