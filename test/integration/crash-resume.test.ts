// The kill test: `kotae once` is SIGKILLed in the middle of syncing 1,000 messages, then run again.
// Each batch and its sync position are committed together, so the second run resumes right after
// the last stored UID: exactly 1,000 rows, each message once, each UID mapped once, nothing refetched.
// On both stores: a SQLite file under dataDir, and a PostgreSQL database named by store.urlEnv.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILE, openStore, type Db, type Store, type StoreLocation } from '../../src/store/index.ts';
import { runKotae, startKotae } from '../support/child.ts';
import { Dovecot, skipWithoutDovecot, type DovecotUser } from '../support/dovecot.ts';
import { generateMessages } from '../support/generate.ts';
import { PASSWORD_ENV, configObject, messageIdOf, waitFor } from '../support/harness.ts';
import { DATABASE_URL_ENV, STORE_DIALECTS, TestStores } from '../support/stores.ts';
import { makeTestDir } from '../support/tmp.ts';

const COUNT = 1000;
const USERS: DovecotUser[] = [
  { user: 'early@example.com', password: 'early-secret' },
  { user: 'late@example.com', password: 'late-secret' },
];

/**
 * The store as another process sees it, opened once the child has made it (a SQLite store appears
 * whole, fully migrated: index.ts builds it beside its place); null before then.
 */
async function openWhenMade(location: StoreLocation): Promise<Store | null> {
  if (typeof location === 'string' && !existsSync(join(location, STORE_FILE))) return null;
  return openStore(location);
}

async function storedCount(db: Db): Promise<number> {
  return Number((await db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

describe.skipIf(skipWithoutDovecot()).each(STORE_DIALECTS)('kotae once, SIGKILLed mid-sync and run again (%s)', (dialect) => {
  let server: Dovecot;
  let stores: TestStores;
  let tmp: string;

  beforeAll(async () => {
    server = await Dovecot.start(USERS);
    stores = await TestStores.start(dialect);
    tmp = makeTestDir('kotae-crash-');
  });

  afterAll(async () => {
    await server?.stop();
    await stores?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each([
    { point: 'early', user: USERS[0]!, seed: 11, killAt: 1 },
    { point: 'late', user: USERS[1]!, seed: 12, killAt: 700 },
  ])('killed $point (after $killAt+ messages are stored): the second run ends with exactly 1,000 messages', async ({ point, user, seed, killAt }) => {
    const messages = generateMessages(COUNT, { seed, attachmentRatio: 0.05 });
    await server.deliver(messages, 'INBOX', user);

    const dir = join(tmp, point);
    const configFile = join(dir, 'kotae.config.yaml');
    const dataDir = join(dir, 'data');
    const location = await stores.fresh(dataDir);
    mkdirSync(dir, { recursive: true });
    const shared = typeof location === 'string' ? {} : { store: { urlEnv: DATABASE_URL_ENV } };
    writeFileSync(configFile, JSON.stringify({ ...configObject({ dataDir, port: server.port, user: user.user, batchSize: 50 }), ...shared }, null, 2));
    const env = { [PASSWORD_ENV]: user.password, ...(typeof location === 'string' ? {} : { [DATABASE_URL_ENV]: location.url }) };

    // First run: killed once at least `killAt` messages are stored, well before the 1,000th.
    const first = startKotae(['once', '--config', configFile], { env });
    let exited = false;
    void first.done.then(
      () => (exited = true),
      () => (exited = true),
    );
    const store = await waitFor('the store', async () => (exited ? 'exited' : await openWhenMade(location)), 30_000, 5);
    if (store === 'exited') throw new Error(`kotae exited before making its store:\n${(await first.done).stderr}`);
    try {
      await waitFor(`${killAt} stored messages`, async () => exited || (await storedCount(store.db)) >= killAt, 30_000, 5);
      first.child.kill('SIGKILL');
      const killed = await first.done;
      expect(killed.signal, `kotae exited by itself before the kill:\n${killed.stdout}${killed.stderr}`).toBe('SIGKILL');
      const atKill = await storedCount(store.db);
      expect(atKill).toBeGreaterThanOrEqual(killAt);
      expect(atKill).toBeLessThan(COUNT);
      // What was committed is whole: rows and position agree, batch by batch.
      const partial = await inspect(store.db);
      expect(partial.uids).toBe(atKill);
      expect(partial.lastUid).toBe(atKill);

      // Second run: to the end. It fetches only what the first run had not stored.
      const second = await runKotae(['once', '--config', configFile, '--json'], { env });
      expect(second.code, second.stderr).toBe(0);
      const report = JSON.parse(second.stdout) as { accounts: { id: string; sync: { fetched: number; stored: number; duplicates: number } | null; error: string | null }[] };
      expect(report.accounts).toEqual([{ id: 'jp', sync: expect.objectContaining({ fetched: COUNT - atKill, stored: COUNT - atKill, duplicates: 0 }), error: null }]);

      const final = await inspect(store.db);
      expect(final.messages).toBe(COUNT);
      expect(final.duplicateMessageIds).toEqual([]);
      expect(final.messageIds).toEqual(new Set(messages.map(messageIdOf)));
      expect(final.uids).toBe(COUNT);
      expect(final.uidList).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
      expect(final.rowsMappedByUid).toBe(COUNT);
      expect(final.lastUid).toBe(COUNT);
    } finally {
      await store.close();
    }

    const status = await runKotae(['status', '--json', '--config', configFile], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ messages: COUNT, quarantined: 0, accounts: [{ id: 'jp', lastError: null }] });
  });
});

/** What the store holds, through kysely: the same queries on both stores. */
async function inspect(db: Db) {
  const inbox = db.selectFrom('mailbox_uids').where('account_id', '=', 'jp').where('mailbox', '=', 'INBOX');
  const messageIds = (await db.selectFrom('messages').select('message_id').execute()).map((r) => r.message_id);
  const uidList = (await inbox.select('uid').distinct().orderBy('uid').execute()).map((r) => Number(r.uid));
  const counts = await inbox.select([sql<number>`count(*)`.as('uids'), sql<number>`count(distinct message_id)`.as('rows')]).executeTakeFirstOrThrow();
  const state = await db.selectFrom('mailbox_state').select('last_uid').where('account_id', '=', 'jp').where('mailbox', '=', 'INBOX').executeTakeFirst();
  return {
    messages: messageIds.length,
    messageIds: new Set(messageIds),
    duplicateMessageIds: messageIds.filter((id, i, all) => all.indexOf(id) !== i),
    uids: Number(counts.uids),
    uidList,
    rowsMappedByUid: Number(counts.rows),
    lastUid: Number(state?.last_uid ?? 0),
  };
}
