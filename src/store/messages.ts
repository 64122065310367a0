// Messages: raw bytes first, then parsed fields, then the processing state (pending, processed,
// quarantined). Each function is one small, named operation on the store.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './index.ts';
import type { MessageRow, MessageUpdate } from './schema.ts';
import { updateRow } from './compiled.ts';
import { dialectOf } from './dialect.ts';
import { goneOnThisHost, LEASE_MS, self } from './processes.ts';
import { identify } from '../ingest/identity.ts';

export const MAX_TRIES = 3;

export interface StoredRef {
  id: number;
  /** False when the same message was already stored (another source, another sync). */
  inserted: boolean;
}

/**
 * Store a batch of raw messages with a few multi-row statements (a backfill stores thousands): the
 * references come back in input order. Call inside the batch's transaction.
 */
export async function storeRawMessages(db: Db, accountId: string, messages: { bytes: Buffer; origin: string; receivedAt?: Date }[], direction: 'in' | 'out', now: Date): Promise<StoredRef[]> {
  if (messages.length === 0) return [];
  const identities = messages.map((m) => identify(m.bytes));
  const inserted = await db
    .insertInto('messages')
    .values(
      messages.map((m, i) => ({
        account_id: accountId,
        dedup_key: identities[i]!.dedupKey,
        sha256: identities[i]!.sha256,
        message_id: identities[i]!.messageId,
        message_id_synthetic: identities[i]!.synthetic ? 1 : 0,
        direction,
        size: m.bytes.length,
        origin: m.origin,
        stored_at: now.toISOString(),
        received_at: m.receivedAt?.toISOString() ?? null,
        state: 'pending' as const,
        tries: 0,
      })),
    )
    .onConflict((oc) => oc.columns(['account_id', 'dedup_key']).doNothing())
    .returning(['id', 'dedup_key'])
    .execute();
  const fresh = new Map(inserted.map((r) => [r.dedup_key, r.id]));
  const missing = identities.filter((x) => !fresh.has(x.dedupKey)).map((x) => x.dedupKey);
  const existing = missing.length
    ? new Map((await db.selectFrom('messages').select(['id', 'dedup_key']).where('account_id', '=', accountId).where('dedup_key', 'in', [...new Set(missing)]).execute()).map((r) => [r.dedup_key, r.id]))
    : new Map<string, number>();
  // The first occurrence of a key in the batch is the one stored; a repeat is a duplicate like any other.
  const claimed = new Set<string>();
  const refs = identities.map((x) => {
    const id = fresh.get(x.dedupKey);
    if (id !== undefined && !claimed.has(x.dedupKey)) {
      claimed.add(x.dedupKey);
      return { id, inserted: true };
    }
    return { id: id ?? existing.get(x.dedupKey)!, inserted: false };
  });
  const raws = refs.flatMap((r, i) => (r.inserted ? [{ message_id: r.id, bytes: messages[i]!.bytes }] : []));
  if (raws.length) await db.insertInto('message_raw').values(raws).execute();
  return refs;
}

/** Write a processed message's columns, compiled once per set of columns (see compiled.ts). */
export async function updateMessage(db: Db, id: number, columns: MessageUpdate): Promise<void> {
  await updateRow(db, 'messages', id, columns);
}

/** The raw bytes of these messages, by message id. */
export async function readRawMessages(db: Db, ids: number[]): Promise<Map<number, Buffer>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('message_raw').select(['message_id', 'bytes']).where('message_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.message_id, r.bytes]));
}

export async function getMessage(db: Db, id: number): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * One more failed try; the third quarantines the message. A permanent failure (bytes that will never
 * parse, such as an empty file) is quarantined at once: retrying it would only delay the seller.
 */
/**
 * The compare-and-set a message's processing starts with, inside its transaction: it is still
 * pending, and from here on this transaction owns it. False when another kotae process wrote it first.
 */
