// Messages: raw bytes first, then parsed fields, then the processing state (pending, processed,
// quarantined). Each function is one small, named operation on the store.
import type { Db } from './index.ts';
import type { MessageRow, MessageUpdate } from './schema.ts';
import { updateRow } from './compiled.ts';
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
  let q = db.updateTable('messages').set({ state: 'pending', tries: 0 }).where('state', '=', 'quarantined');
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
