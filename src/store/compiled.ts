// Statements that run for every message, compiled by kysely once per shape. kysely builds and
// compiles a query on every call, and that costs more than SQLite running it: 24 µs to compile a
// 20-column update against ~5 µs to run it, with several such statements per message in a backlog.
// The query is built once with slots in place of its values; each call binds its values where the
// slots were. The shape (which columns, which conditions) is the cache key, so a query whose text
// would change with its values (an `is null` branch, an `in` list) needs that difference in its key.
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
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
  let query = compiled.get(shape);
  if (!query) {
    query = build((index) => new Slot(index) as never).compile();
    compiled.set(shape, query);
  }
  const parameters = query.parameters.map((p) => (p instanceof Slot ? values[p.index] : p));
  return db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>);
}

/** The defined entries of a row or patch (kysely leaves out undefined values; so do slots). */
export function definedEntries(values: object): [string, unknown][] {
  return Object.entries(values).filter(([, v]) => v !== undefined);
}