export async function claimPending(db: Db, id: number, now: Date): Promise<boolean> {
  const res = await db.updateTable('messages').set({ processed_at: now.toISOString() }).where('id', '=', id).where('state', '=', 'pending').executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/**
 * A claim on a pending message older than this is taken over even from a live owner (stalled, or cut
 * off from the store): far above the seconds a batch takes to be analysed and written.
 */
export const ANALYSIS_CLAIM_MS = 10 * 60_000;

export interface ClaimOptions {
  /** The claiming process: this one, but for tests that play two. */
  owner?: string;
  /** The wall clock: liveness is never judged on the context's clock, which tests and the demo pin. */
  now?: Date;
}

/**
 * Take up to `limit` pending messages to analyse, oldest first: of the accounts whose mailbox this
 * process syncs, else of a single account, so that writing the batch locks few accounts' threading
 * (holdAccounts), and those mostly locked by this daemon alone. A message is free when unclaimed, or
 * its claim's owner is gone (as for an outbox row) or the claim is older than ANALYSIS_CLAIM_MS. Each
 * try is one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING; on PostgreSQL the select skips rows
 * another daemon is claiming that moment (FOR UPDATE SKIP LOCKED), and SQLite has one writer. What
 * this process claimed already is not taken again: a pass moves past it, and a message that failed is
 * not retried in the same pass, until releaseClaims gives it back.
 */
export async function claimForAnalysis(db: Db, limit: number, options: ClaimOptions = {}): Promise<MessageRow[]> {
  const owner = options.owner ?? self.id;
  const now = options.now ?? new Date();
  const free = freeFor(owner, now, await goneOnThisHost(db));
  const synced = await claimWhere(db, owner, now, limit, free, sql<SqlBool>`m.account_id in (select h.account_id from sync_holders h where h.owner = ${owner})`);
  if (synced.length) return synced;
  return claimWhere(db, owner, now, limit, free, sql<SqlBool>`m.account_id = (select c.account_id from messages c where ${free('c')} order by c.id limit 1)`);
}

/** The condition that a pending message (of the table aliased `t`) is free for `owner` to claim. */
function freeFor(owner: string, now: Date, goneHere: string[]): (t: string) => RawBuilder<SqlBool> {
  const since = new Date(now.getTime() - LEASE_MS).toISOString();
  const stale = new Date(now.getTime() - ANALYSIS_CLAIM_MS).toISOString();
  // Owners alive in the store's eyes; a process of this host whose pid is gone is dead at once.
  const live = sql`select p.id from processes p where p.seen_at >= ${since}${goneHere.length ? sql` and p.id not in (${sql.join(goneHere)})` : sql``}`;
  return (t) => {
    const by = sql.ref(`${t}.claimed_by`);
    return sql<SqlBool>`${sql.ref(`${t}.state`)} = 'pending' and (${by} is null or (${by} <> ${owner} and (${sql.ref(`${t}.claimed_at`)} < ${stale} or ${by} not in (${live}))))`;
  };
}

async function claimWhere(db: Db, owner: string, now: Date, limit: number, free: (t: string) => RawBuilder<SqlBool>, accounts: RawBuilder<SqlBool>): Promise<MessageRow[]> {
  const batch = db
    .selectFrom('messages as m')
    .select('m.id')
    .where(free('m'))
    .where(accounts)
    .orderBy('m.id')
    .limit(limit)
    .$if(dialectOf(db) === 'postgres', (q) => q.forUpdate().skipLocked());
  const rows = await db.updateTable('messages').set({ claimed_by: owner, claimed_at: now.toISOString() }).where('id', 'in', batch).returningAll().execute();
  // RETURNING follows no order.
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Give back this process's claims on messages still pending (these ids, or all): the rest of a pass
 * that ended or was interrupted, a batch cut short. Another process may take them at once.
 */
export async function releaseClaims(db: Db, ids?: number[], owner = self.id): Promise<void> {
  if (ids?.length === 0) return;
  let q = db.updateTable('messages').set({ claimed_by: null, claimed_at: null }).where('state', '=', 'pending').where('claimed_by', '=', owner);
  if (ids) q = q.where('id', 'in', ids);
  await q.execute();
}

/** One try spent; null when the message is not pending any more (another process processed it). */
export async function recordFailure(db: Db, id: number, error: string, permanent = false): Promise<'pending' | 'quarantined' | null> {
  // One statement reads and writes the count, so two processes failing the message spend two tries.
  const row = await db
    .updateTable('messages')
    .set((eb) => ({
      tries: eb('tries', '+', 1),
      state: permanent ? 'quarantined' : eb.case().when(eb('tries', '+', 1), '>=', MAX_TRIES).then('quarantined' as const).else('pending' as const).end(),
      last_error: error.slice(0, 2000),
    }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .returning('state')
    .executeTakeFirst();
  return row ? (row.state as 'pending' | 'quarantined') : null;
}

export async function quarantinedMessages(db: Db): Promise<MessageRow[]> {
  return db.selectFrom('messages').selectAll().where('state', '=', 'quarantined').orderBy('id').execute();
}

/** Give quarantined messages (all, or the given IDs) three fresh tries. Returns how many. */
export async function requeueQuarantined(db: Db, ids: number[] | 'all'): Promise<number> {
  let q = db.updateTable('messages').set({ state: 'pending', tries: 0, claimed_by: null, claimed_at: null }).where('state', '=', 'quarantined');
  if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : [-1]);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function countMessages(db: Db): Promise<{ total: number; pending: number; quarantined: number }> {
  // Received mail only: kotae's stored copies of what it sent are counted by the outbox.
  const rows = await db.selectFrom('messages').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('direction', '=', 'in').groupBy('state').execute();
  const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  return {
    total: rows.reduce((sum, r) => sum + Number(r.n), 0),
    pending: by.pending ?? 0,
    quarantined: by.quarantined ?? 0,
  };
}
