// Account-health deadlines as a clock: a notice that names its window gets a reply-by time on its case,
// and the reminders say how long is left (or how far over) and that the answer goes in Seller Central.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.ts';
import { healthReminderText, saysAnswered } from '../../src/remind/account-health.ts';
import type { Classification } from '../../src/understand/classify.ts';
import { healthNoticeSettled, transition } from '../../src/understand/thread.ts';
import type { CaseRow } from '../../src/store/schema.ts';

const HOUR = 3_600_000;
const account = (marketplace: string) =>
  parseConfigText(JSON.stringify({ accounts: [{ id: 'a', marketplace, address: 'shop@example.com', approvers: ['owner@example.com'], outboxDir: '/tmp/x' }] }), '/tmp/kotae.config.yaml').accounts[0]!;

const notice = (text: string) => ({ kind: 'account_health', intents: [], text, relayAddress: null, buyerName: null, language: 'ja', fromAmazon: true, rule: 'account-health-wording' }) as unknown as Classification;
const openCase = { id: 1, status: 'open', reply_by: null, updated_at: '2026-12-01T00:00:00.000Z', last_inbound_at: null, last_outbound_at: null, buyer_alias: null, buyer_name: null, language: null, amazon_answers: 0 } as unknown as CaseRow;

describe('the account-health clock', () => {
  it('starts at the window the notice names: 72 hours for a severe policy warning, none when it names none', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const warned = transition(openCase, notice('72時間以内にセラーセントラルから回答してください。'), at, '重要: ポリシー違反の警告');
    expect(warned.patch.reply_by).toBe('2026-12-04T00:00:00.000Z');
    expect(warned.patch.status).toBe('awaiting_seller');
    expect(transition(openCase, notice('これは警告です。'), at, 'ポリシー違反の警告').patch.reply_by).toBeNull();
  });

  it('reminds in Japanese with the time left, and after the deadline how far over, pointing to セラーセントラル', () => {
    const c = { id: 7, subject: 'ポリシー違反の警告', reply_by: '2026-12-04T00:00:00.000Z' };
    const before = healthReminderText(c, account('JP'), '24h', 'Asia/Tokyo', new Date(Date.parse(c.reply_by) - 13 * HOUR));
    expect(before.subject).toBe('[kotae] アカウント健全性の回答期限まであと13時間: ポリシー違反の警告');
    expect(before.text).toContain('回答期限: 12月4日（金）09:00（あと13時間）');
    expect(before.text).toContain('回答はセラーセントラルの「アカウント健全性」から行ってください。');
    expect(before.text).toContain('このメールに返信し、本文の1行目に「対応済」とご記入ください。以降のリマインダーを停止します。');
    const after = healthReminderText(c, account('JP'), 'breach', 'Asia/Tokyo', new Date(Date.parse(c.reply_by) + 2 * HOUR));
    expect(after.subject).toBe('[kotae] アカウント健全性の回答期限を過ぎました（2時間超過）: ポリシー違反の警告');
    expect(after.text).not.toMatch(/\bin \d|overdue|Seller Central/);
  });

  it('reminds in English for an English account', () => {
    const c = { id: 7, subject: 'Policy Warning', reply_by: '2026-12-04T00:00:00.000Z' };
    const r = healthReminderText(c, account('US'), '24h', 'America/New_York', new Date(Date.parse(c.reply_by) - 13 * HOUR));
    expect(r.subject).toBe('[kotae] Account-health deadline in 13 h: Policy Warning');
    expect(r.text).toContain('Answer it in Seller Central (Account Health).');
    expect(r.text).toContain('Reply to this email with "done" on the first line and the reminders stop.');
  });

  it('stops when the seller says the notice is answered: 対応済, 対応完了, 回答しました, 完了しました, done', () => {
    for (const line of ['対応済', '対応済み', '対応完了', '対応完了です。', '完了しました', '完了', '対応済みです。', '回答済', '回答しました', '提出済み', '申し立て済み', '対応済！', 'done', 'Done.', 'answered', 'submitted', 'appealed', '  ｄｏｎｅ  ']) expect(saysAnswered(line), line).toBe(true);
    for (const line of ['対応中', '未対応', '未完了', '完了していません', 'まだです', '対応済みではありません', 'not done', 'done?', '承認', 'OK', 'posted', 'メモ: 対応済']) expect(saysAnswered(line), line).toBe(false);
  });

  it('stops when Amazon says on the notice that it received the appeal or plan, or closed the matter', () => {
    expect(healthNoticeSettled('We have received your plan of action. We will review it and contact you.')).toBe('awaiting_amazon');
    expect(healthNoticeSettled('Your appeal has been received.')).toBe('awaiting_amazon');
    expect(healthNoticeSettled('ご提出いただいた改善計画書を受領いたしました。内容を確認のうえ、ご連絡いたします。')).toBe('awaiting_amazon');
    expect(healthNoticeSettled('異議申し立てを受け付けました。')).toBe('awaiting_amazon');
    expect(healthNoticeSettled('Your selling privileges have been reinstated.')).toBe('resolved');
    expect(healthNoticeSettled('お客様のアカウントでの出品を再開いたしました。')).toBe('resolved');
    expect(healthNoticeSettled('ご連絡いただいたポリシー違反の警告を取り消しました。')).toBe('resolved');
    // The warnings themselves, which invite an appeal, do not.
    expect(healthNoticeSettled('72時間以内にセラーセントラルから回答してください。異議申し立てを行う場合は、改善計画書を提出してください。')).toBeNull();
    expect(healthNoticeSettled('If you believe this is in error, submit an appeal with a plan of action within 72 hours.')).toBeNull();
    expect(healthNoticeSettled('Your listing has been removed. We have not received a response from you.')).toBeNull();
  });

  it('a mail on the notice that settles it ends the clock; a new warning on it starts one again', () => {
    const at = new Date('2026-12-02T00:00:00Z');
    const running = { ...openCase, status: 'awaiting_seller', reply_by: '2026-12-04T00:00:00.000Z' } as CaseRow;
    const received = transition(running, notice('ご提出いただいた改善計画書を受領いたしました。'), at, 'RE: 重要: ポリシー違反の警告');
    expect([received.patch.status, received.patch.reply_by, received.mayNeedReply]).toEqual(['awaiting_amazon', null, false]);
    const reinstated = transition(running, notice('出品を再開しました。'), at, 'RE: 重要: ポリシー違反の警告');
    expect([reinstated.patch.status, reinstated.patch.reply_by]).toEqual(['resolved', null]);
    const again = transition({ ...running, status: 'awaiting_amazon', reply_by: null } as CaseRow, notice('改善計画書の内容が不十分です。72時間以内に再度回答してください。'), at, 'RE: 重要: ポリシー違反の警告');
    expect([again.patch.status, again.patch.reply_by]).toEqual(['awaiting_seller', '2026-12-05T00:00:00.000Z']);
  });
});
