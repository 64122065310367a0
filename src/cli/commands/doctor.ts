// `kotae doctor`: is the store sound? The file, its size, its schema, the kotae processes using it,
// and SQLite's full integrity check. It looks without changing anything: no store is created, no
// migration runs, nothing registers (a damaged store must be copied as it is before any repair).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { errorMessage } from '../../shared/errors.ts';
import { STORE_FILE, type Db } from '../../store/index.ts';
import { StoreError, restoreHint } from '../../store/errors.ts';
import { LATEST_MIGRATION } from '../../store/migrate.ts';
import { liveProcesses } from '../../store/processes.ts';
import { integrityProblems, openSqlite } from '../../store/sqlite.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig } from '../runtime.ts';

export interface DoctorReport {
  file: string;
  exists: boolean;
  bytes: number;
  walBytes: number;
  /** The latest migration applied, how many are, and the latest this kotae knows; null when unreadable. */
  schema: { latest: string | null; applied: number; known: string } | null;
  /** null when they could not be read (a damaged store, or one from before migration 006). */
  processes: { pid: number; host: string; role: string; startedAt: string; seenAt: string }[] | null;
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
  summary: "Check the store: its file, size and schema, the kotae processes using it, and SQLite's integrity check. Changes nothing; exits 1 when the store is missing or damaged.",
  options: { ...configOption, ...jsonOption },
  async run({ values, io }) {
    const config = readConfig(values, io, 'file');
    const report = await examine(join(config.dataDir, STORE_FILE));
    if (values.json) {
      io.out(JSON.stringify(report));
      return report.intact ? 0 : 1;
    }
    io.out(`Store: ${report.file}`);
    if (!report.exists) return fail(report, io);
    io.out(`Size: ${megabytes(report.bytes)}${report.walBytes ? ` (and ${megabytes(report.walBytes)} of write-ahead log)` : ''}`);
    if (report.bytes === 0 && report.walBytes === 0) return fail(report, io);
    if (!report.schema) {
      io.out('Schema: could not be read');
    } else {
      const state = report.schema.latest === report.schema.known ? 'up to date' : report.schema.latest === null || report.schema.latest < report.schema.known ? `this kotae brings it to ${report.schema.known} at its next writing command` : `newer than this kotae knows (${report.schema.known}): run the kotae that wrote it`;
      io.out(`Schema: ${report.schema.latest ?? 'none'} (${report.schema.applied} migrations applied; ${state})`);
    }
    if (!report.processes) io.out('Processes using it: could not be read');
    else if (report.processes.length === 0) io.out('Processes using it: none');
    for (const p of report.processes ?? []) io.out(`Process using it: ${p.role}, pid ${p.pid} on ${p.host}, started ${p.startedAt}, last seen ${p.seenAt}`);
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
  const report: DoctorReport = { file, exists: existsSync(file), bytes: 0, walBytes: 0, schema: null, processes: null, intact: false, verdict: '', problems: [], hint: null };
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
    const processes = await liveProcesses(db).catch(() => null);
    report.processes = processes && processes.map((p) => ({ pid: p.pid, host: p.host, role: p.role, startedAt: p.started_at, seenAt: p.seen_at }));
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
