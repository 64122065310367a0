// `kotae doctor`: is the store sound? The file, its size, its schema, the kotae processes using it,
// and SQLite's full integrity check. It looks without changing anything: no store is created, no
// migration runs, nothing registers (a damaged store must be copied as it is before any repair).
// On a PostgreSQL store (store.urlEnv) there is no file: it checks that the server answers, the
// schema, and the live processes with the mailboxes each syncs; the data's own soundness is the
// server's to check (pg_amcheck, its backups).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { storeLocation } from '../../config/load.ts';
import { errorMessage } from '../../shared/errors.ts';
import { formatLocal } from '../../shared/time.ts';
import { STORE_FILE, type Db } from '../../store/index.ts';
import { StoreError, restoreHint } from '../../store/errors.ts';
import type { DialectName } from '../../store/dialect.ts';
import { LATEST_MIGRATION } from '../../store/migrate.ts';
import { openPostgres } from '../../store/postgres.ts';
import { liveProcesses, syncHolders } from '../../store/processes.ts';
import { integrityProblems, openSqlite } from '../../store/sqlite.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig } from '../runtime.ts';

export interface DoctorReport {
  dialect: DialectName;
  /** The SQLite file, or the PostgreSQL URL without its password. */
  file: string;
  /** For PostgreSQL: whether the server answered. */
  exists: boolean;
  bytes: number;
  walBytes: number;
  /** The latest migration applied, how many are, and the latest this kotae knows; null when unreadable. */
  schema: { latest: string | null; applied: number; known: string } | null;
  /** null when they could not be read (a damaged store, or one from before migration 006). */
  processes: { pid: number; host: string; role: string; startedAt: string; seenAt: string; holds: string[] }[] | null;
  intact: boolean;
  /** One sentence: intact, missing, empty, damaged, or why it could not be checked. */
  verdict: string;
  /** What SQLite's integrity check found, one line each (or the one reason it could not run). */
  problems: string[];
  /** What to do about the problems (null when intact). */
  hint: string | null;
}

export const command: Command = {
  usage: 'doctor [--json] [--config PATH]',
  summary: "Check the store: its file, size and schema, the kotae processes using it, and SQLite's integrity check (on PostgreSQL: the connection, the schema and the live processes). Changes nothing; exits 1 when the store is missing or damaged.",
  options: { ...configOption, ...jsonOption },
  async run({ values, io }) {
    const config = readConfig(values, io, 'file');
    const location = storeLocation(config, io.env);
    const report = typeof location === 'string' ? await examine(join(config.dataDir, STORE_FILE)) : await examineShared(location.url);
    if (values.json) {
      io.out(JSON.stringify(report));
      return report.intact ? 0 : 1;
    }
    io.out(`Store: ${report.dialect === 'postgres' ? `PostgreSQL, ${report.file}` : report.file}`);
    if (!report.exists) return fail(report, io);
    if (report.dialect === 'sqlite') {
      io.out(`Size: ${megabytes(report.bytes)}${report.walBytes ? ` (and ${megabytes(report.walBytes)} of write-ahead log)` : ''}`);
      if (report.bytes === 0 && report.walBytes === 0) return fail(report, io);
    }
    if (!report.schema) {
      io.out('Schema: could not be read');
    } else {
      const state = report.schema.latest === report.schema.known ? 'up to date' : report.schema.latest === null || report.schema.latest < report.schema.known ? `this kotae brings it to ${report.schema.known} at its next writing command` : `newer than this kotae knows (${report.schema.known}): run the kotae that wrote it`;
      io.out(`Schema: ${report.schema.latest ?? 'none'} (${report.schema.applied} migrations applied; ${state})`);
    }
    if (!report.processes) io.out('Processes using it: could not be read');
    else if (report.processes.length === 0) io.out('Processes using it: none');
    for (const p of report.processes ?? []) {
      const holds = p.holds.length ? `, syncs ${p.holds.join(', ')}` : '';
      io.out(`Process using it: ${p.role}, pid ${p.pid} on ${p.host}, started ${formatLocal(p.startedAt, config.timezone)}, last seen ${formatLocal(p.seenAt, config.timezone)}${holds}`);
    }
    if (report.intact) {
      io.out(`The store is intact (${report.verdict}).`);
      return 0;
    }
    return fail(report, io);
  },
};

function fail(report: DoctorReport, io: { err(line: string): void }): number {
  io.err(`kotae: ${report.verdict}`);
  if (report.problems.length > 1 || report.problems[0] !== report.verdict) for (const problem of report.problems) io.err(`  ${problem}`);
  io.err(report.hint!);
  return 1;
}

