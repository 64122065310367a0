// 002: understanding: each message's kind and facts, and cases (one conversation as the seller
// thinks of it) with their append-only timeline.
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('messages').addColumn('kind', 'text').execute();
  await db.schema.alterTable('messages').addColumn('case_id', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('classification_json', 'text').execute();
  await db.schema.alterTable('messages').addColumn('buyer_text', 'text').execute();
  // none → pending (a reply may be due) → done; the respond step reads this.
  await db.schema.alterTable('messages').addColumn('respond_state', 'text', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema.createIndex('messages_case').on('messages').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('messages_respond').on('messages').columns(['respond_state', 'id']).execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', t.id, t.autoId)
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('marketplace', 'text')
    .addColumn('order_id', 'text')
    .addColumn('support_case_id', 'text')
    .addColumn('buyer_alias', 'text')
    .addColumn('buyer_name', 'text')
    .addColumn('language', 'text')
    .addColumn('subject', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_inbound_at', 'text')
    .addColumn('last_outbound_at', 'text')
    .addColumn('amazon_answers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('previous_support_case_id', 'text')
    .execute();
  await db.schema.createIndex('cases_order').on('cases').columns(['account_id', 'marketplace', 'order_id']).execute();
  await db.schema.createIndex('cases_support').on('cases').columns(['account_id', 'support_case_id']).execute();
  await db.schema.createIndex('cases_alias').on('cases').columns(['account_id', 'buyer_alias', 'updated_at']).execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['status', 'reply_by']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', t.id, t.autoId)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('message_id', 'integer')
    .addColumn('draft_id', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'id']).execute();
}
