// Sending, exactly once in effect. The protocol (docs/design.md):
//   1. the row and its Message-ID exist before any network call (queue.ts);
//   2. the row is claimed (queued → sending, owned by this process) and committed, then the SMTP
//      transaction runs; a second kotae process on the same store cannot claim it too;
//   3. on the server's 250 the row is marked `sent` at once, in one transaction with the draft, the
//      case and its timeline; the Sent-folder copy comes after, as its own step;
//   4. a row left `sending` by a process that is gone is not resent blindly: kotae looks for its
//      Message-ID in the Sent folder over IMAP (or the folder transport's file) and resends only when
//      absent; a row a live process is sending is never touched;
//   5. 4xx and dropped connections retry with backoff (bounded); 5xx fail and the approvers are told.
import type { Context } from '../context.ts';
import type { AccountConfig } from '../config/schema.ts';
import { accountLanguage } from '../respond/gather.ts';
import { HOUR } from '../shared/clock.ts';
import { errorMessage, RemoteError } from '../shared/errors.ts';
import type { Db } from '../store/index.ts';
import { appendEvent, getCase, updateCase } from '../store/cases.ts';
import { getDraft, setDraftState } from '../store/drafts.ts';
import { storeRawMessages } from '../store/messages.ts';
import { claimForSending, dueOutbox, finishSending, outboxInState, sentSince, takeOverSending, updateOutbox } from '../store/outbox.ts';
import { ownerGone } from '../store/processes.ts';
import type { OutboxRow } from '../store/schema.ts';
import { feedbackMail } from '../approval/mail.ts';
import { queueToApprover } from './to-approver.ts';
import { composeMail } from './compose.ts';
import { kotaeMessageId } from '../shared/ids.ts';
import type { Envelope, Transport } from './transport.ts';

/** The seller's Sent folder, for the check after a crash and for filing copies. */
export interface SentFolder {
  has(messageId: string): Promise<boolean>;
  append(raw: Buffer): Promise<void>;
  /** Put a notice straight into the seller's inbox: the way to reach the approvers when SMTP refuses. */
  appendToInbox(raw: Buffer): Promise<void>;
}

export interface SendReport {
  /** Seconds from each answered buyer message to its reply leaving (the reply-time metric). */
  replySeconds: number[];
  sent: number;
  retried: number;
  failed: number;
  recovered: number;
  deferred: number;
}


/** Test hook: KOTAE_FAULT=<point> kills the process there, to prove recovery from a crash at that point. */
function faultPoint(name: string): void {
  if (process.env.KOTAE_FAULT === name) process.kill(process.pid, 'SIGKILL');
}

export async function sendOutbox(ctx: Context, account: AccountConfig, transport: Transport, sentFolder: SentFolder | null): Promise<SendReport> {
  const report: SendReport = { replySeconds: [], sent: 0, retried: 0, failed: 0, recovered: 0, deferred: 0 };
  await recoverInterrupted(ctx, account, transport, sentFolder, report);
  // A failure queues a mail of its own (telling the approvers): a second pass sends it now. Bounded:
  // a row that fails again waits for its backoff, so it is not due in the next pass.
  for (let pass = 0; pass < 3; pass++) {
    const due = await dueOutbox(ctx.db, account.id, ctx.clock.now());
    if (due.length === 0) break;
    for (const row of due) {
      const wait = await rateLimitWait(ctx, account, row);
      if (wait !== null) {
        await updateOutbox(ctx.db, row.id, { next_attempt_at: wait.toISOString() });
        report.deferred += 1;
        ctx.log.warn({ outboxId: row.id, until: wait.toISOString() }, 'rate limit: sending later');
        continue;
      }
      await sendOne(ctx, account, transport, row, report, sentFolder);
    }
  }
  await fileSentCopies(ctx, account, sentFolder);
  return report;
}

async function sendOne(ctx: Context, account: AccountConfig, transport: Transport, row: OutboxRow, report: SendReport, sentFolder: SentFolder | null): Promise<void> {
  const now = ctx.clock.now();
  // queued → sending, owned by this process: another kotae process that read the same row sends nothing.
  if (!(await claimForSending(ctx.db, row, now))) return;
  faultPoint('before-smtp');
  let response: string;
  try {
    response = await transport.deliver(envelopeOf(row));
  } catch (err) {
    await handleFailure(ctx, account, row, err, report, sentFolder);
    return;
  }
  faultPoint('after-smtp-accept');
  const answered = await ctx.db.transaction().execute((trx) => markSent(trx, ctx, row, response));
  if (answered === undefined) return;
  if (answered) report.replySeconds.push((now.getTime() - new Date(answered).getTime()) / 1000);
  report.sent += 1;
  ctx.log.info({ outboxId: row.id, caseId: row.case_id, draftId: row.draft_id, purpose: row.purpose, messageId: row.message_id }, 'sent');
}