export async function examine(file: string): Promise<DoctorReport> {
  const report: DoctorReport = { dialect: 'sqlite', file, exists: existsSync(file), bytes: 0, walBytes: 0, schema: null, processes: null, intact: false, verdict: '', problems: [], hint: null };
  if (!report.exists) {
    report.verdict = `there is no store at ${file}`;
    report.problems.push(report.verdict);
    report.hint = 'kotae creates it at the first `kotae once`, `run` or `import`. If kotae ran here before, the data folder was lost or dataDir points elsewhere: check dataDir in the configuration, or restore the folder from a backup.';
    return report;
  }
  report.bytes = statSync(file).size;
  report.walBytes = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
  if (report.bytes === 0 && report.walBytes === 0) {
    report.verdict = `the store ${file} is empty (0 bytes): its contents are gone`;
    report.problems.push(report.verdict);
    report.hint = 'Restore the data folder from a backup. To start a new, empty store on purpose, delete the file and run kotae again.';
    return report;
  }
  let db: Db;
  try {
    db = openSqlite(file, { inspect: true });
  } catch (err) {
    return failed(report, err);
  }
  try {
    report.problems.push(...(await integrityProblems(db)));
    // What else can be read is shown even from a damaged store: it helps to know who was writing.
    report.schema = await schemaOf(db).catch(() => null);
    report.processes = await processesOn(db);
  } catch (err) {
    return failed(report, err);
  } finally {
    await db.destroy();
  }
  report.intact = report.problems.length === 0;
  if (report.intact) {
    report.verdict = "SQLite's integrity check found no problem";
  } else {
    report.verdict = `the store ${file} is damaged: SQLite's integrity check found ${report.problems.length === 1 ? 'a problem' : `${report.problems.length} problems`}`;
    report.hint = restoreHint;
  }
  return report;
}

/**
 * A PostgreSQL store: does the server answer, with which schema, and who works on it. Its data's
 * soundness is the server's own business (checksums, pg_amcheck, backups), not a file to scan.
 */
export async function examineShared(url: string): Promise<DoctorReport> {
  const { db, name } = openPostgres(url);
  const report: DoctorReport = { dialect: 'postgres', file: name, exists: false, bytes: 0, walBytes: 0, schema: null, processes: null, intact: false, verdict: '', problems: [], hint: null };
  try {
    const { rows } = await sql<{ version: string }>`show server_version`.execute(db);
    report.exists = true;
    report.schema = await schemaOf(db).catch(() => null);
    if (!report.schema) {
      report.verdict = `there is no kotae store in ${name} yet`;
      report.problems.push(report.verdict);
      report.hint = 'kotae creates it at the first `kotae once`, `run` or `import`. If kotae ran on it before, check that the variable named by store.urlEnv points at the right database.';
      return report;
    }
    report.processes = await processesOn(db);
    report.intact = true;
    report.verdict = `PostgreSQL ${rows[0]?.version ?? 'server'} answered and the schema is readable; the server checks its own data (pg_amcheck, backups)`;
    return report;
  } catch (err) {
    return failed(report, err);
  } finally {
    await db.destroy();
  }
}

/** The live kotae processes and the mailboxes each syncs; null when they cannot be read (an old or damaged store). */
async function processesOn(db: Db): Promise<DoctorReport['processes']> {
  const processes = await liveProcesses(db).catch(() => null);
  if (!processes) return null;
  const holders = await syncHolders(db).catch(() => new Map<string, string>());
  const holds = (id: string) => [...holders].filter(([, owner]) => owner === id).map(([account]) => account);
  return processes.map((p) => ({ pid: p.pid, host: p.host, role: p.role, startedAt: p.started_at, seenAt: p.seen_at, holds: holds(p.id) }));
}

async function schemaOf(db: Db): Promise<DoctorReport['schema']> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return { latest: rows.at(-1)?.name ?? null, applied: rows.length, known: LATEST_MIGRATION };
}

/** The store could not be opened or checked at all: SQLite's reason is the problem. */
function failed(report: DoctorReport, err: unknown): DoctorReport {
  report.verdict = err instanceof StoreError ? err.message : `the store ${report.file} could not be checked: ${errorMessage(err)}`;
  report.problems.push(report.verdict);
  report.hint = err instanceof StoreError && err.hint ? err.hint : restoreHint;
  return report;
}

function megabytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
