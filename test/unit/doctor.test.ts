// `kotae doctor` on real store files: an intact store (its file, size, schema as the migrations table
// records it, the kotae processes alive on it), a damaged one, an empty one, a missing one, and a
// store from an older kotae. It reports and changes nothing: no store created, no migration run.
// On a PostgreSQL store: the connection, the schema and the live processes with what each syncs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { STORE_FILE, openStore } from '../../src/store/index.ts';
import { prng } from '../support/generate.ts';
import { freePort } from '../support/ports.ts';
import { PG_PASSWORD, Postgres, skipWithoutPostgres } from '../support/postgres.ts';
import { DATABASE_URL_ENV } from '../support/stores.ts';
import { makeTestDir } from '../support/tmp.ts';

const AMAZON = join(import.meta.dirname, '../fixtures/amazon');
const PAGE = 16384;

let root: string;
let seeded: string;
let n = 0;
let alive: ChildProcess;

beforeAll(async () => {
  root = makeTestDir('kotae-doctor-');
  const seed = place();
  const io = bufferIo({ KOTAE_LOG_LEVEL: 'silent' }, seed.dir);
  expect(await main(['import', join(AMAZON, 'jp-buyer-return-fba-01.eml'), join(AMAZON, 'us-buyer-cancel-01.eml'), join(AMAZON, 'jp-support-case-callback-01.eml'), '--config', seed.config], io), io.stderr.join('\n')).toBe(0);
  seeded = join(root, 'seeded.sqlite');
  copyFileSync(seed.store, seeded);
  // A process that is alive for the whole file, to stand for a kotae daemon using the store.
  alive = spawn('sleep', ['600'], { stdio: 'ignore' });
});

