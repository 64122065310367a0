// What the integration tests share: a configuration pointing at a test Dovecot, a real store in a
// temp dir with the context the pipeline expects, and small read-only queries for assertions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText, type Config } from '../../src/config/load.ts';
import type { Context } from '../../src/context.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore, type Db, type Store, type StoreLocation } from '../../src/store/index.ts';
import type { ChangesDone, MailboxPosition, MailSource, SourceBatch } from '../../src/sources/types.ts';

/** The environment variable the test configurations name in `imap.passwordEnv`. */
export const PASSWORD_ENV = 'KOTAE_TEST_IMAP_PASSWORD';

export interface TestAccountOptions {
  dataDir: string;
  port: number;
  user: string;
  batchSize?: number;
  /** Extra `imap:` keys (markSeen, moveTo, mailboxes). */
  imap?: Record<string, unknown>;
}

/** The configuration object of one account `jp` reading the test server (JSON is valid YAML). */
export function configObject(options: TestAccountOptions): Record<string, unknown> {
  return {
    dataDir: options.dataDir,
    accounts: [
      {
        id: 'jp',
        marketplace: 'JP',
        address: 'shop@example.com',
        approvers: ['owner@example.com'],
        imap: { host: '127.0.0.1', port: options.port, secure: false, user: options.user, passwordEnv: PASSWORD_ENV, ...options.imap },
        // An account needs a way to send; these tests read mail, so a folder does.
        outboxDir: join(options.dataDir, 'outbox'),
      },
    ],
    sync: { batchSize: options.batchSize ?? 200 },
  };
}

/** The configuration, validated exactly as `kotae` validates its file (`file` only names it in errors). */
export function testConfig(options: TestAccountOptions, file = join(options.dataDir, 'kotae.config.yaml')): Config {
  return parseConfigText(JSON.stringify(configObject(options)), file);
}

export function writeConfig(file: string, options: TestAccountOptions): void {
  writeFileSync(file, JSON.stringify(configObject(options), null, 2));
}

export interface TestContext {
  ctx: Context;
  store: Store;
  db: Db;
}

/** The store under config.dataDir, or `location` (a PostgreSQL database from test/support/stores.ts). */
export async function openTestContext(config: Config, location: StoreLocation = config.dataDir): Promise<TestContext> {
  const store = await openStore(location);
  return { ctx: { config, db: store.db, clock: systemClock, log: silentLogger }, store, db: store.db };
}

/** Line endings differ between a file, an APPEND and a FETCH; the content must not. */
export function sameModuloLineEndings(a: Buffer, b: Buffer): boolean {
  const norm = (x: Buffer) => x.toString('latin1').replace(/\r\n/g, '\n');
  return norm(a) === norm(b);
}

/** The Message-ID header of raw mail (the generator and the fixtures have exactly one). */
export function messageIdOf(raw: Buffer): string {
  const m = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.subarray(0, 8192).toString('latin1'));
  if (!m) throw new Error('no Message-ID in test message');
  return m[1]!;
}

export async function messageRows(db: Db): Promise<{ id: number; message_id: string; origin: string; size: number }[]> {
  return db.selectFrom('messages').select(['id', 'message_id', 'origin', 'size']).orderBy('id').execute();
}

export async function rawById(db: Db): Promise<Map<string, Buffer>> {
  const rows = await db.selectFrom('messages').innerJoin('message_raw', 'message_raw.message_id', 'messages.id').select(['messages.message_id as mid', 'message_raw.bytes']).execute();
  return new Map(rows.map((r) => [r.mid, Buffer.from(r.bytes)]));
}

export async function uidRows(db: Db, mailbox = 'INBOX'): Promise<{ uid_validity: string; uid: number; message_id: number }[]> {
  return db.selectFrom('mailbox_uids').select(['uid_validity', 'uid', 'message_id']).where('mailbox', '=', mailbox).orderBy('uid_validity').orderBy('uid').execute();
}

/** A source that lets a test act between batches: before a batch is stored, and after it is. */
export class SteppedSource implements MailSource {
  readonly label: string;
  readonly inner: MailSource;
  /** Batches handed out so far, over every call to batches() (a retried sync calls it again). */
  #handedOut = 0;
  readonly #before: ((batch: SourceBatch, n: number) => Promise<void> | void) | undefined;
  readonly #after: ((batch: SourceBatch, n: number) => Promise<void> | void) | undefined;

  constructor(
    inner: MailSource,
    hooks: {
      /** Runs when a batch is fetched, before it is stored; throwing here is a crash before the store. */
      before?: (batch: SourceBatch, n: number) => Promise<void> | void;
      /** Runs once batch n is stored (the consumer asked for the next one), before the source goes on. */
      after?: (batch: SourceBatch, n: number) => Promise<void> | void;
    },
  ) {
    this.inner = inner;
    this.label = inner.label;
    this.#before = hooks.before;
    this.#after = hooks.after;
  }

  async *batches(positions: ReadonlyMap<string, MailboxPosition>, changesDone?: ChangesDone): AsyncIterable<SourceBatch> {
    for await (const batch of this.inner.batches(positions, changesDone)) {
      const n = ++this.#handedOut;
      await this.#before?.(batch, n);
      yield batch;
      await this.#after?.(batch, n);
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * Poll until `check` gives something truthy and return it, or fail after `timeoutMs`: every wait in
 * the tests is bounded.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000, everyMs = 20): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
