// Forward-only migrations: an empty database comes up to date (the tables and columns below); a
// database written by an older kotae (here: stopped after 001, 002 and 004, with data in it) is brought
// to the same schema in place, its data intact; opening an up-to-date database changes nothing. A new
// store file gets 16 KB pages; an older one keeps its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE, openStore } from '../../src/store/index.ts';
import { storeRawMessages } from '../../src/store/messages.ts';
import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const raw = Buffer.from('From: a@example.com\r\nSubject: hello\r\nMessage-ID: <old-1@example.com>\r\n\r\nbody\r\n');

async function tables(store: Awaited<ReturnType<typeof openStore>>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

/** Every table with its columns, and every index: the schema as SQLite holds it. */
async function schema(store: Awaited<ReturnType<typeof openStore>>): Promise<{ columns: Record<string, string[]>; indexes: string[] }> {
  const columns: Record<string, string[]> = {};
  for (const table of await tables(store)) {
    const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(store.db);
    columns[table] = rows.rows.map((r) => r.name);
  }
  const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' order by name`.execute(store.db);
  return { columns, indexes: indexes.rows.map((r) => r.name) };
}

/** What an up-to-date store holds. A new migration changes this on purpose, and the test with it. */
const CURRENT: Record<string, string[]> = {
  account_state: ['account_id', 'last_sync_at', 'last_error', 'last_error_at'],
  approval_tokens: ['token_hash', 'draft_id', 'revision', 'approver', 'created_at', 'expires_at', 'used_at'],
  attachments: ['id', 'message_id', 'position', 'filename', 'content_type', 'disposition', 'content_id', 'size', 'sha256'],
  case_events: ['id', 'case_id', 'at', 'type', 'actor', 'message_id', 'draft_id', 'summary', 'data_json', 'hash'],
  cases: ['id', 'account_id', 'kind', 'marketplace', 'order_id', 'support_case_id', 'buyer_alias', 'buyer_name', 'language', 'subject', 'status', 'reply_by', 'opened_at', 'updated_at', 'last_inbound_at', 'last_outbound_at', 'amazon_answers', 'previous_support_case_id'],
  drafts: ['id', 'account_id', 'case_id', 'message_id', 'play', 'template', 'language', 'audience', 'mode', 'revision', 'subject', 'body', 'to_address', 'guard_ok', 'violations_json', 'note', 'state', 'approval_requested_at', 'decided_by', 'decided_at', 'created_at', 'updated_at'],
  kysely_migration: ['name', 'timestamp'],
  kysely_migration_lock: ['id', 'is_locked'],
  mailbox_state: ['account_id', 'mailbox', 'uid_validity', 'last_uid', 'updated_at'],
  mailbox_uids: ['account_id', 'mailbox', 'uid_validity', 'uid', 'message_id', 'change_pending'],
  message_raw: ['message_id', 'bytes'],
  messages: ['id', 'account_id', 'dedup_key', 'sha256', 'message_id', 'message_id_synthetic', 'direction', 'size', 'origin', 'stored_at', 'received_at', 'state', 'tries', 'last_error', 'processed_at', 'date', 'subject', 'from_address', 'from_name', 'to_addresses', 'cc_addresses', 'reply_to', 'in_reply_to', 'references_ids', 'text_body', 'html_body', 'headers_json', 'kind', 'case_id', 'classification_json', 'buyer_text', 'respond_state'],
  outbox: ['id', 'account_id', 'purpose', 'case_id', 'draft_id', 'from_address', 'to_json', 'subject', 'message_id', 'raw', 'state', 'attempts', 'next_attempt_at', 'last_error', 'smtp_response', 'created_at', 'sending_at', 'sent_at', 'sent_copy', 'owner', 'once_key'],
  processes: ['id', 'host', 'pid', 'role', 'started_at', 'seen_at'],
  sqlite_sequence: ['name', 'seq'],
  sync_holders: ['account_id', 'owner', 'since'],
};

describe('migrations', () => {
  it('bring an empty database to the latest version', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-migrate-'));
    const store = await openStore(dir);
    expect((await schema(store)).columns).toEqual(CURRENT);
    await store.close();
  });

  it('bring a database from 001 (messages only) up to date, keeping its messages', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-migrate-'));
    const old = await openStore(dir, { migrateTo: '001-mail' });
    expect(await tables(old)).not.toContain('cases');
    await old.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: raw, origin: 'file:old.eml' }], 'in', new Date()));
    await old.close();

    const store = await openStore(dir);
    const message = await store.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(message).toMatchObject({ message_id: '<old-1@example.com>', state: 'pending', kind: null, case_id: null, respond_state: 'none' });
    const upgraded = await schema(store);
    await store.close();
    // The same schema, index for index, as a store made new today.
    rmSync(join(dir, 'new'), { recursive: true, force: true });
    const fresh = await openStore(join(dir, 'new'));
    expect(upgraded).toEqual(await schema(fresh));
    expect(upgraded.columns).toEqual(CURRENT);
    await fresh.close();
  });

  it('bring a database from 002 (with cases) up to date, and change nothing when already current', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-migrate-'));
    const old = await openStore(dir, { migrateTo: '002-cases' });
    await old.db
      .insertInto('cases')
      .values({ account_id: 'jp', kind: 'order', marketplace: 'JP', order_id: '250-1234567-1234567', support_case_id: null, buyer_alias: null, buyer_name: null, language: 'ja', subject: 's', status: 'open', reply_by: null, opened_at: 'x', updated_at: 'x', last_inbound_at: null, last_outbound_at: null, previous_support_case_id: null })
      .execute();
    await old.close();
    const store = await openStore(dir);
    expect(await store.db.selectFrom('cases').select('order_id').execute()).toEqual([{ order_id: '250-1234567-1234567' }]);
    expect((await schema(store)).columns).toEqual(CURRENT);
    const definitions = async (s: typeof store) => (await sql<{ sql: string | null }>`select sql from sqlite_master order by name`.execute(s.db)).rows;
    const applied = async (s: typeof store) => (await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name`.execute(s.db)).rows;
    const before = { definitions: await definitions(store), applied: await applied(store) };
    await store.close();
    // Opened again: no migration runs, not a definition changes.
    const again = await openStore(dir);
    expect({ definitions: await definitions(again), applied: await applied(again) }).toEqual(before);
    await again.close();
  });

  it('bring a database from 004 up to date: UIDs stored before count as changed already (nothing is marked or moved twice)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-migrate-'));
    const old = await openStore(dir, { migrateTo: '004-attachments-in-raw' });
    const [ref] = await old.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: raw, origin: 'imap:INBOX#7' }], 'in', new Date()));
    await old.db.insertInto('mailbox_uids').values({ account_id: 'jp', mailbox: 'INBOX', uid_validity: '1', uid: 7, message_id: ref!.id } as never).execute();
    await old.close();
    const store = await openStore(dir);
    expect(await store.db.selectFrom('mailbox_uids').select(['uid', 'change_pending']).execute()).toEqual([{ uid: 7, change_pending: 0 }]);
    const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'mailbox_uids'`.execute(store.db);
    expect(indexes.rows.map((r) => r.name)).toContain('mailbox_uids_change_pending');
    await store.close();
  });
});

describe('the store file', () => {
  const pragma = async (store: Awaited<ReturnType<typeof openStore>>, name: string) => (await sql.raw<Record<string, number>>(`pragma ${name}`).execute(store.db)).rows[0]![name];

  it('is made with 16 KB pages, checkpointed every 16 MB', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-pages-'));
    const store = await openStore(dir);
    expect(await pragma(store, 'page_size')).toBe(16384);
    expect(await pragma(store, 'wal_autocheckpoint')).toBe(1024);
    await store.close();
  });

  it('keeps the 4 KB pages of a store made before, and its 16 MB checkpoints', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-pages-'));
    const old = new BetterSqlite3(join(dir, STORE_FILE));
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('create table earlier (x integer)');
    old.close();
    const store = await openStore(dir);
    expect(await pragma(store, 'page_size')).toBe(4096);
    expect(await pragma(store, 'wal_autocheckpoint')).toBe(4096);
    await store.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: raw, origin: 'file:old.eml' }], 'in', new Date()));
    expect(await store.db.selectFrom('messages').select('message_id').execute()).toEqual([{ message_id: '<old-1@example.com>' }]);
    await store.close();
  });
});
