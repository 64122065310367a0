// The store: one SQLite file under dataDir, or a PostgreSQL database several daemons share
// (store.urlEnv), migrated at open. Repositories are small modules of named functions over a Kysely
// handle (see messages.ts, mailboxes.ts); dialect.ts holds what differs between the two.
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, linkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { StoreDamagedError, storeError } from './errors.ts';
import type { DialectName } from './dialect.ts';
import { migrate } from './migrate.ts';
import type { Database } from './schema.ts';
import { assertReadable, openSqlite } from './sqlite.ts';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  /** The SQLite file, or the PostgreSQL URL without its password. */
  path: string;
  dialect: DialectName;
  close(): Promise<void>;
}

/** Where the store is: a data folder (SQLite), or a postgres:// URL (checked by storeLocation). */
export type StoreLocation = string | { url: string };

export const STORE_FILE = 'kotae.sqlite';

export interface OpenOptions {
  migrateTo?: string;
  /**
   * A read-only command: a store that does not exist yet is not created (an empty one stands in), and
   * a damaged one is refused before anything is read from it (assertReadable).
   */
  readOnly?: boolean;
}

export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<Store> {
  if (typeof location !== 'string') return openShared(location.url, options);
  const dataDir = location;
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, STORE_FILE);
  const exists = path !== ':memory:' && existsSync(path);
  if (exists && statSync(path).size === 0 && !existsSync(`${path}-wal`)) {
    // SQLite would take an empty file for a new store and kotae would start over without a word.
    throw new StoreDamagedError(path, `the store ${path} is empty (0 bytes): its contents are gone, so kotae will not start over on it`, {
      hint: 'Restore the data folder from a backup. To start a new, empty store on purpose, delete the file and run kotae again.',
    });
  }
  if (options.readOnly && !exists) {
    const empty = await openStore(':memory:', { migrateTo: options.migrateTo });
    return { ...empty, path };
  }
  if (!exists && path !== ':memory:') await createStore(path, options.migrateTo);
  const db = openSqlite(path);
  try {
    if (options.readOnly) await assertReadable(db, path);
    await migrate(db, options.migrateTo);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, path, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * A PostgreSQL store: the server keeps it, so there is no file to create or check; a read-only
 * command migrates it too (several daemons' first starts run the migrations once, under the
 * migrator's advisory lock).
 */
async function openShared(url: string, options: OpenOptions): Promise<Store> {
  // Loaded only here: a seller on SQLite never pays for the PostgreSQL client's memory.
  const { openPostgres } = await import('./postgres.ts');
  const { db, name } = openPostgres(url);
  try {
    await migrate(db, options.migrateTo);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, path: name, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * A new store is built beside its place and linked into it whole. SQLite creates a file of 0 bytes the
 * moment it opens a new one: a second kotae starting at the same instant would find that empty file
 * and take it for a store whose contents were lost. The link never replaces a store another process
 * put there first.
 */
async function createStore(path: string, migrateTo: string | undefined): Promise<void> {
  // Random, not only the pid: containers sharing a volume each run kotae as pid 1.
  const building = `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  const leftovers = [building, `${building}-wal`, `${building}-shm`];
  try {
    const db = openSqlite(building, { name: path });
    try {
      await migrate(db, migrateTo);
    } finally {
      // Closing the last connection folds the WAL into the file and deletes it.
      await db.destroy();
    }
    place(building, path);
  } finally {
    for (const file of leftovers) rmSync(file, { force: true });
  }
}

function place(building: string, path: string): void {
  try {
    linkSync(building, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw storeError(err, path);
    // A file system without hard links: a copy, which never replaces an existing store either.
    try {
      copyFileSync(building, path, constants.COPYFILE_EXCL);
    } catch (copyErr) {
      if ((copyErr as NodeJS.ErrnoException).code !== 'EEXIST') throw storeError(copyErr, path);
    }
  }
}
