// Drafts: each revision a row. Small named operations; state changes go through here.
import type { Insertable } from 'kysely';
import type { Db } from './index.ts';
import type { DraftRow, DraftState, DraftsTable } from './schema.ts';

export type NewDraft = Omit<Insertable<DraftsTable>, 'id'>;

export async function createDraft(db: Db, values: NewDraft): Promise<number> {
  const row = await db.insertInto('drafts').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function getDraft(db: Db, id: number): Promise<DraftRow | undefined> {
  return db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setDraftState(db: Db, id: number, state: DraftState, now: Date, extra: Partial<Omit<DraftRow, 'id'>> = {}): Promise<void> {
  await db.updateTable('drafts').set({ ...extra, state, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/**
 * from → to, only if the draft is still in `from`: the compare-and-set every decision on a draft
 * starts with, so that two kotae processes never both act on it. False when another moved it first.
 */
export async function claimDraft(db: Db, draft: Pick<DraftRow, 'id'>, from: DraftState, to: DraftState, now: Date, extra: Partial<Omit<DraftRow, 'id'>> = {}): Promise<boolean> {
  const res = await db.updateTable('drafts').set({ ...extra, state: to, updated_at: now.toISOString() }).where('id', '=', draft.id).where('state', '=', from).executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** The approvers are asked about a draft once: false when another process asked them already. */
export async function claimApprovalRequest(db: Db, draft: Pick<DraftRow, 'id' | 'state'>, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const res = await db
    .updateTable('drafts')
    .set({ approval_requested_at: at, updated_at: at })
    .where('id', '=', draft.id)
    .where('state', '=', draft.state)
    .where('approval_requested_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Drafts of a case still waiting for a decision or for sending: a newer message replaces them. */
export async function openDraftsOfCase(db: Db, caseId: number): Promise<DraftRow[]> {
  return db.selectFrom('drafts').selectAll().where('case_id', '=', caseId).where('state', 'in', ['awaiting_approval', 'approved']).execute();
}

export async function countDrafts(db: Db): Promise<{ waiting: number }> {
  const row = await db.selectFrom('drafts').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'awaiting_approval').executeTakeFirstOrThrow();
  return { waiting: Number(row.n) };
}
