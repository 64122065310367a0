// Statements that run for every message, compiled by kysely once per shape. kysely builds and
// compiles a query on every call, and that costs more than SQLite running it: 24 µs to compile a
// 20-column update against ~5 µs to run it, with several such statements per message in a backlog.
// The query is built once with slots in place of its values; each call binds its values where the
// slots were. The shape (which columns, which conditions) is the cache key, so a query whose text
// would change with its values (an `is null` branch, an `in` list) needs that difference in its key.
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import { dialectOf } from './dialect.ts';
import type { Db } from './index.ts';

class Slot {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

const compiled = new Map<string, CompiledQuery>();

/**
 * Run the query `build` makes, compiled once for `shape`: `slot(i)` stands for `values[i]`. The
 * slots are typed as `never` so that they fit any column.
 */
export async function runCompiled<R>(db: Db, shape: string, build: (slot: (index: number) => never) => Compilable<R>, values: readonly unknown[]): Promise<QueryResult<R>> {
  // One process may hold both stores (tests); their SQL differs.
  const key = `${dialectOf(db)} ${shape}`;
  let query = compiled.get(key);
  if (!query) {
    query = build((index) => new Slot(index) as never).compile();
    compiled.set(key, query);
  }
  const parameters = query.parameters.map((p) => (p instanceof Slot ? values[p.index] : p));
  return db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>);
}

/** The defined entries of a row or patch (kysely leaves out undefined values; so do slots). */
function definedEntries(values: object): [string, unknown][] {
  return Object.entries(values).filter(([, v]) => v !== undefined);
}

/** Insert one row, compiled once per table and set of columns; the result's insertId is the new row's. */
export async function insertRow(db: Db, table: 'cases' | 'case_events', values: object): Promise<QueryResult<unknown>> {
  const entries = definedEntries(values);
  const insert = (slot: (index: number) => never) => db.insertInto(table).values(Object.fromEntries(entries.map(([k], i) => [k, slot(i)])) as never);
  const shape = `insert ${table} ${entries.map(([k]) => k).join(',')}`;
  const params = entries.map(([, v]) => v);
  // SQLite reports the new id by itself; PostgreSQL only through RETURNING.
  if (dialectOf(db) === 'sqlite') return runCompiled(db, shape, insert, params);
  const result = await runCompiled(db, shape, (slot) => insert(slot).returning('id'), params);
  return { ...result, insertId: BigInt(result.rows[0]!.id) };
}

/** Update the row with this id, compiled once per table and set of columns; an empty patch does nothing. */
export async function updateRow(db: Db, table: 'cases' | 'messages', id: number, patch: object): Promise<void> {
  const entries = definedEntries(patch);
  if (entries.length === 0) return;
  await runCompiled(
    db,
    `update ${table} ${entries.map(([k]) => k).join(',')}`,
    (slot) => db.updateTable(table).set(Object.fromEntries(entries.map(([k], i) => [k, slot(i)]))).where('id', '=', slot(entries.length)),
    [...entries.map(([, v]) => v), id],
  );
}
