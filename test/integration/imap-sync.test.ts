// Mailbox sync against a real Dovecot: UID + UIDVALIDITY positions, BODY.PEEK (the seller's \Seen
// flags are left alone), dedup across appends, sources and resyncs, markSeen/moveTo only after the
// store, reconnecting after a server restart or crash mid-sync, and a refused login.
// Every test has its own mailbox user and its own store, on each dialect: a SQLite file, a PostgreSQL database.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncSource, syncWithRetry, type RetryPolicy, type SyncResult } from '../../src/ingest/sync.ts';
import { ImapAccount } from '../../src/sources/imap.ts';
import { LocalSource } from '../../src/sources/local.ts';
import type { MailSource } from '../../src/sources/types.ts';
import { RemoteError } from '../../src/shared/errors.ts';
import { Dovecot, skipWithoutDovecot, type DovecotUser } from '../support/dovecot.ts';
import { generateMessages } from '../support/generate.ts';
import {
  PASSWORD_ENV,
  SteppedSource,
  messageIdOf,
  messageRows,
  openTestContext,
  rawById,
  sameModuloLineEndings,
  testConfig,
  uidRows,
  type TestContext,
} from '../support/harness.ts';
import { STORE_DIALECTS, TestStores } from '../support/stores.ts';
import { makeTestDir } from '../support/tmp.ts';

const USERS: DovecotUser[] = Array.from({ length: 24 }, (_, i) => ({ user: `seller${i}@example.com`, password: `pw-${i}-secret` }));

/** Quick reconnects for tests: still exponential with jitter, still bounded. */
const FAST_RETRY: RetryPolicy = { attempts: 20, baseDelayMs: 100, maxDelayMs: 800 };

