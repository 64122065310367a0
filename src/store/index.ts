// The store: one SQLite file under dataDir, migrated at open. Repositories are small modules of named
// functions over a Kysely handle (see messages.ts, mailboxes.ts).
import { join } from 'node:path';
import type { Kysely } from 'kysely';
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

export async function openStore(dataDir: string, options: { migrateTo?: string } = {}): Promise<Store> {
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, STORE_FILE);
  const db = openSqlite(path);
  try {
    await migrate(db, options.migrateTo);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, path, close: () => db.destroy() };
}
