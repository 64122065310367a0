// An approver's reply, as a processing stage: which draft it answers (the token in the address or
// subject), whether it may act (bound sender, unused, unexpired, current revision, DMARC/DKIM when the
// account asks), and what it says (approve, reject, edited text). A refused reply changes nothing and
// is logged; a legitimate but unusable one gets a short answer.
import type { Context } from '../context.ts';
import type { AccountConfig } from '../config/schema.ts';
import type { MessageStage } from '../ingest/process.ts';
import type { ParsedMail } from '../ingest/parse.ts';
import { checkBuyerMessage } from '../respond/guard/index.ts';
import type { ReplyKit } from '../respond/kit.ts';
import { accountLanguage } from '../respond/gather.ts';
import { PLACEHOLDER } from '../respond/templates/index.ts';
import { kotaeMessageId } from '../shared/ids.ts';
import type { Db } from '../store/index.ts';
import { appendEvent } from '../store/cases.ts';
import { createDraft, getDraft, setDraftState } from '../store/drafts.ts';
import { queueMail } from '../store/outbox.ts';
import type { DraftRow, MessageRow } from '../store/schema.ts';
import { composeMail } from '../outbox/compose.ts';
import { checkAuthenticationResults } from './authentication.ts';
import { feedbackMail, type FeedbackReason } from './mail.ts';
import { parseApprovalReply } from './reply-text.ts';
import { findToken, tokensIn, useToken } from './tokens.ts';

export function approvalStage(ctx: Context, kit: () => ReplyKit): MessageStage {
  return async (db, row, parsed) => {
    const kind = (await db.selectFrom('messages').select('kind').where('id', '=', row.id).executeTakeFirst())?.kind;
    if (kind !== 'approval_reply') return;
    await handleApprovalReply(db, ctx, kit(), row, parsed);
  };
}

type Outcome = 'approved' | 'rejected' | 'edited' | 'blocked' | 'not-understood' | 'refused' | 'ignored';

export async function handleApprovalReply(db: Db, ctx: Context, kit: ReplyKit, row: MessageRow, mail: ParsedMail): Promise<Outcome> {
  const now = ctx.clock.now();
  const account = ctx.config.accounts.find((a) => a.id === row.account_id);
  const sender = mail.from?.address.toLowerCase() ?? '';
  const log = (reason: string, draft?: DraftRow) => refuse(db, ctx, row, sender, reason, draft);
  if (!account) return log('no configured account for this mailbox');

  // kotae's own approval mail, delivered back to this inbox (an approver who is the shop address).
  if (mail.messageId && (await db.selectFrom('outbox').select('id').where('message_id', '=', mail.messageId).executeTakeFirst())) return 'ignored';

  const token = await firstKnownToken(db, [...mail.to, ...mail.cc].map((a) => a.address), mail.subject);
  if (!token) return log('no valid approval token in the address or subject');
  const draft = await getDraft(db, token.row.draft_id);
  if (!draft) return log('the token names no draft');
  if (sender !== token.row.approver) return log(`sender ${sender || '(none)'} is not the approver this token was issued to`, draft);
  if (!account.approvers.includes(sender)) return log(`sender ${sender} is no longer an approver of account ${account.id}`, draft);
  if (account.approval.checkAuthenticationResults) {
    const auth = checkAuthenticationResults(mail.headers['authentication-results'], account.approval.authservId);
    if (!auth.ok) return log(`authentication failed: ${auth.reason}`, draft);
  }
  if (token.row.used_at) return log('the token was already used', draft);
  if (token.row.expires_at < now.toISOString()) {
    await feedback(db, ctx, account, draft, sender, mail, { type: 'stale', state: 'expired' });
    return log('the token has expired', draft);
  }
  if (draft.revision !== token.row.revision || draft.state !== 'awaiting_approval') {
    await feedback(db, ctx, account, draft, sender, mail, { type: 'stale', state: draft.state });
    return log(`the draft is no longer waiting for this revision (state ${draft.state}, revision ${draft.revision})`, draft);
  }

  const reply = parseApprovalReply({ text: mail.text, html: mail.html });
  const edited = reply.draftBlock !== null && reply.command !== 'reject' && squash(reply.draftBlock) !== squash(draft.body);
  const at = now.toISOString();

  if (reply.command === 'reject') {
    await useToken(db, token.value, now);
    await setDraftState(db, draft.id, 'rejected', now, { decided_by: sender, decided_at: at });
    await event(db, draft, 'rejected', `Rejected by ${sender}`, row.id, at);
    return 'rejected';
  }
  if (!edited && reply.command !== 'approve') {
    await feedback(db, ctx, account, draft, sender, mail, { type: 'not-understood' });
    await event(db, draft, 'note', `A reply from ${sender} was not understood; the draft still waits`, row.id, at);
    return 'not-understood';
  }

  const text = edited ? reply.draftBlock! : draft.body;
  // The guard runs again on every text about to be sent: an edit, or an approval under newer rules.
  const violations = draft.audience === 'buyer' ? checkBuyerMessage({ text, subject: draft.subject, language: draft.language }, kit.guard).violations : [];
  const blanks = [...new Set(text.match(new RegExp(PLACEHOLDER.source, 'gi')) ?? [])];
  await useToken(db, token.value, now);
  if (!edited && violations.length === 0 && blanks.length === 0) {
    await setDraftState(db, draft.id, 'approved', now, { decided_by: sender, decided_at: at });
    await event(db, draft, 'approved', `Approved by ${sender}`, row.id, at);
    return 'approved';
  }
  // An edit (or an approval that cannot be sent as is) makes a new revision; the old one is done.
  const ok = violations.length === 0 && blanks.length === 0;
  const { id: _old, ...rest } = draft;
  const revisionId = await createDraft(db, {
    ...rest,
    revision: draft.revision + 1,
    body: text,
    guard_ok: violations.length === 0 ? 1 : 0,
    violations_json: violations.length ? JSON.stringify(violations) : null,
    state: ok ? 'approved' : 'awaiting_approval',
    approval_requested_at: null,
    decided_by: ok ? sender : null,
    decided_at: ok ? at : null,
    created_at: at,
    updated_at: at,
  });
  await setDraftState(db, draft.id, 'superseded', now);
  const next = (await getDraft(db, revisionId))!;
  if (edited) await event(db, next, 'edited', `Edited by ${sender} (revision ${next.revision})`, row.id, at);
  if (ok) {
    await event(db, next, 'approved', `Approved by ${sender}`, row.id, at);
    return 'edited';
  }
  const reason: FeedbackReason = violations.length ? { type: 'blocked', violations } : { type: 'placeholders', placeholders: blanks };
  await feedback(db, ctx, account, next, sender, mail, reason);
  await event(db, next, 'blocked', violations.length ? `Not sent: ${violations.map((v) => `${v.rule} 「${v.excerpt}」`).join(', ')}` : `Not sent: blanks left (${blanks.join(', ')})`, row.id, at);
  return 'blocked';
}

