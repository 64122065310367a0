// Cases and their timeline. Events are append-only and hash-chained: each hash covers the event and
// the hash before it, so an edited or deleted event shows (the seller's written record, seed 001).
import { sql } from 'kysely';
import { sha256Hex } from '../shared/ids.ts';
import { dialectOf } from './dialect.ts';
import type { Db } from './index.ts';
import type { CaseEventRow, CaseEventsTable, CaseRow, CasesTable, CaseStatus, CaseKind } from './schema.ts';
import type { Insertable, QueryResult, Updateable } from 'kysely';
import { insertRow, runCompiled, updateRow } from './compiled.ts';

export type NewCase = Omit<Insertable<CasesTable>, 'id'>;
export type CasePatch = Updateable<CasesTable>;
export type NewEvent = Omit<Insertable<CaseEventsTable>, 'id' | 'hash' | 'case_id'>;

export async function createCase(db: Db, values: NewCase): Promise<number> {
  return insertedId(await insertRow(db, 'cases', values));
}

/** The new row's id, without RETURNING: it costs as much as an ORDER BY (see the look-ups below). */
function insertedId(result: QueryResult<unknown>): number {
  if (result.insertId === undefined) throw new Error('the store did not report the id of the row it inserted');
  return Number(result.insertId);
}

export async function updateCase(db: Db, id: number, patch: CasePatch): Promise<void> {
  await updateRow(db, 'cases', id, patch);
}

/**
 * Hold the case for this transaction before reading what decides a write (has a follow-up been
 * drafted?). SQLite's transactions hold the whole store already; PostgreSQL takes the row's lock.
 */
export async function lockCase(db: Db, id: number): Promise<void> {
  await db.updateTable('cases').set((eb) => ({ id: eb.ref('id') })).where('id', '=', id).execute();
}