function envelopeOf(row: OutboxRow): Envelope {
  return { outboxId: row.id, messageId: row.message_id, from: row.from_address, to: JSON.parse(row.to_json) as string[], raw: row.raw };
}

/**
 * The send is recorded with everything it changes: draft, case status, timeline, the stored copy.
 * Returns when the answered message was written, for a reply to a buyer; undefined when the row was
 * not this process's to record (another took it over, believing this one dead).
 */
async function markSent(db: Db, ctx: Context, row: OutboxRow, response: string): Promise<string | null | undefined> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (!(await finishSending(db, row.id, { state: 'sent', sent_at: at, smtp_response: response.slice(0, 500), sent_copy: row.purpose === 'reply' ? 'pending' : 'none' }))) {
    ctx.log.error({ outboxId: row.id, messageId: row.message_id }, 'sent, but another kotae process had taken the row over; it was not recorded twice');
    return undefined;
  }
  if (row.purpose !== 'reply' || row.draft_id === null || row.case_id === null) return null;
  const draft = await getDraft(db, row.draft_id);
  const caseRow = await getCase(db, row.case_id);
  if (!draft || !caseRow) return null;
  await setDraftState(db, draft.id, 'sent', now);
  await updateCase(db, caseRow.id, {
    status: draft.audience === 'amazon' ? 'awaiting_amazon' : 'awaiting_buyer',
    reply_by: null,
    last_outbound_at: at,
    updated_at: at,
  });
  // Kept as a message of the case: replies to it thread here, and the written record is complete.
  const [stored] = await storeRawMessages(db, row.account_id, [{ bytes: row.raw, origin: `outbox:${row.id}` }], 'out', now);
  await db.updateTable('messages').set({ state: 'processed', processed_at: at, case_id: caseRow.id, subject: row.subject, from_address: row.from_address, to_addresses: row.to_json, text_body: draft.body }).where('id', '=', stored!.id).execute();
  await appendEvent(db, caseRow.id, {
    at,
    type: 'sent',
    actor: draft.decided_by === 'auto' ? 'kotae' : 'seller',
    message_id: stored!.id,
    draft_id: draft.id,
    summary: `Sent to ${JSON.parse(row.to_json).join(', ')}${draft.decided_by ? ` (approved by ${draft.decided_by})` : ''}: ${draft.body.replace(/\s+/g, ' ').slice(0, 100)}`,
    data_json: JSON.stringify({ messageId: row.message_id, response: response.slice(0, 200) }),
  });
  const answered = await db.selectFrom('messages').select(['date', 'stored_at']).where('id', '=', draft.message_id).executeTakeFirst();
  return draft.audience === 'buyer' && answered ? (answered.date ?? answered.stored_at) : null;
}

async function handleFailure(ctx: Context, account: AccountConfig, row: OutboxRow, err: unknown, report: SendReport, sentFolder: SentFolder | null): Promise<void> {
  const now = ctx.clock.now();
  const transient = !(err instanceof RemoteError) || err.transient;
  const attempts = row.attempts + 1;
  const message = errorMessage(err);
  // One try plus one retry per configured delay; then the mail has failed.
  const delays = ctx.config.outbox.retrySeconds;
  if (transient && attempts <= delays.length) {
    const delay = delays[attempts - 1]! * 1000;
    await finishSending(ctx.db, row.id, { state: 'queued', last_error: message.slice(0, 500), next_attempt_at: new Date(now.getTime() + delay).toISOString() });
    report.retried += 1;
    ctx.log.warn({ outboxId: row.id, attempts, retryInSeconds: delay / 1000, err: message }, 'send failed; will retry');
    return;
  }
  report.failed += 1;
  ctx.log.error({ outboxId: row.id, attempts, err: message }, 'send failed permanently');
  const told = await ctx.db.transaction().execute(async (trx) => {
    if (!(await finishSending(trx, row.id, { state: 'failed', last_error: message.slice(0, 500) }))) return null;
    if (row.purpose !== 'reply' || row.draft_id === null || row.case_id === null) return null;
    const draft = await getDraft(trx, row.draft_id);
    if (!draft) return;
    await setDraftState(trx, draft.id, 'failed', now, { note: message.slice(0, 500) });
    await appendEvent(trx, row.case_id, { at: now.toISOString(), type: 'send_failed', actor: 'kotae', message_id: null, draft_id: draft.id, summary: `Not sent: ${message.slice(0, 200)}`, data_json: null });
    const caseRow = await getCase(trx, row.case_id);
    // The approvers learn why, so the buyer still gets an answer (from Seller Central).
    const text = feedbackMail(
      { draftId: draft.id, caseId: row.case_id, orderId: caseRow?.order_id ?? null, supportCaseId: caseRow?.support_case_id ?? null, buyerName: caseRow?.buyer_name ?? null, audience: draft.audience },
      { type: 'send-failed', error: message },
      { language: accountLanguage(account), timezone: ctx.config.timezone, now },
    );
    for (const approver of account.approvers) {
      await queueToApprover(trx, account, approver, { ...text, purpose: 'feedback', ref: `${draft.id}.${draft.revision}`, caseId: row.case_id, draftId: draft.id }, now);
    }
    return text;
  });
  // The server that refused the reply may refuse the approvers' mail too: the same notice also goes
  // straight into the seller's inbox over IMAP (the digest, /healthz and /metrics list it as well).
  if (told && sentFolder) {
    try {
      const raw = await composeMail({ from: account.address, to: account.approvers, subject: told.subject, text: told.text, messageId: kotaeMessageId('refused', row.id, account.address), date: now, automatic: true });
      await sentFolder.appendToInbox(raw);
    } catch (appendErr) {
      ctx.log.error({ outboxId: row.id, err: errorMessage(appendErr) }, 'could not put the refusal notice in the inbox');
    }
  }
}

