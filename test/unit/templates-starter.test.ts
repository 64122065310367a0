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
const SUPPORT = ['clarify', 'new-case', 'callback', 'escalate', 'executive', 'follow-up', 'reimbursement'];
const AUTO = ['buyer/fba-return', 'buyer/phone-request', 'buyer/invoice', 'buyer/delivery-status', 'support/follow-up'];

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
    expect(ja).toContain('記録として残す');
    const en = render('buyer/phone-request', 'en').text;
    expect(en).toContain('in writing through Amazon');
    expect(`${ja}\n${en}`).not.toMatch(/\d{3,}|電話番号|phone number/i);
  });

  it('defect-apology tells FBA buyers Amazon handles the return, and merchant buyers the seller pays return shipping', () => {
    const fba = render('buyer/defect-apology', 'ja', (s) => (s.order.fulfilment = 'fba')).text;
    const merchant = render('buyer/defect-apology', 'ja', (s) => (s.order.fulfilment = 'merchant')).text;
    expect(fba).toContain('返品と返金はAmazonが承ります');
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
    expect(request).toContain('We have authorized your return request');
    expect(request).not.toContain('submit the request');
    expect(question).toContain('submit the request');
  });

  it('merchant-return cannot be drafted without an order ID', () => {
    expect(() => render('buyer/merchant-return', 'ja', (s) => (s.order.id = null))).toThrow(TemplateError);
  });

  it('cs-forward-answer answers the buyer calmly and offers the return, with no counter-accusation', () => {
    const ja = render('buyer/cs-forward-answer', 'ja').text;
    expect(ja).toContain('Amazonのメッセージにて承っております');
    expect(ja).toContain('「返品・交換」');
    expect(ja).not.toMatch(/嘘|虚偽|事実と異なり|電話は(?:一度も)?(?:いただいて|受けて)/);
    expect(render('buyer/cs-forward-answer', 'en').text).not.toMatch(/\b(?:lie|lied|false|untrue)\b/i);
  });

  it('support letters quote the case ID the way Seller Support reads it', () => {
    expect(render('support/clarify', 'ja').text).toContain('ケースID: 12345678901の件につきまして');
    expect(render('support/clarify', 'en').text).toContain('Case ID: 12345678901');
    const newCase = render('support/new-case', 'ja');
    expect(newCase.text).toContain('ケースID:12345678900の件で');
    expect(newCase.subject).toBe('ケースID:12345678900の件について');
    expect(render('support/escalate', 'ja').text).toContain('Amazonとしての正式な見解');
    expect(render('support/escalate', 'en').text).toContain("Amazon's official position");
  });

  it('support letters ask one question, with one placeholder for it', () => {
    for (const language of ['ja', 'en'] as const) {
      const clarify = render('support/clarify', language);
      expect(clarify.placeholders).toHaveLength(1);
      expect(render('support/new-case', language).placeholders.filter((p) => /質問|question/.test(p))).toHaveLength(1);
    }
  });

  it('callback lists the facts Seller Support needs on the phone', () => {
    const ja = render('support/callback', 'ja');
    for (const fact of ['経緯', '時期', 'エラーが表示された画面', 'エラーメッセージの内容', '目的']) expect(ja.text).toContain(fact);
    expect(ja.placeholders).toHaveLength(5);
    expect(render('support/callback', 'en').placeholders).toHaveLength(5);
  });

  it('executive gives a dated timeline with both case IDs and leaves the address to the approver', () => {
    const ja = render('support/executive', 'ja');
    expect(ja.text).toContain('ケースID: 12345678900');
    expect(ja.text).toContain('ケースID: 12345678901: 2026年11月2日（月）に問い合わせ、これまでに5回');
    expect(ja.placeholders[0]).toMatch(/利用規約/);
    const en = render('support/executive', 'en');
    expect(en.text).toContain('opened on Monday, November 2, 2026, 5 answers so far');
    expect(en.subject).toBe('Escalation request: Case ID 12345678901');
    expect(render('support/executive', 'en', (s) => (s.case.previousSupportCaseId = null)).text).not.toContain('12345678900');
  });

  it('follow-up counts the days Amazon has been silent', () => {
    expect(render('support/follow-up', 'ja', (s) => (s.case.daysWaiting = 7)).text).toContain('7日前にお送りした');
    expect(render('support/follow-up', 'en', (s) => (s.case.daysWaiting = 7)).text).toContain('7 days ago');
    expect(render('support/follow-up', 'en', (s) => (s.case.daysWaiting = 1)).text).toContain('yesterday');
  });

  it('reimbursement asks for the fees back with placeholders for amounts and dates', () => {
    const ja = render('support/reimbursement', 'ja');
    expect(ja.text).toContain('返金をお願いできますでしょうか');
    expect(ja.placeholders.some((p) => p.includes('金額'))).toBe(true);
    expect(ja.placeholders.some((p) => p.includes('期間'))).toBe(true);
    expect(render('support/reimbursement', 'en', (s) => (s.case.supportCaseId = null)).text).not.toContain('Case ID');
  });

  it('templates that need the case ID refuse a case without one, naming the needs line', () => {
    for (const name of ['support/clarify', 'support/escalate', 'support/follow-up']) {
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
