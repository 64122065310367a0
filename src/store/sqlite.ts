// The only SQLite-specific file. Everything else talks to kysely, so moving the store to PostgreSQL
// means another adapter like this one (dialect, pragmas, the few column types that differ).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type DialectAdapter, type SqliteDialectConfig } from 'kysely';
import { storeError } from './errors.ts';
import type { Database } from './schema.ts';

/** Column types that differ between SQLite and PostgreSQL, for migrations. */
export const columnTypes = {
  /** An auto-incrementing integer primary key (PostgreSQL: `integer generated always as identity`). */
  id: 'integer',
  /** Raw bytes (PostgreSQL: bytea). */
  bytes: 'blob',
} as const;

export function openSqlite(path: string): Kysely<Database> {
  let sqlite: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new BetterSqlite3(path);
    configure(sqlite);
  } catch (err) {
    throw storeError(err, path);
  }
  return new Kysely<Database>({ dialect: new WritingSqliteDialect({ database: withStatementCache(sqlite) }, sqlite, path) });
}

function configure(sqlite: BetterSqlite3.Database): void {
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
}

/**
 * Every transaction kotae opens writes, so it starts with BEGIN IMMEDIATE: the write lock is taken
 * (waiting up to busy_timeout) before the first read. With kysely's plain BEGIN, two processes could
 * both read a row as `queued` and both act on it, or fail with SQLITE_BUSY when the read lock could
 * not be upgraded, which no busy timeout waits out. Migrations run in one such transaction, so two
 * first starts at once run them once (SQLite's DDL is transactional; kysely assumes it is not).
 */
class WritingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: BetterSqlite3.Database;
  readonly #path: string;
  constructor(config: SqliteDialectConfig, sqlite: BetterSqlite3.Database, path: string) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
    this.#path = path;
  }
  override createDriver(): Driver {
    return new ImmediateDriver(this.#config, this.#sqlite, this.#path);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

/** BEGIN IMMEDIATE, and SQLite's errors as StoreErrors that name the file and the remedy. */
class ImmediateDriver extends SqliteDriver {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #path: string;
  #connection: DatabaseConnection | undefined;
  constructor(config: SqliteDialectConfig, sqlite: BetterSqlite3.Database, path: string) {
    super(config);
    this.#sqlite = sqlite;
    this.#path = path;
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#connection) return this.#connection;
    const inner = await super.acquireConnection();
    const path = this.#path;
    const connection: DatabaseConnection = {
      async executeQuery(query) {
        try {
          return await inner.executeQuery(query);
        } catch (err) {
          throw storeError(err, path);
        }
      },
      streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
    };
    this.#connection = connection;
    return connection;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite rolls a transaction back by itself on some errors (a full disk): a second rollback
    // would fail with "no transaction is active" and hide the error that matters.
    if (this.#sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
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
