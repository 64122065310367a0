// Mail from kotae to one of the seller's approvers (approval requests, notices, feedback, reminders,
// digests): from the account's address, marked automatic so no auto-responder answers it, composed
// once and queued like any other mail.
import { kotaeMessageId } from '../shared/ids.ts';
import type { Db } from '../store/index.ts';
import { queueMail } from '../store/outbox.ts';
import type { OutboxRow } from '../store/schema.ts';
import type { AccountConfig } from '../config/schema.ts';
import { composeMail } from './compose.ts';

export interface ApproverMail {
  purpose: Exclude<OutboxRow['purpose'], 'reply'>;
  /** What the Message-ID names: a draft revision, a case and reminder point, a date. */
  ref: string;
  subject: string;
  text: string;
  caseId: number | null;
  draftId: number | null;
  replyTo?: string;
  inReplyTo?: string;
  headers?: Record<string, string>;
}

/** Mail that is sent once for its ref and approver, whoever queues it; feedback may repeat. */
const ONCE_PURPOSES = new Set<ApproverMail['purpose']>(['approval', 'notice', 'reminder', 'digest']);

/** False when the same mail was queued already (by another kotae process on the same store). */
export async function queueToApprover(db: Db, account: AccountConfig, approver: string, mail: ApproverMail, now: Date): Promise<boolean> {
  const messageId = kotaeMessageId(mail.purpose, mail.ref, account.address);
  const raw = await composeMail({
    from: account.address,
    to: [approver],
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    messageId,
    date: now,
    inReplyTo: mail.inReplyTo,
    automatic: true,
    headers: mail.headers,
  });
  const onceKey = ONCE_PURPOSES.has(mail.purpose) ? `${account.id}:${mail.purpose}:${mail.ref}:${approver.toLowerCase()}` : null;
  const id = await queueMail(db, { accountId: account.id, purpose: mail.purpose, caseId: mail.caseId, draftId: mail.draftId, from: account.address, to: [approver], subject: mail.subject, messageId, raw, onceKey }, now);
  return id !== null;
}
