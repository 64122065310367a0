// The outbox: one row per message to send. Rows are written before any network call; the sender
// moves them queued → sending → sent (or failed), committing each step.
import type { Db } from './index.ts';
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
}

export async function queueMail(db: Db, mail: QueuedMail, now: Date): Promise<number> {
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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

export async function countOutbox(db: Db): Promise<{ pending: number; sent: number; failed: number }> {
  const rows = await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  return { pending: (by.queued ?? 0) + (by.sending ?? 0), sent: by.sent ?? 0, failed: by.failed ?? 0 };
}
