// Messages: raw bytes first, then parsed fields, then the processing state (pending, processed,
// quarantined). Each function is one small, named operation on the store.
import type { Db } from './index.ts';
import type { MessageRow } from './schema.ts';
import { identify } from '../ingest/identity.ts';

export const MAX_TRIES = 3;

export interface IncomingMessage {
  accountId: string;
  bytes: Buffer;
  origin: string;
  direction: 'in' | 'out';
}

export interface StoredRef {
  id: number;
  /** False when the same message was already stored (another source, another sync). */
  inserted: boolean;
}

/** Store one message's raw bytes (once per account and dedup key). Call inside a transaction with its bookkeeping. */
export async function storeRawMessage(db: Db, message: IncomingMessage, now: Date): Promise<StoredRef> {
  const identity = identify(message.bytes);
  const inserted = await db
    .insertInto('messages')
    .values({
      account_id: message.accountId,
      dedup_key: identity.dedupKey,
      sha256: identity.sha256,
      message_id: identity.messageId,
      message_id_synthetic: identity.synthetic ? 1 : 0,
      direction: message.direction,
      size: message.bytes.length,
      origin: message.origin,
      stored_at: now.toISOString(),
      state: 'pending',
      tries: 0,
    })
    .onConflict((oc) => oc.columns(['account_id', 'dedup_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await db.insertInto('message_raw').values({ message_id: inserted.id, bytes: message.bytes }).execute();
    return { id: inserted.id, inserted: true };
  }
  const existing = await db
    .selectFrom('messages')
    .select('id')
    .where('account_id', '=', message.accountId)
    .where('dedup_key', '=', identity.dedupKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, inserted: false };
}

export async function readRaw(db: Db, messageId: number): Promise<Buffer> {
  const row = await db.selectFrom('message_raw').select('bytes').where('message_id', '=', messageId).executeTakeFirstOrThrow();
  return row.bytes;
}

/** Messages waiting to be processed, oldest first; quarantined ones are not among them. */
export async function pendingMessages(db: Db, limit: number, afterId = 0): Promise<MessageRow[]> {
  return db.selectFrom('messages').selectAll().where('state', '=', 'pending').where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function getMessage(db: Db, id: number): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByMessageIds(db: Db, accountId: string, messageIds: string[]): Promise<MessageRow[]> {
  if (messageIds.length === 0) return [];
  return db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('message_id', 'in', messageIds).execute();
}

export async function markProcessed(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('messages').set({ state: 'processed', processed_at: now.toISOString(), last_error: null }).where('id', '=', id).execute();
}

/**
 * One more failed try; the third quarantines the message. A permanent failure (bytes that will never
 * parse, such as an empty file) is quarantined at once: retrying it would only delay the seller.
 */
export async function recordFailure(db: Db, id: number, error: string, permanent = false): Promise<'pending' | 'quarantined'> {
  const row = await db.selectFrom('messages').select('tries').where('id', '=', id).executeTakeFirstOrThrow();
  const tries = row.tries + 1;
  const state = permanent || tries >= MAX_TRIES ? 'quarantined' : 'pending';
  await db.updateTable('messages').set({ tries, state, last_error: error.slice(0, 2000) }).where('id', '=', id).execute();
  return state;
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
  const rows = await db.selectFrom('messages').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  return {
    total: rows.reduce((sum, r) => sum + Number(r.n), 0),
    pending: by.pending ?? 0,
    quarantined: by.quarantined ?? 0,
  };
}