async function firstKnownToken(db: Db, addresses: string[], subject: string | null) {
  for (const value of tokensIn(addresses, subject)) {
    const row = await findToken(db, value);
    if (row) return { value, row };
  }
  return null;
}

/** Whitespace never makes an edit: a mail client re-wrapping the quoted draft is not the approver's change. */
function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, '');
}

async function refuse(db: Db, ctx: Context, row: MessageRow, sender: string, reason: string, draft?: DraftRow): Promise<'refused'> {
  ctx.log.warn({ messageId: row.id, draftId: draft?.id, sender, reason }, 'approval reply refused');
  if (draft) await event(db, draft, 'note', `Approval reply refused (${reason}); nothing changed`, row.id, ctx.clock.now().toISOString());
  return 'refused';
}

async function event(db: Db, draft: DraftRow, type: 'approved' | 'rejected' | 'edited' | 'blocked' | 'note', summary: string, messageId: number, at: string): Promise<void> {
  await appendEvent(db, draft.case_id, { at, type, actor: type === 'note' || type === 'blocked' ? 'kotae' : 'approver', message_id: messageId, draft_id: draft.id, summary, data_json: null });
}

async function feedback(db: Db, ctx: Context, account: AccountConfig, draft: DraftRow, approver: string, reply: ParsedMail, reason: FeedbackReason): Promise<void> {
  const now = ctx.clock.now();
  const caseRow = await db.selectFrom('cases').select(['order_id', 'support_case_id', 'buyer_name']).where('id', '=', draft.case_id).executeTakeFirstOrThrow();
  const text = feedbackMail(
    { draftId: draft.id, caseId: draft.case_id, orderId: caseRow.order_id, supportCaseId: caseRow.support_case_id, buyerName: caseRow.buyer_name, audience: draft.audience },
    reason,
    { language: accountLanguage(account), timezone: ctx.config.timezone, now },
  );
  const messageId = kotaeMessageId('feedback', `${draft.id}.${draft.revision}`, account.address);
  const raw = await composeMail({
    from: account.address,
    to: [approver],
    subject: text.subject,
    text: text.text,
    messageId,
    date: now,
    inReplyTo: reply.messageId ?? undefined,
    automatic: true,
  });
  await queueMail(db, { accountId: account.id, purpose: 'feedback', caseId: draft.case_id, draftId: draft.id, from: account.address, to: [approver], subject: text.subject, messageId, raw }, now);
}
