// An approver's reply, as a processing stage: which draft it answers (the token in the address or
// subject), whether it may act (bound sender, unused, unexpired, current revision, DMARC/DKIM when the
// account asks), and what it says (approve, reject, edited text). A refused reply changes nothing and
// is logged; a legitimate but unusable one gets a short answer.
import type { Context } from '../context.ts';
import type { AccountConfig } from '../config/schema.ts';
import type { MessageStage } from '../ingest/process.ts';
import type { ParsedMail } from '../ingest/parse.ts';
import type { ReplyKit } from '../respond/kit.ts';
import { accountLanguage } from '../respond/gather.ts';
import type { Db } from '../store/index.ts';
import { appendEvent } from '../store/cases.ts';
import { getDraft } from '../store/drafts.ts';
import type { DraftRow, MessageRow } from '../store/schema.ts';
import { queueToApprover } from '../outbox/to-approver.ts';
import { confirmPosted, saysPosted } from '../outbox/case-log.ts';
import { handleHealthAnswered } from '../remind/account-health.ts';
import { approverRefusal } from './authentication.ts';
import { handleFactReply } from './fact-reply.ts';
import { decide, isEdit } from './decide.ts';
import { feedbackMail, type FeedbackReason } from './mail.ts';
import { parseApprovalReply, type ParsedApprovalReply } from './reply-text.ts';
import { tokensIn } from './markers.ts';
import { findToken, useToken } from './tokens.ts';

export function approvalStage(ctx: Context, kit: () => ReplyKit): MessageStage {
  return async (db, row, parsed, classification) => {
    if (classification.kind === 'approval_reply') await handleApprovalReply(db, ctx, kit(), row, parsed);
  };
}

type Outcome = 'approved' | 'rejected' | 'blocked' | 'not-understood' | 'refused' | 'ignored' | 'posted' | 'noted';

export async function handleApprovalReply(db: Db, ctx: Context, kit: ReplyKit, row: MessageRow, mail: ParsedMail): Promise<Outcome> {
  const now = ctx.clock.now();
  const account = ctx.config.accounts.find((a) => a.id === row.account_id);
  const sender = mail.from?.address.toLowerCase() ?? '';
  const log = (reason: string, draft?: DraftRow) => refuse(db, ctx, row, sender, reason, draft);
  if (!account) return log('no configured account for this mailbox');

  // kotae's own approval mail, delivered back to this inbox (an approver who is the shop address).
  if (mail.messageId && (await db.selectFrom('outbox').select('id').where('message_id', '=', mail.messageId).executeTakeFirst())) return 'ignored';
  // The approver's own words, read once for every kind of reply below.
  const reply = parseApprovalReply({ text: mail.text, html: mail.html });
  // メモ: / 責任: / 金額: on the first line: about the case, not a decision on the draft (fact-reply.ts).
  if (await handleFactReply(db, ctx, account, row, mail, sender, reply.ownText)) return 'noted';
  // 対応済 / done about an account-health notice: answered in Seller Central, its clock stops.
  if (await handleHealthAnswered(db, ctx, account, row, mail, sender, reply.ownText)) return 'noted';

  const token = await firstKnownToken(db, [...mail.to, ...mail.cc].map((a) => a.address), mail.subject);
  if (!token) return log('no valid approval token in the address or subject');
  const draft = await getDraft(db, token.row.draft_id);
  if (!draft) return log('the token names no draft');
  if (sender !== token.row.approver) return log(`sender ${sender || '(none)'} is not the approver this token was issued to`, draft);
  const refusal = approverRefusal(account, sender, mail.headers);
  if (refusal !== null) return log(refusal, draft);
  if (token.row.used_at) return log('the token was already used', draft);
  if (token.row.expires_at < now.toISOString()) {
    await feedback(db, ctx, account, draft, sender, mail, { type: 'stale', state: 'expired' });
    return log('the token has expired', draft);
  }
  // A letter to Seller Support waiting to be posted in the Case Log: the reply says it is.
  if (draft.state === 'awaiting_post' && draft.revision === token.row.revision) return postedReply(db, ctx, row, reply, draft, sender, token.value);
  if (draft.revision !== token.row.revision || draft.state !== 'awaiting_approval') {
    await feedback(db, ctx, account, draft, sender, mail, { type: 'stale', state: draft.state });
    return log(`the draft is no longer waiting for this revision (state ${draft.state}, revision ${draft.revision})`, draft);
  }

  // A quoted, unchanged draft is not an edit: only a changed block is (an empty reply approves nothing).
  const edited = reply.draftBlock !== null && reply.command !== 'reject' && isEdit(reply.draftBlock, draft.body);
  if (reply.command === null && !edited) {
    await feedback(db, ctx, account, draft, sender, mail, { type: 'not-understood' });
    await appendEvent(db, draft.case_id, { at: now.toISOString(), type: 'note', actor: 'kotae', message_id: row.id, draft_id: draft.id, summary: `A reply from ${sender} was not understood; the draft still waits`, data_json: null });
    return 'not-understood';
  }
  await useToken(db, token.value, now);
  const outcome = await decide(db, {
    draft,
    decision: reply.command === 'reject' ? { command: 'reject' } : edited ? { command: 'approve', editedText: reply.draftBlock! } : { command: 'approve' },
    by: sender,
    guard: kit.guard,
    now,
    messageId: row.id,
  });
  if (outcome.result === 'already-decided') return log('the draft was decided meanwhile');
  if (outcome.result === 'blocked') {
    await feedback(db, ctx, account, outcome.draft, sender, mail, outcome.violations.length ? { type: 'blocked', violations: outcome.violations } : { type: 'placeholders', placeholders: outcome.placeholders });
  }
  return outcome.result;
}

