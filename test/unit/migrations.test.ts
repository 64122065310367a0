// Forward-only migrations: an empty database comes up to date; a database written by an older kotae
// (here: stopped after 001, 002 and 004, with data in it) is brought up to date in place, its data
// intact; opening an up-to-date database changes nothing. A new store file gets 16 KB pages; an older
// one keeps its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_MIGRATION, migrations } from '../../src/store/migrate.ts';
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

describe('migrations', () => {
  it('bring an empty database to the latest version', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-migrate-'));
    const store = await openStore(dir);
    expect(await tables(store)).toEqual(expect.arrayContaining(['messages', 'message_raw', 'cases', 'case_events', 'drafts', 'outbox', 'approval_tokens']));
    const applied = await store.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(applied.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
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
    expect(await tables(store)).toContain('outbox');
    await store.close();
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
    await store.close();
    const again = await openStore(dir);
    const applied = await again.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(applied).toHaveLength(Object.keys(migrations).length);
    expect(LATEST_MIGRATION).toBe(Object.keys(migrations).at(-1));
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
