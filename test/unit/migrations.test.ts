// Forward-only migrations, on both stores: an empty database comes up to date (the tables and columns
// below); a database written by an older kotae (stopped after each earlier migration, with data in it)
// is brought to the same schema in place, index for index, its data intact; opening an up-to-date
// database changes nothing. A new SQLite file gets 16 KB pages; an older one keeps its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILE, openStore, type Store, type StoreLocation } from '../../src/store/index.ts';
import { LATEST_MIGRATION, migrations } from '../../src/store/migrate.ts';
import { storeRawMessages } from '../../src/store/messages.ts';
import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { STORE_DIALECTS, TestStores } from '../support/stores.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const raw = Buffer.from('From: a@example.com\r\nSubject: hello\r\nMessage-ID: <old-1@example.com>\r\n\r\nbody\r\n');

/** Every table with its columns, and every index: the schema as the database holds it. */
async function schema(store: Store): Promise<{ columns: Record<string, string[]>; indexes: string[] }> {
  const tables = await store.db.introspection.getTables();
  const columns = Object.fromEntries(tables.filter((t) => !t.name.startsWith('sqlite_')).map((t) => [t.name, t.columns.map((c) => c.name)]));
  const indexes =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' order by name`.execute(store.db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public' order by indexname`.execute(store.db);
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
  mailbox_state: ['account_id', 'mailbox', 'uid_validity', 'last_uid', 'updated_at'],
  mailbox_uids: ['account_id', 'mailbox', 'uid_validity', 'uid', 'message_id', 'change_pending'],
  message_raw: ['message_id', 'bytes'],
  messages: ['id', 'account_id', 'dedup_key', 'sha256', 'message_id', 'message_id_synthetic', 'direction', 'size', 'origin', 'stored_at', 'received_at', 'state', 'tries', 'last_error', 'processed_at', 'date', 'subject', 'from_address', 'from_name', 'to_addresses', 'cc_addresses', 'reply_to', 'in_reply_to', 'references_ids', 'text_body', 'html_body', 'headers_json', 'kind', 'case_id', 'classification_json', 'buyer_text', 'respond_state', 'claimed_by', 'claimed_at'],
  outbox: ['id', 'account_id', 'purpose', 'case_id', 'draft_id', 'from_address', 'to_json', 'subject', 'message_id', 'raw', 'state', 'attempts', 'next_attempt_at', 'last_error', 'smtp_response', 'created_at', 'sending_at', 'sent_at', 'sent_copy', 'owner', 'once_key'],
  processes: ['id', 'host', 'pid', 'role', 'started_at', 'seen_at'],
  sync_holders: ['account_id', 'owner', 'since'],
};

const EARLIER = Object.keys(migrations).filter((name) => name !== LATEST_MIGRATION);

describe.each(STORE_DIALECTS)('migrations on %s', (dialect) => {
  let stores: TestStores;
  beforeAll(async () => {
    stores = await TestStores.start(dialect);
  }, 60_000);
  afterAll(async () => {
    await stores?.stop();
  });
  const fresh = async (): Promise<StoreLocation> => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-migrate-'));
    return stores.fresh(dir);
  };

  it('bring an empty database to the latest version', async () => {
    const store = await openStore(await fresh());
    expect((await schema(store)).columns).toEqual(CURRENT);
    await store.close();
  });

  it.each(EARLIER)('bring a database from %s up to date, keeping its messages: the same schema as a new one', async (version) => {
    const location = await fresh();
    const old = await openStore(location, { migrateTo: version });
    await old.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: raw, origin: 'file:old.eml' }], 'in', new Date()));
    await old.close();

    const store = await openStore(location);
    const message = await store.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(message).toMatchObject({ message_id: '<old-1@example.com>', state: 'pending', kind: null, case_id: null, respond_state: 'none' });
    expect((await store.db.selectFrom('message_raw').select('bytes').executeTakeFirstOrThrow()).bytes.equals(raw)).toBe(true);
    const upgraded = await schema(store);
    await store.close();
    const made = await openStore(await stores.fresh(join(dir, 'new')));
    expect(upgraded).toEqual(await schema(made));
    expect(upgraded.columns).toEqual(CURRENT);
    await made.close();
  });

  it('bring a database from 002 (with cases) up to date, and change nothing when already current', async () => {
    const location = await fresh();
    const old = await openStore(location, { migrateTo: '002-cases' });
    await old.db
      .insertInto('cases')
      .values({ account_id: 'jp', kind: 'order', marketplace: 'JP', order_id: '250-1234567-1234567', support_case_id: null, buyer_alias: null, buyer_name: null, language: 'ja', subject: 's', status: 'open', reply_by: null, opened_at: 'x', updated_at: 'x', last_inbound_at: null, last_outbound_at: null, previous_support_case_id: null })
      .execute();
    await old.close();
    const store = await openStore(location);
    expect(await store.db.selectFrom('cases').select('order_id').execute()).toEqual([{ order_id: '250-1234567-1234567' }]);
    expect((await schema(store)).columns).toEqual(CURRENT);
    const applied = async (s: typeof store) => (await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name`.execute(s.db)).rows;
    const definitions = async (s: typeof store) =>
      s.dialect === 'sqlite' ? (await sql<{ sql: string | null }>`select sql from sqlite_master order by name`.execute(s.db)).rows : await schema(s);
    const before = { definitions: await definitions(store), applied: await applied(store) };
    await store.close();
    // Opened again: no migration runs, not a definition changes.
    const again = await openStore(location);
    expect({ definitions: await definitions(again), applied: await applied(again) }).toEqual(before);
    await again.close();
  });

  it('bring a database from 004 up to date: UIDs stored before count as changed already (nothing is marked or moved twice)', async () => {
    const location = await fresh();
    const old = await openStore(location, { migrateTo: '004-attachments-in-raw' });
    const [ref] = await old.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: raw, origin: 'imap:INBOX#7' }], 'in', new Date()));
    await old.db.insertInto('mailbox_uids').values({ account_id: 'jp', mailbox: 'INBOX', uid_validity: '1', uid: 7, message_id: ref!.id } as never).execute();
    await old.close();
    const store = await openStore(location);
    expect(await store.db.selectFrom('mailbox_uids').select(['uid', 'change_pending']).execute()).toEqual([{ uid: 7, change_pending: 0 }]);
    expect((await schema(store)).indexes).toContain('mailbox_uids_change_pending');
    await store.close();
  });

  it('keep an IMAP UID above 2^31 (UIDs go up to 2^32 - 1)', async () => {
    const store = await openStore(await fresh());
    const [ref] = await store.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: raw, origin: 'imap:INBOX' }], 'in', new Date()));
    await store.db.insertInto('mailbox_uids').values({ account_id: 'jp', mailbox: 'INBOX', uid_validity: '1', uid: 4_294_967_295, message_id: ref!.id }).execute();
    expect(await store.db.selectFrom('mailbox_uids').select('uid').execute()).toEqual([{ uid: 4_294_967_295 }]);
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
