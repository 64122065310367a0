// Asking the approvers: every draft waiting for approval gets one approval mail per approver, each
// with its own single-use token; every notice-only draft gets a notice. Written to the outbox in the
// draft's transaction, so a crash never leaves a draft asked twice or never.
import type { Context } from '../context.ts';
import { accountLanguage, classificationOf } from '../respond/gather.ts';
import { HOUR } from '../shared/clock.ts';
import { formatLocal } from '../shared/time.ts';
import type { Db } from '../store/index.ts';
import { appendEvent, caseEvents, getCase } from '../store/cases.ts';
import { claimApprovalRequest } from '../store/drafts.ts';
import { getMessage } from '../store/messages.ts';
import type { DraftRow } from '../store/schema.ts';
import { queueToApprover } from '../outbox/to-approver.ts';
import { findPlaceholders } from '../respond/templates/index.ts';
import { approvalRequest, noticeMail, type DraftFacts } from './mail.ts';
import { newToken, replyAddress, storeToken } from './tokens.ts';

export async function requestApprovals(ctx: Context): Promise<{ approvalMails: number; notices: number }> {
  const drafts = await ctx.db
    .selectFrom('drafts')
    .selectAll()
    .where('state', 'in', ['awaiting_approval', 'notify'])
    .where('approval_requested_at', 'is', null)
    .orderBy('id')
    .execute();
  let approvalMails = 0;
  let notices = 0;
  for (const draft of drafts) {
    const account = ctx.config.accounts.find((a) => a.id === draft.account_id);
    if (!account) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      // Asked once: another kotae process that read the same draft finds it asked already.
      if (!(await claimApprovalRequest(trx, draft, now))) return;
      const facts = await draftFacts(trx, draft, ctx.config.timezone);
      const lang = { language: accountLanguage(account), timezone: ctx.config.timezone, now };
      const ref = `${draft.id}.${draft.revision}`;
      const about = { ref, caseId: draft.case_id, draftId: draft.id, headers: { 'X-Kotae-Draft': ref } };
      if (draft.state === 'awaiting_approval') {
        for (const approver of account.approvers) {
          const token = newToken();
          await storeToken(trx, token, {
            draft_id: draft.id,
            revision: draft.revision,
            approver,
            created_at: now.toISOString(),
            expires_at: new Date(now.getTime() + account.approval.tokenTtlHours * HOUR).toISOString(),
          });
          const replyTo = replyAddress(account.address, account.approval.replyAddress, token);
          await queueToApprover(trx, account, approver, { ...about, ...approvalRequest(facts, token, lang), purpose: 'approval', replyTo }, now);
          approvalMails += 1;
        }
      } else {
        const notice = noticeMail(facts, lang);
        for (const approver of account.approvers) await queueToApprover(trx, account, approver, { ...about, ...notice, purpose: 'notice' }, now);
        notices += account.approvers.length;
      }
      await appendEvent(trx, draft.case_id, {
        at: now.toISOString(),
        type: 'approval_requested',
        actor: 'kotae',
        message_id: null,
        draft_id: draft.id,
        summary: `${draft.state === 'notify' ? 'Notice' : `Approval request (revision ${draft.revision})`} sent to ${account.approvers.join(', ')}`,
        data_json: null,
      });
    });
  }
  return { approvalMails, notices };
}

/** What the approver needs to decide: the draft, the message it answers, the case's short history. */
export async function draftFacts(db: Db, draft: DraftRow, timezone: string): Promise<DraftFacts> {
  const caseRow = (await getCase(db, draft.case_id))!;
  const message = await getMessage(db, draft.message_id);
  const c = message ? classificationOf(message) : undefined;
  const events = await caseEvents(db, draft.case_id);
  const history = events
    .filter((e) => e.type !== 'approval_requested')
    .slice(-8)
    .map((e) => `${formatLocal(e.at, timezone, false)} ${e.actor}: ${e.summary.length > 90 ? `${e.summary.slice(0, 89)}…` : e.summary}`);
  return {
    draftId: draft.id,
    revision: draft.revision,
    caseId: draft.case_id,
    orderId: caseRow.order_id ?? c?.orderId ?? null,
    supportCaseId: caseRow.support_case_id,
    buyerName: caseRow.buyer_name,
    audience: draft.audience,
    template: draft.template,
    play: draft.play,
    mode: draft.mode,
    body: draft.body,
    to: draft.to_address,
    note: draft.note,
    violations: draft.violations_json ? JSON.parse(draft.violations_json) : [],
    placeholders: findPlaceholders(draft.body),
    replyBy: caseRow.reply_by,
    incoming: { kind: message?.kind ?? 'other', subject: message?.subject ?? null, text: message?.buyer_text ?? '', receivedAt: message?.date ?? message?.stored_at ?? draft.created_at },
    history,
  };
}
