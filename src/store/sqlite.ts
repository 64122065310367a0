// The only SQLite-specific file. Everything else talks to kysely, so moving the store to PostgreSQL
// means another adapter like this one (dialect, pragmas, the few column types that differ).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

/** Column types that differ between SQLite and PostgreSQL, for migrations. */
export const columnTypes = {
  /** An auto-incrementing integer primary key (PostgreSQL: `integer generated always as identity`). */
  id: 'integer',
  /** Raw bytes (PostgreSQL: bytea). */
  bytes: 'blob',
} as const;

export function openSqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  // 16 KB pages for a new store (an existing one keeps its own): raw mail is most of the bytes, and
  // each page is a WAL frame written and checkpointed by its own system calls; a backfill makes a
  // third of the system calls it made with 4 KB pages.
  sqlite.pragma('page_size = 16384');
  // WAL lets readers (status, cases) run beside the worker; synchronous=FULL makes every commit
  // durable before kotae acts on it (an outbox row marked `sending` must survive a power cut).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // Checkpoint the WAL every 16 MB rather than every 1,000 pages: a backfill writes hundreds of MB
  // of raw mail, and fewer, larger checkpoints cost the main thread less.
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${Math.round((16 * 1024 * 1024) / pageSize)}`);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * kysely prepares a statement for every query; preparing costs more than running most of kotae's
 * queries. The SQL text of a query is the same every time (values are parameters), so statements
 * are prepared once and kept.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property) {
      if (property !== 'prepare') {
        const value: unknown = Reflect.get(target, property);
        // Native methods must see the database itself as `this`, not the proxy.
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          statement = prepare(source);
          if (cache.size >= 2000) cache.clear();
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}
