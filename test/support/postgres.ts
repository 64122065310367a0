// A throwaway PostgreSQL cluster for tests: initdb in its own temp dir (as `nobody` when the tests run
// as root, since PostgreSQL refuses to run as root), a free loopback port, a fresh database per test
// file or test, stopped at the end. CI (KOTAE_REQUIRE_SERVERS=1) fails when PostgreSQL is missing; a
// developer's machine skips loudly, as with Dovecot.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';
import { makeTestDir } from './tmp.ts';

/** The newest PostgreSQL server's binaries (Debian keeps them out of PATH), else whatever PATH has. */
function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length) return join(root, versions[0]!, 'bin');
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? join(found.stdout.trim(), '..') : null;
}

const BIN = binDir();
const asRoot = process.getuid?.() === 0;

export function postgresMissingReason(): string | null {
  if (BIN === null) return 'PostgreSQL is not installed (apt-get install postgresql)';
  if (asRoot && spawnSync('runuser', ['--help'], { stdio: 'ignore' }).error) return 'runuser is missing (PostgreSQL runs as nobody when the tests run as root)';
  return null;
}

/** `describe.skipIf(skipWithoutPostgres())`: false in CI, where a missing server must fail the run. */
export function skipWithoutPostgres(): boolean {
  const reason = postgresMissingReason();
  if (reason === null) return false;
  if (process.env.KOTAE_REQUIRE_SERVERS === '1') return false;
  console.warn(`\n!!! SKIPPING PostgreSQL tests: ${reason}. CI runs them (KOTAE_REQUIRE_SERVERS=1). !!!\n`);
  return true;
}

/** A command of the cluster's, as the user that owns it. */
function asOwner(command: string, args: string[]): void {
  const file = join(BIN!, command);
  if (asRoot) execFileSync('runuser', ['-u', 'nobody', '--', file, ...args], { stdio: 'pipe' });
  else execFileSync(file, args, { stdio: 'pipe' });
}

/** The user kotae logs in as; its password only proves that kotae never shows it. */
export const PG_USER = 'kotae';
export const PG_PASSWORD = 'pg-secret-7';

export class Postgres {
  readonly dir: string;
  readonly port: number;
  #databases = 0;

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * `settings` are passed to the server as `-c name=value` after the tests' own (the benchmark gives it
   * PostgreSQL's default memory and its statistics); `under` puts the cluster on another disk than
   * testTmpdir()'s (it must be a directory `nobody` can enter when running as root).
   */
  static async start(options: { settings?: Record<string, string | number>; under?: string } = {}): Promise<Postgres> {
    const reason = postgresMissingReason();
    if (reason) throw new Error(`cannot start PostgreSQL: ${reason}`);
    const dir = options.under ? mkdtempSync(join(options.under, 'kotae-postgres-')) : makeTestDir('kotae-postgres-');
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim()));
    const data = join(dir, 'data');
    // C collation: ISO times compare as text the way SQLite compares them.
    asOwner('initdb', ['-D', data, '-U', PG_USER, '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
    const server = new Postgres(dir, await freePort());
    const serverOptions = `-c listen_addresses=127.0.0.1 -c port=${server.port} -c unix_socket_directories=${dir} -c shared_buffers=16MB -c max_connections=120${Object.entries(options.settings ?? {}).map(([name, value]) => ` -c ${name}=${value}`).join('')}`;
    asOwner('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    return server;
  }

  /** The URL of a database, with a password (trust auth ignores it; kotae must never print it). */
  url(database: string): string {
    return `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  /** A new, empty database: its URL. */
  async createDatabase(): Promise<string> {
    const name = `kotae_${process.pid}_${++this.#databases}`;
    await this.query('postgres', `create database ${name}`);
    return this.url(name);
  }

  async query<T = Record<string, unknown>>(database: string, text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    asOwner('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    execFileSync('rm', ['-rf', this.dir]);
  }
}
