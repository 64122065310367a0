// 001: the mailbox itself: messages, their raw bytes, attachments, and IMAP sync positions.
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('messages')
    .addColumn('id', t.id, t.autoId)
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('message_id_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('processed_at', 'text')
    .addColumn('date', 'text')
    .addColumn('subject', 'text')
    .addColumn('from_address', 'text')
    .addColumn('from_name', 'text')
    .addColumn('to_addresses', 'text')
    .addColumn('cc_addresses', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('in_reply_to', 'text')
    .addColumn('references_ids', 'text')
    .addColumn('text_body', 'text')
    .addColumn('html_body', 'text')
    .addColumn('headers_json', 'text')
    .addUniqueConstraint('messages_account_dedup', ['account_id', 'dedup_key'])
    .execute();
  await db.schema.createIndex('messages_state').on('messages').columns(['state', 'id']).execute();
  await db.schema.createIndex('messages_message_id').on('messages').columns(['account_id', 'message_id']).execute();

  await db.schema
    .createTable('message_raw')
    .addColumn('message_id', 'integer', (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
    .addColumn('bytes', t.bytes, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', t.id, t.autoId)
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text')
    .addColumn('content_id', 'text')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', t.bytes)
    .execute();
  await db.schema.createIndex('attachments_message').on('attachments').columns(['message_id', 'position']).unique().execute();

  await db.schema
    .createTable('mailbox_state')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('last_uid', t.uid, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mailbox_state_pk', ['account_id', 'mailbox'])
    .execute();

  await db.schema
    .createTable('account_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('last_sync_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .execute();

  await db.schema
    .createTable('mailbox_uids')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('uid', t.uid, (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('mailbox_uids_pk', ['account_id', 'mailbox', 'uid_validity', 'uid'])
    .execute();
}
