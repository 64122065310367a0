// 006: several kotae processes on one store. In-flight outbox rows name their owner; each writing
// process says it is alive (`processes`); each account's mailbox is synced by one process at a time
// (`sync_holders`); mail to approvers and replies carry a key that makes a second copy impossible.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('owner', 'text').execute();
  // What makes a mail the same mail: a reply to a draft, an approval mail to one approver for one
  // revision, a reminder point, a day's digest. Null for mail that may repeat (feedback).
  await db.schema.alterTable('outbox').addColumn('once_key', 'text').execute();
  await db.schema.createIndex('outbox_once_key').unique().on('outbox').column('once_key').execute();

  await db.schema
    .createTable('processes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sync_holders')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();
}
