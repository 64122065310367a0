// Approved drafts → outbox rows. The reply is composed here, once: From the seller's address
// registered with Amazon, To the buyer's relay (or Seller Support, where the account says Amazon takes
// mail; otherwise the approvers get it to post in the Case Log), threaded on the buyer's message,
// with a Message-ID kotae generated and recorded.
import type { Context } from '../context.ts';
import { accountLanguage } from '../respond/gather.ts';
import { kotaeMessageId } from '../shared/ids.ts';
import type { Db } from '../store/index.ts';
import { appendEvent, getCase } from '../store/cases.ts';
import { claimDraft, setDraftState } from '../store/drafts.ts';
import { getMessage } from '../store/messages.ts';
import { queueMail } from '../store/outbox.ts';
import type { DraftRow } from '../store/schema.ts';
import { goesByMail, queueForCaseLog } from './case-log.ts';
import { composeMail } from './compose.ts';

/** Addresses that never get mail from kotae: bounces, auto-responders, no-reply senders. */
const NEVER_TO = /^(?:mailer-daemon|postmaster|mail-daemon|no-?reply|do-?not-?reply|donotreply|bounces?|auto-?reply)(?:[+._-][^@]*)?@/i;

export function mayReceiveMail(address: string): boolean {
  return !NEVER_TO.test(address);
}

export async function queueApproved(ctx: Context): Promise<number> {
  const drafts = await ctx.db.selectFrom('drafts').selectAll().where('state', '=', 'approved').orderBy('id').execute();
  let queued = 0;
  for (const draft of drafts) {
    await ctx.db.transaction().execute(async (trx) => {
      // approved → queued first: another kotae process that read the same draft queues nothing.
      if (!(await claimDraft(trx, draft, 'approved', 'queued', ctx.clock.now()))) return;
      if (await queueOne(trx, ctx, draft)) queued += 1;
    });
  }
  return queued;
}

async function queueOne(db: Db, ctx: Context, draft: DraftRow): Promise<boolean> {
  const now = ctx.clock.now();
  const account = ctx.config.accounts.find((a) => a.id === draft.account_id);
  const caseRow = await getCase(db, draft.case_id);
  const message = await getMessage(db, draft.message_id);
  if (!account || !caseRow || !message) return false;
  const at = now.toISOString();

  // The seller answered in Seller Central after this draft was made: sending it too would say it twice.
  if (caseRow.last_outbound_at !== null && caseRow.last_outbound_at > draft.created_at) {
    await setDraftState(db, draft.id, 'superseded', now);
    await appendEvent(db, caseRow.id, { at, type: 'note', actor: 'kotae', message_id: null, draft_id: draft.id, summary: `Draft #${draft.id} not sent: the case was answered elsewhere after it was drafted.`, data_json: null });
    return false;
  }
  // Amazon takes answers on a case in the Case Log: the approvers get the text to paste there.
  if (!goesByMail(account, draft)) {
    await queueForCaseLog(db, ctx, account, caseRow, draft);
    return false;
  }
  if (!draft.to_address || !mayReceiveMail(draft.to_address)) {
    await setDraftState(db, draft.id, 'failed', now, { note: `kotae never sends to ${draft.to_address ?? 'an unknown address'}` });
    await appendEvent(db, caseRow.id, { at, type: 'send_failed', actor: 'kotae', message_id: null, draft_id: draft.id, summary: `Not sent: ${draft.to_address ?? 'no address'} is not a person kotae may write to.`, data_json: null });
    return false;
  }

  const references = [...(message.references_ids ? (JSON.parse(message.references_ids) as string[]) : []), ...(message.message_id_synthetic ? [] : [message.message_id])];
  const messageId = kotaeMessageId('reply', `${caseRow.id}.${draft.id}`, account.address);
  const raw = await composeMail({
    from: account.shopName ? { name: account.shopName, address: account.address } : account.address,
    to: [draft.to_address],
    subject: draft.subject,
    text: draft.body,
    messageId,
    date: now,
    inReplyTo: message.message_id_synthetic ? undefined : message.message_id,
    references: references.slice(-20),
    headers: { 'Content-Language': draft.language === 'ja' ? 'ja' : 'en' },
  });
  await queueMail(db, { accountId: account.id, purpose: 'reply', caseId: caseRow.id, draftId: draft.id, from: account.address, to: [draft.to_address], subject: draft.subject, messageId, raw, onceKey: `reply:${draft.id}` }, now);
  ctx.log.info({ caseId: caseRow.id, draftId: draft.id, messageId, language: accountLanguage(account) }, 'reply queued');
  return true;
}
