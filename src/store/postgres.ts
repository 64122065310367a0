// The PostgreSQL adapter (sqlite.ts is the other): a pool of `pg` connections, kysely's PostgreSQL
// dialect, and PostgreSQL's errors as StoreErrors that name the store (never its password) and the
// remedy. Several kotae daemons share one such store; claims are compare-and-set updates and
// conditional upserts (docs/design.md), which PostgreSQL's READ COMMITTED makes true claims too.
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { StoreBusyError, StoreError } from './errors.ts';
import type { Database } from './schema.ts';

/** int8 (counts, IMAP UIDs) as numbers: kotae's never reach 2^53. */
const INT8 = 20;

/** The URL as kotae shows it: without the password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

export function openPostgres(url: string): { db: Kysely<Database>; name: string } {
  const name = safeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'kotae',
    max: 8,
    // As SQLite's busy timeout: a row another daemon holds longer than this is a busy store, not a hang.
    lock_timeout: 30_000,
    connectionTimeoutMillis: 30_000,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) } as never,
  });
  // An idle connection the server closed (a restart) is dropped by the pool; the next query opens another.
  pool.on('error', () => {});
  const guarded = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrapped: PostgresPool = {
    Client: pg.Client,
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw postgresError(err, name);
      }
      let g = guarded.get(client);
      if (!g) {
        const inner = client;
        g = {
          get processID() {
            return (inner as unknown as { processID?: number }).processID;
          },
          query: ((text: string, values: readonly unknown[]) =>
            inner.query(text, values as unknown[]).catch((err: unknown) => {
              throw postgresError(err, name);
            })) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => inner.release(destroy),
        };
        guarded.set(client, g);
      }
      return g;
    },
  };
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: wrapped }) }), name };
}

/** PostgreSQL's error (or the network's) as a StoreError naming the store; anything else as it was. */
export function postgresError(err: unknown, name: string): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  const cause = err instanceof Error ? err.message : String(err);
  // deadlock_detected, serialization_failure, lock_not_available, query_canceled (lock_timeout)
  if (code === '40P01' || code === '40001' || code === '55P03' || code === '57014') {
    return new StoreBusyError(name, `the store ${name} is busy: another kotae daemon held what this one needed (${cause})`, {
      hint: 'Nothing was lost; the work is done at the next cycle.',
      cause: err,
    });
  }
  if (code === '28P01' || code === '28000') {
    return new StoreError(name, `PostgreSQL at ${name} refused kotae's login (${cause})`, {
      hint: 'Check the user and password in the variable named by store.urlEnv.',
      cause: err,
    });
  }
  if (code === '3D000') {
    return new StoreError(name, `the database of ${name} does not exist (${cause})`, { hint: 'Create it (createdb, or CREATE DATABASE) and start kotae again.', cause: err });
  }
  if (code === '53100') {
    return new StoreError(name, `the disk of the PostgreSQL server at ${name} is full (${cause})`, {
      hint: 'Free space on the database server and run kotae again: the change that failed was not written, and nothing before it was lost.',
      cause: err,
    });
  }
  if (code === '42501' || code === '25006') {
    return new StoreError(name, `cannot write the store ${name} (${cause})`, { hint: 'Give the user in the URL the right to create and write tables in that database.', cause: err });
  }
  if (/^(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH)$/.test(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') {
    return new StoreError(name, `cannot reach the PostgreSQL store at ${name} (${code}: ${cause})`, {
      hint: 'Check that the server runs and that the host and port in the variable named by store.urlEnv are right; kotae tries again at the next cycle.',
      cause: err,
    });
  }
  return err;
}
