// The stores a test runs against, as `describe.each(STORE_DIALECTS)`: SQLite always, PostgreSQL too
// unless it is missing on a developer's machine (CI requires it). Each test gets a fresh, empty store,
// and says so to kotae processes the way a seller would: dataDir, or store.urlEnv and the variable.
import type { DialectName } from '../../src/store/dialect.ts';
import type { StoreLocation } from '../../src/store/index.ts';
import { Postgres, skipWithoutPostgres } from './postgres.ts';

export const STORE_DIALECTS: DialectName[] = skipWithoutPostgres() ? ['sqlite'] : ['sqlite', 'postgres'];

/** The variable the test configurations name in store.urlEnv. */
export const DATABASE_URL_ENV = 'KOTAE_TEST_DATABASE_URL';

/** One test file's stores of one dialect (for PostgreSQL, one cluster, a database per store). */
export class TestStores {
  readonly dialect: DialectName;
  readonly #postgres: Postgres | null;

  private constructor(dialect: DialectName, postgres: Postgres | null) {
    this.dialect = dialect;
    this.#postgres = postgres;
  }

  static async start(dialect: DialectName): Promise<TestStores> {
    return new TestStores(dialect, dialect === 'postgres' ? await Postgres.start() : null);
  }

  get postgres(): Postgres | null {
    return this.#postgres;
  }

  /** Where a new, empty store is: `dataDir` for SQLite, a new database for PostgreSQL. */
  async fresh(dataDir: string): Promise<StoreLocation> {
    return this.#postgres ? { url: await this.#postgres.createDatabase() } : dataDir;
  }

  async stop(): Promise<void> {
    await this.#postgres?.stop();
  }
}

/** The configuration lines and environment that point kotae at `location` (dataDir is relative to the config file). */
export function storeConfig(location: StoreLocation, dataDir = './data'): { lines: string[]; env: Record<string, string> } {
  if (typeof location === 'string') return { lines: [`dataDir: ${dataDir}`], env: {} };
  return { lines: [`dataDir: ${dataDir}`, `store: { urlEnv: ${DATABASE_URL_ENV} }`], env: { [DATABASE_URL_ENV]: location.url } };
}
