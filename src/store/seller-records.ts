// The seller's own records on a case's timeline: notes (a phone call with テクニカルサポート, what a
// buyer claimed), and the seller's judgement of the fault and the money. Each is a 'note' event by
// the seller, hash-chained like every other event; support-facts reads them back.
import type { SellerRecord } from '../understand/support-facts.ts';
import { appendEvent } from './cases.ts';
import type { Db } from './index.ts';

export interface RecordedBy {
  at: string;
  /** Who wrote it: an approver's address, or the terminal user. */
  by: string;
  /** The reply that carried it, if it came by mail. */
  messageId: number | null;
}

export async function recordForSeller(db: Db, caseId: number, record: SellerRecord, how: RecordedBy): Promise<number> {
  return appendEvent(db, caseId, { at: how.at, type: 'note', actor: 'seller', message_id: how.messageId, draft_id: null, summary: summaryOf(record, how.by), data_json: JSON.stringify(record) });
}

function summaryOf(record: SellerRecord, by: string): string {
  if ('note' in record) {
    const text = record.note.text.replace(/\s+/g, ' ');
    return `Note (${record.note.channel}) by ${by}: ${text.length > 200 ? `${text.slice(0, 199)}…` : text}`;
  }
  if ('fault' in record) return record.fault === null ? `Fault handed back to Amazon's answers by ${by}` : `Fault set to ${record.fault} by ${by}`;
  const m = record.money;
  return `Money set by ${by}: ${m.amount} ${m.currency}${m.what ? ` ${m.what}` : ''} ${m.state ?? 'removed'}`;
}