/** `投稿済` / `posted` (or an approval word: the seller answering the paste mail) on the first line. */
async function postedReply(db: Db, ctx: Context, row: MessageRow, reply: ParsedApprovalReply, draft: DraftRow, sender: string, token: string): Promise<Outcome> {
  const now = ctx.clock.now();
  const first = reply.ownText.split('\n').find((line) => line.trim() !== '') ?? '';
  if (!saysPosted(first) && reply.command !== 'approve') {
    await appendEvent(db, draft.case_id, { at: now.toISOString(), type: 'note', actor: 'kotae', message_id: row.id, draft_id: draft.id, summary: `A reply from ${sender} did not say the letter was posted; it still waits`, data_json: null });
    return 'not-understood';
  }
  await useToken(db, token, now);
  return (await confirmPosted(db, draft, sender, now, row.id)) ? 'posted' : 'ignored';
}

async function firstKnownToken(db: Db, addresses: string[], subject: string | null) {
  for (const value of tokensIn(addresses, subject)) {
    const row = await findToken(db, value);
    if (row) return { value, row };
  }
  return null;
}

async function refuse(db: Db, ctx: Context, row: MessageRow, sender: string, reason: string, draft?: DraftRow): Promise<'refused'> {
  ctx.log.warn({ messageId: row.id, draftId: draft?.id, sender, reason }, 'approval reply refused');
  if (draft) {
    await appendEvent(db, draft.case_id, { at: ctx.clock.now().toISOString(), type: 'note', actor: 'kotae', message_id: row.id, draft_id: draft.id, summary: `Approval reply refused (${reason}); nothing changed`, data_json: null });
  }
  return 'refused';
}

async function feedback(db: Db, ctx: Context, account: AccountConfig, draft: DraftRow, approver: string, reply: ParsedMail, reason: FeedbackReason): Promise<void> {
  const now = ctx.clock.now();
  const caseRow = await db.selectFrom('cases').select(['order_id', 'support_case_id', 'buyer_name']).where('id', '=', draft.case_id).executeTakeFirstOrThrow();
  const text = feedbackMail(
    { draftId: draft.id, caseId: draft.case_id, orderId: caseRow.order_id, supportCaseId: caseRow.support_case_id, buyerName: caseRow.buyer_name, audience: draft.audience },
    reason,
    { language: accountLanguage(account), timezone: ctx.config.timezone, now },
  );
  await queueToApprover(db, account, approver, { ...text, purpose: 'feedback', ref: `${draft.id}.${draft.revision}`, caseId: draft.case_id, draftId: draft.id, inReplyTo: reply.messageId ?? undefined }, now);
}
