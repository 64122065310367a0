// The kill test: `kotae once` is SIGKILLed in the middle of syncing 1,000 messages, then run again.
// Each batch and its sync position are committed together, so the second run resumes right after
// the last stored UID: exactly 1,000 rows, each message once, each UID mapped once, nothing refetched.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../src/store/index.ts';
import { runKotae, startKotae } from '../support/child.ts';
import { Dovecot, skipWithoutDovecot, type DovecotUser } from '../support/dovecot.ts';
import { generateMessages } from '../support/generate.ts';
import { PASSWORD_ENV, messageIdOf, waitFor, writeConfig } from '../support/harness.ts';
import { makeTestDir } from '../support/tmp.ts';

const COUNT = 1000;
const USERS: DovecotUser[] = [
  { user: 'early@example.com', password: 'early-secret' },
  { user: 'late@example.com', password: 'late-secret' },
];

/** Count stored messages through a read-only connection, as another process would; 0 before the schema exists. */
function storedCount(dbFile: string): number {
  if (!existsSync(dbFile)) return 0;
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  } catch {
    return 0; // the child has not created the tables yet
  } finally {
    db.close();
  }
}

describe.skipIf(skipWithoutDovecot())('kotae once, SIGKILLed mid-sync and run again', () => {
  let server: Dovecot;
  let tmp: string;

  beforeAll(async () => {
    server = await Dovecot.start(USERS);
    tmp = makeTestDir('kotae-crash-');
  });

  afterAll(async () => {
    await server?.stop();
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
    const dbFile = join(dataDir, STORE_FILE);
    mkdirSync(dir, { recursive: true });
    writeConfig(configFile, { dataDir, port: server.port, user: user.user, batchSize: 50 });
    const env = { [PASSWORD_ENV]: user.password };

    // First run: killed once at least `killAt` messages are stored, well before the 1,000th.
    const first = startKotae(['once', '--config', configFile], { env });
    let exited = false;
    void first.done.then(
      () => (exited = true),
      () => (exited = true),
    );
    await waitFor(`${killAt} stored messages`, () => exited || storedCount(dbFile) >= killAt, 30_000, 5);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal, `kotae exited by itself before the kill:\n${killed.stdout}${killed.stderr}`).toBe('SIGKILL');
    const atKill = storedCount(dbFile);
    expect(atKill).toBeGreaterThanOrEqual(killAt);
    expect(atKill).toBeLessThan(COUNT);
    // What was committed is whole: rows and position agree, batch by batch.
    const partial = inspect(dbFile);
    expect(partial.uids).toBe(atKill);
    expect(partial.lastUid).toBe(atKill);

    // Second run: to the end. It fetches only what the first run had not stored.
    const second = await runKotae(['once', '--config', configFile, '--json'], { env });
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as { accounts: { id: string; sync: { fetched: number; stored: number; duplicates: number } | null; error: string | null }[] };
    expect(report.accounts).toEqual([{ id: 'jp', sync: expect.objectContaining({ fetched: COUNT - atKill, stored: COUNT - atKill, duplicates: 0 }), error: null }]);

    const final = inspect(dbFile);
    expect(final.messages).toBe(COUNT);
    expect(final.duplicateMessageIds).toEqual([]);
    expect(final.messageIds).toEqual(new Set(messages.map(messageIdOf)));
    expect(final.uids).toBe(COUNT);
    expect(final.uidList).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    expect(final.rowsMappedByUid).toBe(COUNT);
    expect(final.lastUid).toBe(COUNT);

    const status = await runKotae(['status', '--json', '--config', configFile], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ messages: COUNT, quarantined: 0, accounts: [{ id: 'jp', lastError: null }] });
  });
});

/** What the store holds, read-only. */
function inspect(dbFile: string) {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    const one = <T>(sql: string) => db.prepare(sql).get() as T;
    const all = <T>(sql: string) => db.prepare(sql).all() as T[];
    return {
      messages: one<{ n: number }>('SELECT count(*) AS n FROM messages').n,
      messageIds: new Set(all<{ message_id: string }>('SELECT message_id FROM messages').map((r) => r.message_id)),
      duplicateMessageIds: all<{ message_id: string }>('SELECT message_id FROM messages GROUP BY message_id HAVING count(*) > 1').map((r) => r.message_id),
      uids: one<{ n: number }>("SELECT count(*) AS n FROM mailbox_uids WHERE account_id = 'jp' AND mailbox = 'INBOX'").n,
      uidList: all<{ uid: number }>("SELECT DISTINCT uid FROM mailbox_uids WHERE account_id = 'jp' AND mailbox = 'INBOX' ORDER BY uid").map((r) => r.uid),
      rowsMappedByUid: one<{ n: number }>("SELECT count(DISTINCT message_id) AS n FROM mailbox_uids WHERE account_id = 'jp' AND mailbox = 'INBOX'").n,
      lastUid: one<{ last_uid: number } | undefined>("SELECT last_uid FROM mailbox_state WHERE account_id = 'jp' AND mailbox = 'INBOX'")?.last_uid ?? 0,
    };
  } finally {
    db.close();
  }
}