afterAll(() => {
  alive?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

function place(options: { seeded?: boolean } = {}) {
  const dir = join(root, `p${++n}`);
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'kotae.config.yaml');
  writeFileSync(config, 'dataDir: ./data\n');
  const data = join(dir, 'data');
  const store = join(data, STORE_FILE);
  if (options.seeded) {
    mkdirSync(data);
    copyFileSync(seeded, store);
  }
  return { dir, config, data, store };
}

async function doctor(p: { dir: string; config: string }, ...args: string[]) {
  const io = bufferIo({}, p.dir);
  const code = await main(['doctor', ...args, '--config', p.config], io);
  return { code, stdout: io.stdout, stderr: io.stderr, json: () => JSON.parse(io.stdout[0]!) as Record<string, unknown> };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** What the store's own migrations table says, read without kotae. */
function appliedMigrations(store: string): string[] {
  const db = new BetterSqlite3(store, { readonly: true });
  try {
    return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('kotae doctor', () => {
  it('an intact store: its file, size, schema, the live kotae processes on it; exit 0, and the file unchanged', async () => {
    const p = place({ seeded: true });
    const now = new Date().toISOString();
    const db = new BetterSqlite3(p.store);
    const insert = db.prepare('insert into processes (id, host, pid, role, started_at, seen_at) values (?, ?, ?, ?, ?, ?)');
    insert.run(`${hostname()}:${alive.pid}:0badc0de`, hostname(), alive.pid, 'daemon', now, now);
    // A process that is gone (no such pid here) is not listed, however recently it was seen.
    insert.run(`${hostname()}:999999999:0badc0de`, hostname(), 999_999_999, 'once', now, now);
    db.close();
    const before = sha(p.store);
    const applied = appliedMigrations(p.store);
    expect(applied.length).toBeGreaterThan(0);

    const r = await doctor(p);
    expect(r.code, r.stderr.join('\n')).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout[0]).toBe(`Store: ${p.store}`);
    expect(r.stdout[1]).toMatch(/^Size: \d+(\.\d)? (KB|MB)$/);
    expect(r.stdout[2]).toBe(`Schema: ${applied.at(-1)} (${applied.length} migrations applied; up to date)`);
    expect(r.stdout.filter((l) => l.startsWith('Process using it:'))).toEqual([expect.stringMatching(new RegExp(`^Process using it: daemon, pid ${alive.pid} on ${hostname()}, started `))]);
    expect(r.stdout.at(-1)).toBe("The store is intact (SQLite's integrity check found no problem).");

    const json = (await doctor(p, '--json')).json();
    expect(json).toMatchObject({ file: p.store, exists: true, bytes: statSync(p.store).size, intact: true, problems: [], hint: null });
    expect(json.schema).toMatchObject({ latest: applied.at(-1), applied: applied.length });
    expect(json.processes).toEqual([expect.objectContaining({ pid: alive.pid, role: 'daemon' })]);

    expect(sha(p.store)).toBe(before);
    expect(readdirSync(p.data)).toEqual([STORE_FILE]);
  });

  it('a damaged store: exit 1, what SQLite found, and what to do; the file is left as it was for the backup', async () => {
    const p = place({ seeded: true });
    const pages = statSync(p.store).size / PAGE;
    const random = prng(3);
    const garbage = Buffer.from(Array.from({ length: 2 * PAGE }, () => Math.floor(random() * 256)));
    const fd = openSync(p.store, 'r+');
    writeSync(fd, garbage, 0, garbage.length, Math.floor(pages / 2) * PAGE);
    closeSync(fd);
    const before = sha(p.store);

    const r = await doctor(p);
    expect(r.code).toBe(1);
    expect(r.stdout[0]).toBe(`Store: ${p.store}`);
    expect(r.stderr[0]).toMatch(new RegExp(`^kotae: the store ${p.store} is damaged`));
    expect(r.stderr.at(-1)).toBe('Stop kotae, keep a copy of the file, and restore the data folder from a backup; `kotae doctor` checks a store.');
    expect(r.stdout.join('\n')).not.toContain('intact');

    const json = (await doctor(p, '--json')).json();
    expect(json).toMatchObject({ intact: false });
    expect((json.problems as string[]).length).toBeGreaterThan(0);
    expect(sha(p.store)).toBe(before);
  });

  it('an empty (0-byte) store and a missing one: exit 1, saying which; nothing is created', async () => {
    const empty = place({ seeded: true });
    truncateSync(empty.store, 0);
    const r = await doctor(empty);
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toBe(`kotae: the store ${empty.store} is empty (0 bytes): its contents are gone`);
    expect(statSync(empty.store).size).toBe(0);

    const missing = place();
    const m = await doctor(missing);
    expect(m.code).toBe(1);
    expect(m.stderr[0]).toBe(`kotae: there is no store at ${missing.store}`);
    expect(m.stderr[1]).toMatch(/creates it at the first `kotae once`, `run` or `import`/);
    expect((await doctor(missing, '--json')).json()).toMatchObject({ exists: false, intact: false });
    expect(existsSync(missing.data)).toBe(false);
  });

  it('a store from an older kotae: reported as behind, and not migrated by looking at it', async () => {
    const p = place();
    const old = await openStore(p.data, { migrateTo: '002-cases' });
    await old.close();
    const r = await doctor(p);
    expect(r.code, r.stderr.join('\n')).toBe(0);
    expect(r.stdout[2]).toMatch(/^Schema: 002-cases \(2 migrations applied; this kotae brings it to \S+ at its next writing command\)$/);
    // Stores from before migration 006 have no processes table.
    expect(r.stdout).toContain('Processes using it: could not be read');
    expect(appliedMigrations(p.store)).toEqual(['001-mail', '002-cases']);
  });
});

describe.skipIf(skipWithoutPostgres())('kotae doctor on a PostgreSQL store', () => {
  let server: Postgres;

  beforeAll(async () => {
    server = await Postgres.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function doctorOn(url: string, ...args: string[]) {
    const dir = join(root, `pg${++n}`);
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'kotae.config.yaml');
    writeFileSync(config, `dataDir: ./data\nstore: { urlEnv: ${DATABASE_URL_ENV} }\n`);
    const io = bufferIo({ [DATABASE_URL_ENV]: url }, dir);
    const code = await main(['doctor', ...args, '--config', config], io);
    expect(existsSync(join(dir, 'data')), 'doctor made a data folder').toBe(false);
    return { code, stdout: io.stdout, stderr: io.stderr, all: [...io.stdout, ...io.stderr].join('\n') };
  }

  const shown = (url: string) => url.replace(`:${PG_PASSWORD}@`, '@');

  it('an intact store: the server answers, its schema, the live processes and the mailbox each syncs; exit 0, never the password', async () => {
    const url = await server.createDatabase();
    const store = await openStore({ url });
    const now = new Date().toISOString();
    const owner = `${hostname()}:${alive.pid}:0badc0de`;
    await store.db.insertInto('processes').values({ id: owner, host: hostname(), pid: alive.pid!, role: 'daemon', started_at: now, seen_at: now }).execute();
    await store.db.insertInto('sync_holders').values({ account_id: 'jp', owner, since: now }).execute();
    const applied = (await store.db.selectFrom('kysely_migration' as never).select('name' as never).execute()).length;
    await store.close();

    const r = await doctorOn(url);
    expect(r.code, r.stderr.join('\n')).toBe(0);
    expect(r.stdout[0]).toBe(`Store: PostgreSQL, ${shown(url)}`);
    expect(r.stdout[1]).toMatch(new RegExp(`^Schema: \\S+ \\(${applied} migrations applied; up to date\\)$`));
    expect(r.stdout.filter((l) => l.startsWith('Process using it:'))).toEqual([expect.stringMatching(new RegExp(`^Process using it: daemon, pid ${alive.pid} on .*, syncs jp$`))]);
    expect(r.stdout.at(-1)).toMatch(/^The store is intact \(PostgreSQL \S+ answered and the schema is readable; the server checks its own data/);
    expect(r.all).not.toContain(PG_PASSWORD);

    const json = JSON.parse((await doctorOn(url, '--json')).stdout[0]!) as Record<string, unknown>;
    expect(json).toMatchObject({ dialect: 'postgres', file: shown(url), exists: true, intact: true, processes: [expect.objectContaining({ pid: alive.pid, holds: ['jp'] })] });
  });

  it('an empty database: no kotae store in it yet, exit 1, and nothing created by looking', async () => {
    const url = await server.createDatabase();
    const r = await doctorOn(url);
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toBe(`kotae: there is no kotae store in ${shown(url)} yet`);
    expect(r.stderr[1]).toMatch(/store\.urlEnv/);
    const database = new URL(url).pathname.slice(1);
    expect(await server.query(database, "select table_name from information_schema.tables where table_schema = 'public'")).toEqual([]);
  });

  it('a server that does not answer: exit 1, saying which (without the password) and what to check', async () => {
    const url = `postgres://kotae:${PG_PASSWORD}@127.0.0.1:${await freePort()}/kotae`;
    const r = await doctorOn(url);
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/^kotae: cannot reach the PostgreSQL store at postgres:\/\/kotae@127\.0\.0\.1:\d+\/kotae/);
    expect(r.all).not.toContain(PG_PASSWORD);
  });
});
