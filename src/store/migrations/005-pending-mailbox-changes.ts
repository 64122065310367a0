// 005: which stored messages still wait for markSeen/moveTo. Those changes are made on the server
// after the batch is committed; a crash in between left them undone for good, because the next sync
// starts after the last stored UID. Now a stored UID is flagged until its change is done, and the
// next sync does what is flagged first.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mailbox_uids').addColumn('change_pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Partial: only the few flagged rows are indexed, however long the mailbox's history.
  await db.schema.createIndex('mailbox_uids_change_pending').on('mailbox_uids').columns(['account_id', 'mailbox']).where(sql.ref('change_pending'), '=', 1).execute();
}