/**
 * Rows left `sending` by a process that is gone (a crash): sent if the mail is found where a sent
 * mail would be, else queued again. Rows a live process is sending are left alone.
 */
async function recoverInterrupted(ctx: Context, account: AccountConfig, transport: Transport, sentFolder: SentFolder | null, report: SendReport): Promise<void> {
  for (const row of await outboxInState(ctx.db, account.id, 'sending')) {
    if (!(await ownerGone(ctx.db, row.owner)) || !(await takeOverSending(ctx.db, row))) continue;
    const byTransport = await transport.delivered(envelopeOf(row));
    const inSent = byTransport ?? (sentFolder ? await sentFolder.has(row.message_id) : false);
    if (inSent) {
      const recorded = await ctx.db.transaction().execute((trx) => markSent(trx, ctx, row, 'found after a restart: already delivered'));
      if (recorded === undefined) continue;
      if (byTransport === null) await updateOutbox(ctx.db, row.id, { sent_copy: 'provider' });
      report.recovered += 1;
      ctx.log.warn({ outboxId: row.id, messageId: row.message_id }, 'interrupted send was delivered: recorded, not resent');
    } else {
      await finishSending(ctx.db, row.id, { state: 'queued' });
      ctx.log.warn({ outboxId: row.id, messageId: row.message_id, checked: sentFolder ? 'Sent folder' : 'nothing to check' }, 'interrupted send not found: sending again (same Message-ID)');
    }
  }
}

/** When the next send is allowed, or null now. Replies: per recipient and per account; the rest: per account. */
async function rateLimitWait(ctx: Context, account: AccountConfig, row: OutboxRow): Promise<Date | null> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - HOUR);
  const perAccount = await sentSince(ctx.db, account.id, since);
  if (perAccount.count >= ctx.config.limits.perAccountPerHour) return new Date(new Date(perAccount.first!).getTime() + HOUR);
  if (row.purpose === 'reply') {
    for (const to of JSON.parse(row.to_json) as string[]) {
      const perRecipient = await sentSince(ctx.db, account.id, since, to);
      if (perRecipient.count >= ctx.config.limits.perRecipientPerHour) return new Date(new Date(perRecipient.first!).getTime() + HOUR);
    }
  }
  return null;
}

/** A copy of each sent reply in the Sent folder: the provider's (found) or kotae's (appended). */
async function fileSentCopies(ctx: Context, account: AccountConfig, sentFolder: SentFolder | null): Promise<void> {
  const pending = await ctx.db.selectFrom('outbox').selectAll().where('account_id', '=', account.id).where('state', '=', 'sent').where('sent_copy', '=', 'pending').orderBy('id').execute();
  const mode = account.smtp?.sentCopy ?? 'none';
  for (const row of pending) {
    if (!sentFolder || mode === 'none') {
      await updateOutbox(ctx.db, row.id, { sent_copy: 'none' });
      continue;
    }
    try {
      if (mode === 'provider' || (mode === 'auto' && (await sentFolder.has(row.message_id)))) {
        await updateOutbox(ctx.db, row.id, { sent_copy: 'provider' });
      } else {
        await sentFolder.append(row.raw);
        await updateOutbox(ctx.db, row.id, { sent_copy: 'appended' });
      }
    } catch (err) {
      ctx.log.warn({ outboxId: row.id, err: errorMessage(err) }, 'could not file the sent copy; will try again');
    }
  }
}
