// 003: replies: drafts (each revision a row), approval tokens, and the outbox (one row per message
// to send, its bytes and Message-ID fixed before any network call).
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('drafts')
    .addColumn('id', t.id, t.autoId)
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    .addColumn('play', 'text', (c) => c.notNull())
    .addColumn('template', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text')
    .addColumn('guard_ok', 'integer', (c) => c.notNull())
    .addColumn('violations_json', 'text')
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('approval_requested_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('drafts_state').on('drafts').columns(['state', 'id']).execute();
  await db.schema.createIndex('drafts_case').on('drafts').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('approval_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('draft_id', 'integer', (c) => c.notNull().references('drafts.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('approver', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', t.id, t.autoId)
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('draft_id', 'integer')
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_json', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('raw', t.bytes, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sending_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('sent_copy', 'text', (c) => c.notNull().defaultTo('pending'))
    .execute();
  await db.schema.createIndex('outbox_state').on('outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_draft').on('outbox').columns(['draft_id']).execute();
}
