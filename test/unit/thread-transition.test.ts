// How one message changes its case (status, reply-by), as a pure function.
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/understand/classify.ts';
import { caseKey, transition } from '../../src/understand/thread.ts';
import type { CaseRow } from '../../src/store/schema.ts';

const at = new Date('2026-11-23T01:00:00Z');
const HOUR = 3_600_000;

function cls(over: Partial<Classification>): Classification {
  return { kind: 'buyer_message', marketplace: 'JP', language: 'ja', orderId: '250-1234567-1234567', caseId: null, intents: [], asin: null, sku: null, itemTitle: null, buyerName: '山田', relayAddress: 'k3v9q2mxw7tz1pd@marketplace.amazon.co.jp', text: '返品したいです', rule: 'relay-sender', fromAmazon: true, ...over };
}

function caseRow(over: Partial<CaseRow> = {}): CaseRow {
  return { id: 1, account_id: 'jp', kind: 'order', marketplace: 'JP', order_id: '250-1234567-1234567', support_case_id: null, buyer_alias: null, buyer_name: null, language: null, subject: null, status: 'open', reply_by: null, opened_at: at.toISOString(), updated_at: at.toISOString(), last_inbound_at: null, last_outbound_at: null, amazon_answers: 0, previous_support_case_id: null, ...over };
}

describe('case transitions', () => {
  it('a buyer message waits for the seller, 24 hours', () => {
    const t = transition(caseRow(), cls({}), at);
    expect(t.patch).toMatchObject({ status: 'awaiting_seller', reply_by: new Date(at.getTime() + 24 * HOUR).toISOString(), buyer_alias: 'k3v9q2mxw7tz1pd@marketplace.amazon.co.jp' });
    expect(t.mayNeedReply).toBe(true);
  });

  it('a second message before the answer does not move the deadline later', () => {
    const first = new Date(at.getTime() + 24 * HOUR).toISOString();
    const t = transition(caseRow({ status: 'awaiting_seller', reply_by: first }), cls({}), new Date(at.getTime() + 5 * HOUR));
    expect(t.patch.reply_by).toBe(first);
  });

  it('a message older than the seller’s last answer only joins the timeline', () => {
    const t = transition(caseRow({ status: 'awaiting_buyer', last_outbound_at: new Date(at.getTime() + HOUR).toISOString() }), cls({}), at);
    expect(t.patch.status).toBeUndefined();
    expect(t.mayNeedReply).toBe(false);
  });

  it('mail older than the history horizon asks for nothing (a backfill)', () => {
    const t = transition(caseRow(), cls({}), at, null, true);
    expect(t.patch.status).toBeUndefined();
    expect(t.mayNeedReply).toBe(false);
  });

  it("Amazon's copy of the seller's own answer: waiting for the buyer", () => {
    const t = transition(caseRow({ status: 'awaiting_seller', reply_by: 'x', last_inbound_at: new Date(at.getTime() - HOUR).toISOString() }), cls({ kind: 'other', rule: 'auto-communication-copy', relayAddress: null }), at);
    expect(t.event).toBe('seller_replied_elsewhere');
    expect(t.patch).toMatchObject({ status: 'awaiting_buyer', reply_by: null });
  });

  it('an A-to-z claim gives 72 hours; a chargeback 7 days', () => {
    expect(transition(caseRow(), cls({ kind: 'atoz_claim' }), at).patch.reply_by).toBe(new Date(at.getTime() + 72 * HOUR).toISOString());
    expect(transition(caseRow(), cls({ kind: 'chargeback' }), at).patch.reply_by).toBe(new Date(at.getTime() + 7 * 24 * HOUR).toISOString());
  });

  it('a Seller Support answer counts; a resolved notice resolves', () => {
    const support = caseRow({ kind: 'support', support_case_id: '12345678901', amazon_answers: 2 });
    expect(transition(support, cls({ kind: 'support_case', text: '確認いたしました' }), at).patch).toMatchObject({ amazon_answers: 3, status: 'awaiting_seller' });
    expect(transition(support, cls({ kind: 'support_case', text: '' }), at, '[Case ID:12345678901] Your case has been resolved').patch.status).toBe('resolved');
  });

  it('which case a message starts', () => {
    expect(caseKey(cls({}))).toBe('order');
    expect(caseKey(cls({ orderId: null }))).toBe('buyer');
    expect(caseKey(cls({ kind: 'support_case', orderId: null, caseId: '12345678901' }))).toBe('support');
    expect(caseKey(cls({ kind: 'account_health', orderId: null }))).toBe('notice');
    expect(caseKey(cls({ kind: 'other', orderId: null, relayAddress: null }))).toBeNull();
  });
});
