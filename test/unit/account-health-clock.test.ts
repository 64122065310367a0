// Account-health deadlines as a clock: a notice that names its window gets a reply-by time on its case,
// and the reminders say how long is left (or how far over) and that the answer goes in Seller Central.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.ts';
import { healthReminderText } from '../../src/remind/account-health.ts';
import type { Classification } from '../../src/understand/classify.ts';
import { transition } from '../../src/understand/thread.ts';
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
    const after = healthReminderText(c, account('JP'), 'breach', 'Asia/Tokyo', new Date(Date.parse(c.reply_by) + 2 * HOUR));
    expect(after.subject).toBe('[kotae] アカウント健全性の回答期限を過ぎました（2時間超過）: ポリシー違反の警告');
    expect(after.text).not.toMatch(/\bin \d|overdue|Seller Central/);
  });

  it('reminds in English for an English account', () => {
    const c = { id: 7, subject: 'Policy Warning', reply_by: '2026-12-04T00:00:00.000Z' };
    const r = healthReminderText(c, account('US'), '24h', 'America/New_York', new Date(Date.parse(c.reply_by) - 13 * HOUR));
    expect(r.subject).toBe('[kotae] Account-health deadline in 13 h: Policy Warning');
    expect(r.text).toContain('Answer it in Seller Central (Account Health).');
  });
});
