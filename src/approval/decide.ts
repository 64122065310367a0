// Acting on an approver's decision, however it arrived (a reply by mail, `kotae approve`): the guard
// runs again on every text about to be sent, an edit becomes a new revision, and the case timeline
// records who decided what.
import { checkBuyerMessage, type Violation } from '../respond/guard/index.ts';
import type { GuardRules } from '../respond/guard/index.ts';
import { findPlaceholders } from '../respond/templates/index.ts';
import type { Db } from '../store/index.ts';
import { appendEvent } from '../store/cases.ts';
import { claimDraft, createDraft, getDraft, setDraftState } from '../store/drafts.ts';
import type { DraftRow } from '../store/schema.ts';

export type Decision = { command: 'reject' } | { command: 'approve'; editedText?: string };

export type DecisionOutcome =
  | { result: 'rejected' | 'approved' }
  /** The draft was decided meanwhile (another reply, `kotae approve`, another kotae process): nothing changed. */
  | { result: 'already-decided' }
  /** The text cannot be sent as is: a new revision waits for approval again. */
  | { result: 'blocked'; draft: DraftRow; violations: Violation[]; placeholders: string[] };

export interface DecisionInput {
  draft: DraftRow;
  decision: Decision;
  by: string;
  guard: GuardRules;
  now: Date;
  /** The message that carried the decision (an approval reply), for the timeline. */
  messageId?: number | null;
}

export async function decide(db: Db, input: DecisionInput): Promise<DecisionOutcome> {
  const { draft, decision, by, now } = input;
  const at = now.toISOString();
  const messageId = input.messageId ?? null;
  // Still waiting, and from here this transaction's to decide: every path below moves the draft on,
  // so a second decision (two replies, a reply and a terminal, two processes) finds it decided.
  if (!(await claimDraft(db, draft, 'awaiting_approval', 'awaiting_approval', now))) return { result: 'already-decided' };
  if (decision.command === 'reject') {
    await setDraftState(db, draft.id, 'rejected', now, { decided_by: by, decided_at: at });
    await event(db, draft, 'rejected', `Rejected by ${by}`, messageId, at);
    return { result: 'rejected' };
  }
  const edited = decision.editedText !== undefined && isEdit(decision.editedText, draft.body);
  const text = edited ? decision.editedText! : draft.body;
  const violations = draft.audience === 'buyer' ? checkBuyerMessage({ text, subject: draft.subject, language: draft.language }, input.guard).violations : [];
  const placeholders = findPlaceholders(text);
  const ok = violations.length === 0 && placeholders.length === 0;
  if (!edited && ok) {
    await setDraftState(db, draft.id, 'approved', now, { decided_by: by, decided_at: at });
    await event(db, draft, 'approved', `Approved by ${by}`, messageId, at);
    return { result: 'approved' };
  }
  // An edit, or an approval of a text that cannot be sent as is: a new revision; the old one is done.
  const { id: _previous, ...rest } = draft;
  const revisionId = await createDraft(db, {
    ...rest,
    revision: draft.revision + 1,
    body: text,
    guard_ok: violations.length === 0 ? 1 : 0,
    violations_json: violations.length ? JSON.stringify(violations) : null,
    state: ok ? 'approved' : 'awaiting_approval',
    approval_requested_at: null,
    decided_by: ok ? by : null,
    decided_at: ok ? at : null,
    created_at: at,
    updated_at: at,
  });
  await setDraftState(db, draft.id, 'superseded', now);
  const next = (await getDraft(db, revisionId))!;
  if (edited) await event(db, next, 'edited', `Edited by ${by} (revision ${next.revision})`, messageId, at);
  if (ok) {
    await event(db, next, 'approved', `Approved by ${by}`, messageId, at);
    return { result: 'approved' };
  }
  const why = violations.length ? violations.map((v) => `${v.rule} 「${v.excerpt}」`).join(', ') : `blanks left (${placeholders.join(', ')})`;
  await event(db, next, 'blocked', `Not sent: ${why}; a new approval request follows`, messageId, at);
  return { result: 'blocked', draft: next, violations, placeholders };
}

/** Whitespace never makes an edit: a mail client re-wrapping the quoted draft is not the approver's change. */
export function isEdit(text: string, draftBody: string): boolean {
  const squash = (t: string) => t.normalize('NFC').replace(/\s+/g, '');
  return squash(text) !== squash(draftBody);
}

async function event(db: Db, draft: DraftRow, type: 'approved' | 'rejected' | 'edited' | 'blocked', summary: string, messageId: number | null, at: string): Promise<void> {
  await appendEvent(db, draft.case_id, { at, type, actor: type === 'blocked' ? 'kotae' : 'approver', message_id: messageId, draft_id: draft.id, summary, data_json: null });
}
