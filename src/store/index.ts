// The store: one SQLite file under dataDir, migrated at open. Repositories are small modules of named
// functions over a Kysely handle (see messages.ts, mailboxes.ts).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { StoreDamagedError } from './errors.ts';
import { migrate } from './migrate.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite.ts';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  path: string;
  close(): Promise<void>;
}

export const STORE_FILE = 'kotae.sqlite';

export interface OpenOptions {
  migrateTo?: string;
  /** A read-only command: a store that does not exist yet is not created (an empty one stands in). */
  readOnly?: boolean;
}

export async function openStore(dataDir: string, options: OpenOptions = {}): Promise<Store> {
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
  const db = openSqlite(path);
  try {
    await migrate(db, options.migrateTo);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, path, close: () => db.destroy() };
}