export async function getCase(db: Db, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

// The look-ups below run for every message threaded. They fetch every matching case (an order, a
// Seller Support case or a buyer has a handful) and choose in JS: with the SQLite that better-sqlite3
// 13 bundles (3.54), any ORDER BY costs ~15 µs per execution even when an index gives the order,
// five times the look-up itself (measured in the backfill benchmark). Each is compiled once.

export async function findOrderCase(db: Db, accountId: string, marketplace: string | null, orderId: string): Promise<CaseRow | undefined> {
  const byOrder = (slot: (i: number) => never) => db.selectFrom('cases').selectAll().where('account_id', '=', slot(0)).where('order_id', '=', slot(1)).where('kind', '=', 'order');
  const { rows } =
    marketplace === null
      ? await runCompiled(db, 'order case, no marketplace', (slot) => byOrder(slot).where('marketplace', 'is', null), [accountId, orderId])
      : await runCompiled(db, 'order case', (slot) => byOrder(slot).where('marketplace', '=', slot(2)), [accountId, orderId, marketplace]);
  return first(rows);
}

export async function findSupportCase(db: Db, accountId: string, supportCaseId: string): Promise<CaseRow | undefined> {
  const { rows } = await runCompiled(db, 'support case', (slot) => db.selectFrom('cases').selectAll().where('account_id', '=', slot(0)).where('support_case_id', '=', slot(1)), [accountId, supportCaseId]);
  return first(rows);
}

/** The latest case of this buyer (order or not): the relay alias is one per buyer and seller. */
export async function findAliasCase(db: Db, accountId: string, alias: string): Promise<CaseRow | undefined> {
  const { rows } = await runCompiled(db, 'alias case', (slot) => db.selectFrom('cases').selectAll().where('account_id', '=', slot(0)).where('buyer_alias', '=', slot(1)).where('kind', 'in', ['order', 'buyer']), [accountId, alias]);
  let latest: CaseRow | undefined;
  for (const row of rows) {
    if (!latest || row.updated_at > latest.updated_at || (row.updated_at === latest.updated_at && row.id > latest.id)) latest = row;
  }
  return latest;
}

/** The oldest of the rows (the lowest id). */
function first(rows: CaseRow[]): CaseRow | undefined {
  let oldest: CaseRow | undefined;
  for (const row of rows) if (!oldest || row.id < oldest.id) oldest = row;
  return oldest;
}

/** The case of the latest of these Message-IDs (In-Reply-To, References) that belongs to one. */
export async function findCaseByMessageIds(db: Db, accountId: string, messageIds: string[]): Promise<number | null> {
  if (messageIds.length === 0) return null;
  const rows = await db
    .selectFrom('messages')
    .select(['message_id', 'case_id'])
    .where('account_id', '=', accountId)
    .where('message_id', 'in', messageIds)
    .where('case_id', 'is not', null)
    .execute();
  for (const id of messageIds) {
    const hit = rows.find((r) => r.message_id === id);
    if (hit?.case_id != null) return hit.case_id;
  }
  return null;
}

/** Append to the timeline; `previousHash` may be given when known ('' for a new case's first event). */
export async function appendEvent(db: Db, caseId: number, event: NewEvent, previousHash?: string): Promise<number> {
  // Two daemons appending to one case at once would both chain from the same event.
  if (previousHash === undefined && dialectOf(db) === 'postgres') await lockCase(db, caseId);
  const previous = previousHash ?? (await db.selectFrom('case_events').select('hash').where('case_id', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirst())?.hash ?? '';
  const hash = eventHash(previous, { case_id: caseId, ...event });
  return insertedId(await insertRow(db, 'case_events', { ...event, case_id: caseId, hash }));
}

export function eventHash(previous: string, event: NewEvent & { case_id: number }): string {
  const content = JSON.stringify([event.case_id, event.at, event.type, event.actor, event.message_id ?? null, event.draft_id ?? null, event.summary, event.data_json ?? null]);
  return sha256Hex(`${previous}\n${content}`);
}

/** Recompute the chain: the first event whose hash does not match, or null when the timeline is intact. */
export async function verifyTimeline(db: Db, caseId: number): Promise<number | null> {
  return firstTamperedEvent(await caseEvents(db, caseId));
}

/** The same check on a case's events already read, in id order. */
export function firstTamperedEvent(events: CaseEventRow[]): number | null {
  let previous = '';
  for (const e of events) {
    if (eventHash(previous, e) !== e.hash) return e.id;
    previous = e.hash;
  }
  return null;
}

export async function caseEvents(db: Db, caseId: number): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export interface CaseFilter {
  status?: CaseStatus | 'active';
  kind?: CaseKind;
  account?: string;
  /** Only cases past their reply-by time that still wait for the seller. */
  overdueAt?: Date;
}

export async function listCases(db: Db, filter: CaseFilter = {}): Promise<CaseRow[]> {
  let q = db.selectFrom('cases').selectAll();
  if (filter.status === 'active') q = q.where('status', '!=', 'resolved');
  else if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.account) q = q.where('account_id', '=', filter.account);
  if (filter.overdueAt) q = q.where('status', '=', 'awaiting_seller').where('reply_by', '<', filter.overdueAt.toISOString());
  // Most urgent first: cases with a reply-by time by that time, then the most recently active.
  return q.orderBy(sql`reply_by is null`).orderBy('reply_by').orderBy('updated_at', 'desc').execute();
}

/** Past its reply-by time and still waiting for the seller (the rule listCases and countCases apply in SQL). */
export function isOverdue(c: CaseRow, now: Date): boolean {
  return c.status === 'awaiting_seller' && c.reply_by !== null && c.reply_by < now.toISOString();
}

export async function countCases(db: Db, now: Date): Promise<{ open: number; overdue: number }> {
  const open = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'resolved').executeTakeFirstOrThrow();
  const overdue = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'awaiting_seller')
    .where('reply_by', '<', now.toISOString())
    .executeTakeFirstOrThrow();
  return { open: Number(open.n), overdue: Number(overdue.n) };
}