describe.skipIf(skipWithoutDovecot()).each(STORE_DIALECTS)('IMAP sync against Dovecot (%s)', (dialect) => {
  let server: Dovecot;
  let stores: TestStores;
  let tmp: string;
  let nextUser = 0;
  const open: TestContext[] = [];

  beforeAll(async () => {
    server = await Dovecot.start(USERS);
    stores = await TestStores.start(dialect);
    tmp = makeTestDir('kotae-imap-sync-');
  });

  afterEach(async () => {
    for (const t of open.splice(0)) await t.store.close();
  });

  afterAll(async () => {
    await server?.stop();
    await stores?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** A fresh mailbox user, store and account `jp` for one test. */
  async function setup(options: { batchSize?: number; batchBytes?: number; imap?: Record<string, unknown>; password?: string; on?: Dovecot } = {}) {
    const on = options.on ?? server;
    const user = USERS[nextUser++]!;
    const dataDir = join(tmp, `store-${nextUser}`);
    const config = testConfig({ dataDir, port: on.port, user: user.user, ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.imap ? { imap: options.imap } : {}) });
    const t = await openTestContext(config, await stores.fresh(dataDir));
    open.push(t);
    const account = config.accounts[0]!;
    const env = { [PASSWORD_ENV]: options.password ?? user.password };
    const source = () => new ImapAccount(account, { batchSize: config.sync.batchSize, ...(options.batchBytes ? { batchBytes: options.batchBytes } : {}), env });
    /** One sync the way `kotae once` runs it (syncWithRetry), with a fresh connection. */
    const sync = async (src: MailSource = source(), sleeps: number[] = []): Promise<SyncResult> => {
      try {
        return await syncWithRetry(t.ctx, 'jp', src, { retry: FAST_RETRY, sleep: (ms) => (sleeps.push(ms), new Promise((r) => setTimeout(r, ms))) });
      } finally {
        await src.close();
      }
    };
    const count = async () => (await messageRows(t.db)).length;
    const state = async () => t.db.selectFrom('mailbox_state').selectAll().where('account_id', '=', 'jp').orderBy('mailbox').execute();
    const uidValidity = async (mailbox = 'INBOX') => (await on.status(mailbox, user))!.uidValidity;
    return { user, config, account, env, source, sync, count, state, uidValidity, ...t };
  }

  it('first sync stores every message once, byte for byte, records UIDVALIDITY and the last UID, and leaves the mailbox as it was', async () => {
    const t = await setup({ batchSize: 5 });
    const messages = generateMessages(12, { seed: 101, attachmentRatio: 0.3 });
    await server.append(messages, 'INBOX', t.user);
    const before = await server.list('INBOX', t.user);
    expect(before).toHaveLength(12);
    expect(before.every((m) => !m.flags.includes('\\Seen'))).toBe(true);

    const result = await t.sync();
    expect(result).toMatchObject({ fetched: 12, stored: 12, duplicates: 0, resynced: [] });

    const rows = await messageRows(t.db);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.message_id))).toEqual(new Set(messages.map(messageIdOf)));
    const raw = await rawById(t.db);
    for (const m of messages) {
      const stored = raw.get(messageIdOf(m));
      expect(stored, messageIdOf(m)).toBeDefined();
      expect(sameModuloLineEndings(stored!, m), `bytes of ${messageIdOf(m)}`).toBe(true);
    }

    const [state] = await t.state();
    expect(state).toMatchObject({ mailbox: 'INBOX', uid_validity: await t.uidValidity(), last_uid: before.at(-1)!.uid });
    // Every server UID maps to the row holding that message.
    const byRowId = new Map(rows.map((r) => [r.id, r.message_id]));
    const uids = await uidRows(t.db);
    expect(uids.map((u) => u.uid)).toEqual(before.map((m) => m.uid));
    for (const u of uids) expect(byRowId.get(u.message_id)).toBe(before.find((m) => m.uid === u.uid)!.messageId);

    const accountState = await t.db.selectFrom('account_state').selectAll().where('account_id', '=', 'jp').executeTakeFirstOrThrow();
    expect(accountState.last_sync_at).not.toBeNull();
    expect(accountState.last_error).toBeNull();

    // Read with BODY.PEEK: nothing marked \Seen, nothing moved, nothing anywhere else.
    const after = await server.list('INBOX', t.user);
    expect(after).toEqual(before);
    const others = (await server.mailboxes(t.user)).filter((box) => box !== 'INBOX');
    expect(others).toContain('Sent');
    for (const box of others) expect((await server.status(box, t.user))!.messages, box).toBe(0);
  });

  it('incremental sync fetches only the new messages; a sync with nothing new stores nothing', async () => {
    const t = await setup({ batchSize: 4 });
    await server.append(generateMessages(5, { seed: 201 }), 'INBOX', t.user);
    expect(await t.sync()).toMatchObject({ fetched: 5, stored: 5 });

    const more = generateMessages(3, { seed: 202 });
    await server.append(more, 'INBOX', t.user);
    const second = await t.sync();
    expect(second).toMatchObject({ fetched: 3, stored: 3, duplicates: 0, resynced: [] });
    const rows = await messageRows(t.db);
    expect(rows).toHaveLength(8);
    // The three rows stored last are the three new messages, from UIDs 6..8.
    expect(rows.slice(5).map((r) => r.message_id)).toEqual(more.map(messageIdOf));
    expect(rows.slice(5).map((r) => r.origin)).toEqual(['imap:INBOX#6', 'imap:INBOX#7', 'imap:INBOX#8']);
    expect((await t.state())[0]!.last_uid).toBe(8);

    const third = await t.sync();
    expect(third).toMatchObject({ fetched: 0, stored: 0, duplicates: 0, resynced: [] });
    expect(await t.count()).toBe(8);
    expect((await t.state())[0]!.last_uid).toBe(8);
  });

  it('a UIDVALIDITY change rescans the mailbox, stores nothing twice and records the new UIDVALIDITY', async () => {
    const t = await setup({ batchSize: 4 });
    const messages = generateMessages(6, { seed: 301, attachmentRatio: 0.2 });
    await server.append(messages, 'INBOX', t.user);
    await t.sync();
    const oldValidity = (await t.state())[0]!.uid_validity;
    expect(oldValidity).toBe(await t.uidValidity());

    const newValidity = (Number(oldValidity) % 1_000_000) + 4242;
    server.setUidValidity(newValidity, 'INBOX', t.user.user);
    expect(await t.uidValidity()).toBe(String(newValidity));

    const result = await t.sync();
    expect(result).toMatchObject({ resynced: ['INBOX'], fetched: 6, stored: 0, duplicates: 6 });
    expect(await t.count()).toBe(6);
    const [state] = await t.state();
    expect(state).toMatchObject({ uid_validity: String(newValidity), last_uid: 6 });
    // The UIDs under both validities point at the same six rows.
    const uids = await uidRows(t.db);
    const under = (v: string) => uids.filter((u) => u.uid_validity === v).map((u) => u.message_id);
    expect(under(oldValidity)).toHaveLength(6);
    expect(new Set(under(String(newValidity)))).toEqual(new Set(under(oldValidity)));

    // And it goes on incrementally under the new UIDVALIDITY.
    await server.append(generateMessages(2, { seed: 302 }), 'INBOX', t.user);
    expect(await t.sync()).toMatchObject({ resynced: [], fetched: 2, stored: 2, duplicates: 0 });
    expect(await t.sync()).toMatchObject({ resynced: [], fetched: 0, stored: 0 });
    expect(await t.count()).toBe(8);
  });

  it('the same message appended twice (two UIDs, identical bytes) is stored once', async () => {
    const t = await setup();
    const [twice, other] = generateMessages(2, { seed: 401 });
    await server.append([twice!, other!, twice!], 'INBOX', t.user);
    expect((await server.list('INBOX', t.user)).map((m) => m.uid)).toEqual([1, 2, 3]);

    expect(await t.sync()).toMatchObject({ fetched: 3, stored: 2, duplicates: 1 });
    const rows = await messageRows(t.db);
    expect(rows.map((r) => r.message_id)).toEqual([messageIdOf(twice!), messageIdOf(other!)]);
    // Both UIDs are remembered, both pointing at the one row.
    const uids = await uidRows(t.db);
    expect(uids.map((u) => [u.uid, u.message_id])).toEqual([
      [1, rows[0]!.id],
      [2, rows[1]!.id],
      [3, rows[0]!.id],
    ]);
  });

  it('the same message from a local .eml file and over IMAP is stored once, whichever comes first', async () => {
    const t = await setup();
    const [localFirst, imapFirst] = generateMessages(2, { seed: 501, attachmentRatio: 1 });
    const dir = join(tmp, `eml-${t.user.user}`);
    mkdirSync(dir);
    // Saved by a mail client: LF line endings; the server has CRLF.
    const asFile = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    writeFileSync(join(dir, 'a.eml'), asFile(localFirst!));
    writeFileSync(join(dir, 'b.eml'), asFile(imapFirst!));

    expect(await syncSource(t.ctx, 'jp', new LocalSource([join(dir, 'a.eml')]))).toMatchObject({ stored: 1 });
    await server.append([localFirst!, imapFirst!], 'INBOX', t.user);
    expect(await t.sync()).toMatchObject({ fetched: 2, stored: 1, duplicates: 1 });
    expect(await syncSource(t.ctx, 'jp', new LocalSource([dir]))).toMatchObject({ fetched: 2, stored: 0, duplicates: 2 });

    const rows = await messageRows(t.db);
    expect(rows.map((r) => r.message_id)).toEqual([messageIdOf(localFirst!), messageIdOf(imapFirst!)]);
    expect(rows[0]!.origin).toBe(`file:${join(dir, 'a.eml')}`);
    expect(rows[1]!.origin).toBe('imap:INBOX#2');
    // The IMAP UID of the message first stored from the file maps to that file's row.
    expect((await uidRows(t.db)).map((u) => [u.uid, u.message_id])).toEqual([
      [1, rows[0]!.id],
      [2, rows[1]!.id],
    ]);
  });

  it('markSeen sets \\Seen only on messages already stored', async () => {
    const t = await setup({ batchSize: 2, imap: { markSeen: true } });
    await server.append(generateMessages(5, { seed: 601 }), 'INBOX', t.user);
    const seen = async () => (await server.list('INBOX', t.user)).filter((m) => m.flags.includes('\\Seen')).map((m) => m.uid);

    // A crash after fetching the second batch, before storing it.
    const crashing = new SteppedSource(t.source(), {
      before: async (batch, n) => {
        const uids = batch.messages.map((m) => m.uid!);
        // When a batch is handed over to be stored, none of it is \Seen yet (BODY.PEEK, flags after the store).
        expect((await seen()).filter((u) => uids.includes(u))).toEqual([]);
        if (n === 2) throw new Error('simulated crash before the store');
      },
    });
    await expect(syncSource(t.ctx, 'jp', crashing)).rejects.toThrow('simulated crash');
    await crashing.close();
    expect(await t.count()).toBe(2);
    expect(await seen()).toEqual([1, 2]);

    expect(await t.sync()).toMatchObject({ fetched: 3, stored: 3, duplicates: 0 });
    expect(await t.count()).toBe(5);
    expect(await seen()).toEqual([1, 2, 3, 4, 5]);
    expect((await server.list('INBOX', t.user)).length).toBe(5);
  });

  it('mail the seller already read or deleted on a phone does not disturb the sync (no dependence on \\Seen)', async () => {
    const t = await setup({ batchSize: 2 });
    const [a, read, deleted, d] = generateMessages(4, { seed: 651 });
    const client = await server.client(t.user);
    try {
      await client.append('INBOX', a!);
      await client.append('INBOX', read!, ['\\Seen']);
      await client.append('INBOX', deleted!);
      await client.append('INBOX', d!);
    } finally {
      await client.logout();
    }
    expect(await t.sync()).toMatchObject({ fetched: 4, stored: 4 });
    expect((await server.list('INBOX', t.user)).map((m) => m.flags)).toEqual([[], ['\\Seen'], [], []]);

    // The seller deletes one on the phone; two new ones arrive.
    const phone = await server.client(t.user);
    try {
      const lock = await phone.getMailboxLock('INBOX');
      try {
        await phone.messageDelete('3', { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await phone.logout();
    }
    const later = generateMessages(2, { seed: 652 });
    await server.append(later, 'INBOX', t.user);
    expect((await server.list('INBOX', t.user)).map((m) => m.uid)).toEqual([1, 2, 4, 5, 6]);
    expect(await t.sync()).toMatchObject({ fetched: 2, stored: 2, duplicates: 0 });
    // What was stored stays stored: kotae never forgets mail because the server did.
    expect((await messageRows(t.db)).map((r) => r.message_id)).toEqual([a!, read!, deleted!, d!, ...later].map(messageIdOf));
    expect((await t.state())[0]!.last_uid).toBe(6);
  });

  it('several mailboxes: each keeps its own position; a message filed in both is stored once', async () => {
    const t = await setup({ batchSize: 3, imap: { mailboxes: ['INBOX', 'Amazon'] } });
    const inbox = generateMessages(4, { seed: 661 });
    const amazon = generateMessages(3, { seed: 662 });
    await server.deliver(inbox, 'INBOX', t.user);
    await server.deliver([...amazon, inbox[0]!], 'Amazon', t.user);

    expect(await t.sync()).toMatchObject({ fetched: 8, stored: 7, duplicates: 1 });
    expect((await t.state()).map((s) => [s.mailbox, s.last_uid])).toEqual([
      ['Amazon', 4],
      ['INBOX', 4],
    ]);
    expect((await uidRows(t.db, 'Amazon')).map((u) => u.uid)).toEqual([1, 2, 3, 4]);
    const rows = await messageRows(t.db);
    expect((await uidRows(t.db, 'Amazon')).at(-1)!.message_id).toBe(rows.find((r) => r.message_id === messageIdOf(inbox[0]!))!.id);

    await server.deliver(generateMessages(2, { seed: 663 }), 'Amazon', t.user);
    expect(await t.sync()).toMatchObject({ fetched: 2, stored: 2 });
    expect((await t.state()).map((s) => [s.mailbox, s.last_uid])).toEqual([
      ['Amazon', 6],
      ['INBOX', 4],
    ]);
  });

  it('mail arriving during a sync waits for the next one; none is skipped', async () => {
    const t = await setup({ batchSize: 10 });
    const first = generateMessages(30, { seed: 671 });
    const during = generateMessages(5, { seed: 672 });
    await server.deliver(first, 'INBOX', t.user);
    const source = new SteppedSource(t.source(), {
      after: async (_batch, n) => {
        if (n === 1) await server.append(during, 'INBOX', t.user);
      },
    });
    expect(await t.sync(source)).toMatchObject({ fetched: 30, stored: 30 });
    expect((await t.state())[0]!.last_uid).toBe(30);
    expect(await t.sync()).toMatchObject({ fetched: 5, stored: 5 });
    await expectExactly(t, [...first, ...during]);
  });

  it('moveTo moves stored messages, and later syncs stay correct', async () => {
    const t = await setup({ batchSize: 3, imap: { moveTo: 'Processed' } });
    const first = generateMessages(5, { seed: 701 });
    await server.append(first, 'INBOX', t.user);
    expect(await t.sync()).toMatchObject({ fetched: 5, stored: 5 });
    expect(await server.list('INBOX', t.user)).toEqual([]);
    const moved = await server.list('Processed', t.user);
    expect(moved.map((m) => m.messageId)).toEqual(first.map(messageIdOf));
    expect(moved.every((m) => !m.flags.includes('\\Seen'))).toBe(true);

    const second = generateMessages(4, { seed: 702 });
    await server.append(second, 'INBOX', t.user);
    expect(await t.sync()).toMatchObject({ fetched: 4, stored: 4, duplicates: 0 });
    expect(await t.sync()).toMatchObject({ fetched: 0, stored: 0, duplicates: 0 });
    expect(await server.list('INBOX', t.user)).toEqual([]);
    expect((await server.list('Processed', t.user)).map((m) => m.messageId)).toEqual([...first, ...second].map(messageIdOf));
    expect(await t.count()).toBe(9);
    expect((await t.state())[0]).toMatchObject({ mailbox: 'INBOX', last_uid: 9 });
  });

  it('large messages are fetched a few at a time: no batch holds more than its byte bound', async () => {
    const t = await setup({ batchSize: 50, batchBytes: 200 * 1024 });
    const mail = generateMessages(10, { seed: 901, attachmentRatio: 0.6 });
    await server.append(mail, 'INBOX', t.user);
    const batches: number[][] = [];
    const recording = new SteppedSource(t.source(), { before: (batch) => void batches.push(batch.messages.map((m) => m.bytes.length)) });
    expect(await t.sync(recording)).toMatchObject({ fetched: 10, stored: 10, duplicates: 0 });
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) if (b.length > 1) expect(b.reduce((a, n) => a + n, 0)).toBeLessThanOrEqual(200 * 1024);
    expect((await t.state())[0]).toMatchObject({ last_uid: 10 });
    expect((await uidRows(t.db)).map((u) => u.uid)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a crash after a batch is stored but before markSeen/moveTo: the next sync makes those changes first', async () => {
    const t = await setup({ batchSize: 2, imap: { markSeen: true, moveTo: 'Processed' } });
    const mail = generateMessages(5, { seed: 801 });
    await server.append(mail, 'INBOX', t.user);
    const pendingUids = async () => (await t.db.selectFrom('mailbox_uids').select('uid').where('change_pending', '=', 1).orderBy('uid').execute()).map((r) => r.uid);

    // Batch 1 is committed; the crash comes before the source marks and moves it.
    const crashing = new SteppedSource(t.source(), {
      after: (_batch, n) => {
        if (n === 1) throw new Error('simulated crash after the store');
      },
    });
    await expect(syncSource(t.ctx, 'jp', crashing)).rejects.toThrow('simulated crash');
    await crashing.close();
    expect(await t.count()).toBe(2);
    expect((await server.list('INBOX', t.user)).length).toBe(5);
    expect(await pendingUids()).toEqual([1, 2]);

    expect(await t.sync()).toMatchObject({ fetched: 3, stored: 3, duplicates: 0 });
    expect(await server.list('INBOX', t.user)).toEqual([]);
    const moved = await server.list('Processed', t.user);
    expect(moved.map((m) => m.messageId)).toEqual(mail.map(messageIdOf));
    expect(moved.every((m) => m.flags.includes('\\Seen'))).toBe(true);
    expect(await pendingUids()).toEqual([]);
  });

  it('changes made on the server but not recorded (a crash in between) are made again harmlessly', async () => {
    const t = await setup({ batchSize: 2, imap: { markSeen: true, moveTo: 'Processed' } });
    await server.append(generateMessages(3, { seed: 802 }), 'INBOX', t.user);
    expect(await t.sync()).toMatchObject({ fetched: 3, stored: 3 });
    // As if kotae stopped after the MOVE, before recording it: the UIDs are gone from INBOX.
    await t.db.updateTable('mailbox_uids').set({ change_pending: 1 }).execute();

    expect(await t.sync()).toMatchObject({ fetched: 0, stored: 0 });
    expect((await t.db.selectFrom('mailbox_uids').select('uid').where('change_pending', '=', 1).execute()).length).toBe(0);
    expect((await server.list('Processed', t.user)).length).toBe(3);
    expect(await server.list('INBOX', t.user)).toEqual([]);
  });

  it('a server restart in the middle of a 1,000-message sync: reconnects, every message stored exactly once', async () => {
    const t = await setup({ batchSize: 50 });
    const messages = generateMessages(1000, { seed: 801, attachmentRatio: 0.02 });
    await server.deliver(messages, 'INBOX', t.user);

    let restarted = false;
    const source = new SteppedSource(t.source(), {
      after: async (_batch, n) => {
        if (n === 3 && !restarted) {
          restarted = true;
          await server.restart(); // a clean restart: Dovecot says BYE, the next FETCH finds no connection
        }
      },
    });
    const sleeps: number[] = [];
    const result = await t.sync(source, sleeps);

    expect(restarted).toBe(true);
    expect(sleeps.length).toBeGreaterThanOrEqual(1);
    expect(result).toMatchObject({ stored: 1000, duplicates: 0 });
    await expectExactly(t, messages);
  });

  it('a server crash in the middle of a 1,000-message sync, down for a while: retries with backoff until it is back', async () => {
    const t = await setup({ batchSize: 50 });
    const messages = generateMessages(1000, { seed: 802, attachmentRatio: 0.02 });
    await server.deliver(messages, 'INBOX', t.user);

    let back: Promise<void> | null = null;
    const source = new SteppedSource(t.source(), {
      after: (_batch, n) => {
        // Killed while the next FETCH is on its way; up again 1 s later.
        if (n === 5 && !back) back = server.kill().then(() => new Promise((r) => setTimeout(r, 1000))).then(() => server.startProcess());
      },
    });
    const sleeps: number[] = [];
    const started = Date.now();
    const result = await t.sync(source, sleeps);
    await back;

    expect(back).not.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
    expect(result).toMatchObject({ stored: 1000, duplicates: 0 });
    await expectExactly(t, messages);
  });

  it('a wrong password is a RemoteError that is not retried, recorded in account_state', async () => {
    // Its own server: Dovecot delays every later login from an address that failed one (auth penalty).
    const own = await Dovecot.start(USERS);
    let error: unknown;
    const t = await setup({ password: 'not-the-password', on: own });
    const sleeps: number[] = [];
    try {
      await own.append(generateMessages(1, { seed: 901 }), 'INBOX', t.user);
      error = await t.sync(t.source(), sleeps).then(
        () => null,
        (err: unknown) => err,
      );
    } finally {
      await own.stop();
    }
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).transient).toBe(false);
    expect((error as RemoteError).message).toMatch(/refused the login/);
    expect(sleeps).toEqual([]);
    const state = await t.db.selectFrom('account_state').selectAll().where('account_id', '=', 'jp').executeTakeFirstOrThrow();
    expect(state.last_error).toMatch(/refused the login/);
    expect(state.last_error_at).not.toBeNull();
    expect(state.last_sync_at).toBeNull();
    expect(await t.count()).toBe(0);
    expect(await t.state()).toEqual([]);
  });

  it('a configured mailbox that does not exist is a RemoteError that is not retried; the mailboxes before it are synced', async () => {
    const t = await setup({ imap: { mailboxes: ['INBOX', 'Amazn'] } });
    await server.append(generateMessages(2, { seed: 951 }), 'INBOX', t.user);
    const sleeps: number[] = [];
    const error = await t.sync(t.source(), sleeps).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).transient).toBe(false);
    expect((error as RemoteError).message).toContain('Amazn');
    expect((error as RemoteError).hint).toMatch(/imap\.mailboxes/);
    expect(sleeps).toEqual([]);
    expect(await t.count()).toBe(2);
    expect((await t.state()).map((s) => [s.mailbox, s.last_uid])).toEqual([['INBOX', 2]]);
    const state = await t.db.selectFrom('account_state').selectAll().where('account_id', '=', 'jp').executeTakeFirstOrThrow();
    expect(state.last_error).toContain('Amazn');
  });

  it('1,000 generated messages are synced completely', async () => {
    const t = await setup();
    const messages = generateMessages(1000, { seed: 1001, attachmentRatio: 0.05 });
    await server.deliver(messages, 'INBOX', t.user);
    const result = await t.sync();
    expect(result).toMatchObject({ fetched: 1000, stored: 1000, duplicates: 0, resynced: [] });
    await expectExactly(t, messages);
    const raw = await rawById(t.db);
    let mismatched = 0;
    for (const m of messages) if (!sameModuloLineEndings(raw.get(messageIdOf(m)) ?? Buffer.alloc(0), m)) mismatched += 1;
    expect(mismatched).toBe(0);
    expect(await t.sync()).toMatchObject({ fetched: 0, stored: 0 });
  });

  /** Exactly these messages, each stored once, UIDs 1..n each mapped once, position at n. */
  async function expectExactly(t: Awaited<ReturnType<typeof setup>>, messages: Buffer[]): Promise<void> {
    const rows = await messageRows(t.db);
    expect(rows).toHaveLength(messages.length);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(messages.length);
    expect(new Set(rows.map((r) => r.message_id))).toEqual(new Set(messages.map(messageIdOf)));
    const uids = await uidRows(t.db);
    expect(uids.map((u) => u.uid)).toEqual(messages.map((_, i) => i + 1));
    expect(new Set(uids.map((u) => u.message_id)).size).toBe(messages.length);
    expect((await t.state())[0]).toMatchObject({ mailbox: 'INBOX', last_uid: messages.length });
  }
});
