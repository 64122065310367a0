// What differs between the two stores, for the code above them: which one a handle talks to, the
// column types migrations need, and the one lock that PostgreSQL takes where SQLite's transactions
// already hold the whole store. Everything else is the same kysely on both.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface ColumnTypes {
  /** An auto-incrementing integer primary key: the type, and what makes it one. */
  id: 'integer';
  autoId: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  /** Raw bytes. */
  bytes: 'blob' | 'bytea';
  /** An IMAP UID: up to 2^32 - 1, beyond PostgreSQL's integer (SQLite's integers are 64-bit). */
  uid: 'integer' | 'bigint';
}

/** Column types for migrations, which run on both stores. */
export function columnTypes(db: Kysely<any>): ColumnTypes {
  if (dialectOf(db) === 'postgres') {
    return { id: 'integer', autoId: (c) => c.primaryKey().generatedByDefaultAsIdentity(), bytes: 'bytea', uid: 'bigint' };
  }
  return { id: 'integer', autoId: (c) => c.primaryKey().autoIncrement(), bytes: 'blob', uid: 'integer' };
}

/**
 * Hold these accounts' threading for the rest of the transaction. Threading reads before it writes
 * (is there a case for this order yet?), and the row it would lock does not exist until it is
 * written: two daemons threading two messages of one new order would each open a case. On SQLite
 * the transaction holds the whole store already (BEGIN IMMEDIATE); on PostgreSQL a transaction
 * advisory lock per account, taken in a fixed order so that two batches never wait on each other.
 */
export async function holdAccounts(db: Kysely<any>, accountIds: Iterable<string>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const id of [...new Set(accountIds)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${`kotae:account:${id}`}))`.execute(db);
  }
}
