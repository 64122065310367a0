// The outbox: one row per message to send. Rows are written before any network call; the sender
// moves them queued → sending → sent (or failed), committing each step.
import type { Db } from './index.ts';
import { self } from './processes.ts';
import type { OutboxRow, OutboxTable } from './schema.ts';

export interface QueuedMail {
  accountId: string;
  purpose: OutboxTable['purpose'];
  caseId: number | null;
  draftId: number | null;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  raw: Buffer;
  /** What makes this mail the same mail (see OutboxTable.once_key); a second one with the key is not queued. */
  onceKey: string | null;
}

/** The row's id, or null when a mail with the same once-key is queued already (by another process). */
export async function queueMail(db: Db, mail: QueuedMail, now: Date): Promise<number | null> {
  const row = await db
    .insertInto('outbox')
    .values({
      account_id: mail.accountId,
      purpose: mail.purpose,
      case_id: mail.caseId,
      draft_id: mail.draftId,
      from_address: mail.from,
      to_json: JSON.stringify(mail.to),
      subject: mail.subject,
      message_id: mail.messageId,
      raw: mail.raw,
      state: 'queued',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      last_error: null,
      smtp_response: null,
      created_at: now.toISOString(),
      sending_at: null,
      sent_at: null,
      sent_copy: 'pending',
      owner: null,
      once_key: mail.onceKey,
    })
    .onConflict((oc) => oc.column('once_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * queued → sending, owned by this process: the compare-and-set that lets one process send a row.
 * False when another process claimed it first.
 */
export async function claimForSending(db: Db, row: OutboxRow, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ state: 'sending', owner: self.id, sending_at: now.toISOString(), attempts: row.attempts + 1 })
    .where('id', '=', row.id)
    .where('state', '=', 'queued')
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** A row this process is sending moves on (sent, failed, queued again); false when it is not ours any more. */
export async function finishSending(db: Db, id: number, patch: Partial<Omit<OutboxRow, 'id'>>): Promise<boolean> {
  const res = await db.updateTable('outbox').set({ ...patch, owner: null }).where('id', '=', id).where('state', '=', 'sending').where('owner', '=', self.id).executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Take over a `sending` row whose owner is gone; false when another process took it first. */
export async function takeOverSending(db: Db, row: OutboxRow): Promise<boolean> {
  let q = db.updateTable('outbox').set({ owner: self.id }).where('id', '=', row.id).where('state', '=', 'sending');
  q = row.owner === null ? q.where('owner', 'is', null) : q.where('owner', '=', row.owner);
  const res = await q.executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export async function outboxInState(db: Db, accountId: string, state: OutboxRow['state']): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('account_id', '=', accountId).where('state', '=', state).orderBy('id').execute();
}

export async function dueOutbox(db: Db, accountId: string, now: Date, limit = 100): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function updateOutbox(db: Db, id: number, patch: Partial<Omit<OutboxRow, 'id'>>): Promise<void> {
  await db.updateTable('outbox').set(patch).where('id', '=', id).execute();
}

/** How many messages the account sent in the window (to one recipient, JSON-contained, or to anyone) and when the first went: for rate limits. */
export async function sentSince(db: Db, accountId: string, since: Date, recipient?: string): Promise<{ count: number; first: string | null }> {
  let q = db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('sent_at').as('first')])
    .where('account_id', '=', accountId)
    .where('state', '=', 'sent')
    .where('sent_at', '>=', since.toISOString());
  if (recipient !== undefined) q = q.where('to_json', 'like', `%${JSON.stringify(recipient).slice(1, -1)}%`);
  const row = await q.executeTakeFirstOrThrow();
  return { count: Number(row.count), first: row.first };
}

/** Replies refused for good since `since` (a 5xx): the approvers must hear of them by another way. */
export async function refusedReplies(db: Db, since: Date, accountId?: string): Promise<{ id: number; caseId: number | null; to: string; error: string | null; at: string }[]> {
  let q = db
    .selectFrom('outbox')
    .select(['id', 'case_id', 'to_json', 'last_error', 'sending_at', 'created_at'])
    .where('purpose', '=', 'reply')
    .where('state', '=', 'failed')
    .where('created_at', '>=', since.toISOString());
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, to: (JSON.parse(r.to_json) as string[]).join(', '), error: r.last_error, at: r.sending_at ?? r.created_at }));
}

export async function countOutbox(db: Db): Promise<{ pending: number; sent: number; failed: number }> {
  const rows = await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  return { pending: (by.queued ?? 0) + (by.sending ?? 0), sent: by.sent ?? 0, failed: by.failed ?? 0 };
}
