// Asking the approvers: every draft waiting for approval gets one approval mail per approver, each
// with its own single-use token; every notice-only draft gets a notice. Written to the outbox in the
// draft's transaction, so a crash never leaves a draft asked twice or never.
import type { Context } from '../context.ts';
import { accountLanguage, classificationOf } from '../respond/gather.ts';
import { HOUR } from '../shared/clock.ts';
import type { Db } from '../store/index.ts';
import { appendEvent, caseEvents, getCase } from '../store/cases.ts';
import { claimApprovalRequest } from '../store/drafts.ts';
import { getMessage } from '../store/messages.ts';
import type { DraftRow } from '../store/schema.ts';
import { queueToApprover } from '../outbox/to-approver.ts';
import { findPlaceholders } from '../respond/templates/index.ts';
import { loadSupportFacts } from '../understand/support-facts.ts';
import type { HistoryItem } from './history.ts';
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
      const facts = await draftFacts(trx, draft);
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
export async function draftFacts(db: Db, draft: DraftRow): Promise<DraftFacts> {
  const caseRow = (await getCase(db, draft.case_id))!;
  const message = await getMessage(db, draft.message_id);
  const c = message ? classificationOf(message) : undefined;
  const events = (await caseEvents(db, draft.case_id)).filter((e) => e.type !== 'approval_requested').slice(-8);
  const ids = [...new Set(events.map((e) => e.draft_id).filter((id): id is number => id !== null))];
  const drafts = new Map(
    (ids.length ? await db.selectFrom('drafts').select(['id', 'template', 'mode', 'audience', 'revision', 'body']).where('id', 'in', ids).execute() : []).map((d) => [
      d.id,
      { id: d.id, template: d.template, mode: d.mode, audience: d.audience, revision: d.revision, hasBody: d.body.trim() !== '' },
    ]),
  );
  const history: HistoryItem[] = events.map((e) => ({
    at: e.at,
    type: e.type,
    actor: e.actor,
    summary: e.summary,
    data: e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : null,
    draft: e.draft_id === null ? null : (drafts.get(e.draft_id) ?? null),
  }));
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
    support: caseRow.kind === 'support' ? await loadSupportFacts(db, caseRow.id) : null,
  };
}
