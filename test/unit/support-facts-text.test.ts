import { describe, expect, it } from 'vitest';
import { approvalRequest, type DraftFacts } from '../../src/approval/mail.ts';
import { digestText, type DigestFacts } from '../../src/remind/digest.ts';
import type { SupportFacts } from '../../src/understand/support-facts.ts';
import { supportFactLines, supportFactSummary } from '../../src/understand/support-facts-text.ts';

const facts: SupportFacts = {
  fault: { party: 'amazon', disputed: true, evidence: [{ eventId: 57, party: 'amazon', quote: '弊社システムの不具合により…' }] },
  money: [
    { amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'promised', eventIds: [57] },
    { amount: 1200, currency: 'JPY', what: '', state: 'claimed', eventIds: [60] },
  ],
  notes: [],
};

describe('the facts in the seller\'s words', () => {
  it('writes Japanese a seller reads unchanged, and English', () => {
    expect(supportFactLines(facts, 'ja')).toEqual(['責任の所在: Amazon（争いあり）', '金額: 在庫保管手数料 3,240円（補填の約束あり・未入金）、1,200円（請求中）']);
    expect(supportFactLines({ ...facts, money: [{ amount: 214.8, currency: 'USD', what: 'storage fees', state: 'paid', eventIds: [1] }] }, 'en')).toEqual(['Fault: Amazon (disputed)', 'Money: $214.80 storage fees — paid']);
  });

  it('has nothing to say for the digest while nothing is known', () => {
    expect(supportFactSummary({ fault: { party: 'unclear', disputed: false, evidence: [] }, money: [], notes: [] }, 'ja')).toBeNull();
    expect(supportFactSummary(facts, 'ja')).toBe('責任の所在 Amazon（争いあり）／在庫保管手数料 3,240円（補填の約束あり・未入金）、1,200円（請求中）');
  });

  it('shows them in the approval mail of a Seller Support draft, with how to correct them', () => {
    const draft: DraftFacts = {
      draftId: 7, revision: 1, caseId: 12, orderId: null, supportCaseId: '8930127745', buyerName: null, audience: 'amazon', template: 'support/reimbursement',
      play: 'support', mode: 'approval', body: 'テクニカルサポート ご担当者様\n\n…', to: null, note: null, violations: [], placeholders: [], replyBy: null,
      incoming: { kind: 'support_case', subject: null, text: '…', receivedAt: '2026-12-03T06:40:00Z' }, history: [], support: facts,
    };
    const mail = approvalRequest(draft, 'abcdefghijklmnopqrstuvwxyz', { language: 'ja', timezone: 'Asia/Tokyo', now: new Date('2026-12-04T00:00:00Z') });
    expect(mail.text).toContain('責任の所在: Amazon（争いあり）\n金額: 在庫保管手数料 3,240円（補填の約束あり・未入金）、1,200円（請求中）\n');
    expect(mail.text).toContain('「責任: Amazon」');
    const buyer = approvalRequest({ ...draft, audience: 'buyer', support: null }, 'abcdefghijklmnopqrstuvwxyz', { language: 'ja', timezone: 'Asia/Tokyo', now: new Date('2026-12-04T00:00:00Z') });
    expect(buyer.text).not.toContain('責任の所在');
  });

  it('lists each open case with known facts in the digest', () => {
    const f: DigestFacts = {
      open: 1, overdue: [], waitingDrafts: [], waitingOnAmazon: [], sentAutomatically: [], quarantined: 0, toPost: [], unpaid: [], refused: [],
      supportCases: [{ caseId: 12, supportCaseId: '8930127745', line: supportFactSummary(facts, 'ja')! }],
    };
    const { text } = digestText(f, true, 'Asia/Tokyo', new Date('2026-12-04T00:00:00Z'));
    expect(text).toContain('■ テクニカルサポートのケース（責任の所在と金額）\n・ケースID 8930127745: 責任の所在 Amazon（争いあり）／在庫保管手数料 3,240円');
    expect(digestText({ ...f, supportCases: [] }, true, 'Asia/Tokyo', new Date('2026-12-04T00:00:00Z')).text).not.toContain('責任の所在');
  });
});
