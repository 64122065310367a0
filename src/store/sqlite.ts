// The SQLite adapter (postgres.ts is the other): the dialect, pragmas, BEGIN IMMEDIATE and SQLite's
// checks. Everything else talks to kysely; dialect.ts holds the few differences the code above sees.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type DialectAdapter, type SqliteDialectConfig } from 'kysely';
import { StoreDamagedError, restoreHint, storeError } from './errors.ts';
import type { Database } from './schema.ts';

export interface SqliteOptions {
  /** The file as errors name it, when `path` is a stand-in (a new store is built beside its place). */
  name?: string;
  /**
   * Look, change nothing (`kotae doctor`): no folder, no pragmas that write, no statement that
   * writes. The file must exist. SQLite may still replay a crash's WAL into it when it closes.
   */
  inspect?: boolean;
}

export function openSqlite(path: string, options: SqliteOptions = {}): Kysely<Database> {
  const name = options.name ?? path;
  let sqlite: BetterSqlite3.Database;
  try {
    if (options.inspect) {
      sqlite = new BetterSqlite3(path, { fileMustExist: true });
      sqlite.pragma('busy_timeout = 30000');
      sqlite.pragma('query_only = ON');
    } else {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      sqlite = new BetterSqlite3(path);
      configure(sqlite);
    }
  } catch (err) {
    throw storeError(err, name);
  }
  return new Kysely<Database>({ dialect: new WritingSqliteDialect({ database: withStatementCache(sqlite) }, sqlite, name) });
}

/** Up to this size (file and WAL), read commands check the whole store before showing any of it. */
export const WHOLE_CHECK_BYTES = 64 * 1024 * 1024;

/**
 * Refuse to show a damaged store. SQLite reports damage only on the pages a query happens to read, so
 * `kotae cases` on a store with broken pages elsewhere would print a confident, possibly partial list.
 * quick_check reads every page (about 0.7 ms per MB when cached): the whole file up to
 * WHOLE_CHECK_BYTES; above that every table but the raw mail, which is most of the bytes and which no
 * read command shows (processing reads it and reports damage there; `kotae doctor` checks it all).
 */
export async function assertReadable(db: Kysely<Database>, path: string, options: { wholeUpTo?: number } = {}): Promise<void> {
  const bytes = fileBytes(path) + fileBytes(`${path}-wal`);
  let problems: string[];
  if (bytes <= (options.wholeUpTo ?? WHOLE_CHECK_BYTES)) {
    problems = await checkRows(db, sql`pragma quick_check`);
  } else {
    const tables = await sql<{ name: string }>`select name from sqlite_schema where type = 'table' and name not in ('message_raw', 'sqlite_sequence')`.execute(db);
    problems = [];
    for (const { name } of tables.rows) problems.push(...(await checkRows(db, sql`pragma quick_check(${sql.lit(name)})`)));
  }
  if (problems.length) throw damaged(path, problems);
}

/** SQLite's full integrity check (every page, every index against its table): the problems found, [] when intact. */
export async function integrityProblems(db: Kysely<Database>): Promise<string[]> {
  return checkRows(db, sql`pragma integrity_check(100)`);
}

export function damaged(path: string, problems: string[]): StoreDamagedError {
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
  return new StoreDamagedError(path, `the store ${path} is damaged (SQLite's check: ${shown})`, { hint: restoreHint });
}

async function checkRows(db: Kysely<Database>, query: ReturnType<typeof sql>): Promise<string[]> {
  const { rows } = await query.execute(db);
  // SQLite heads its first problem with "*** in database main ***"; that says nothing to a seller.
  const lines = (rows as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]).replace(/^\*\*\* in database \w+ \*\*\*\s*/, '').replace(/\s+/g, ' ').trim());
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines.filter(Boolean);
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
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
  // Another kotae process may hold the write lock for a batch; 30 s covers a slow one on a loaded machine.
  sqlite.pragma('busy_timeout = 30000');
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
