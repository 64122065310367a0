// Starting the same command afresh (src/daemon/fresh-start.ts says when): the process replaces itself
// with execve, so its pid, arguments and environment stay, and Docker, systemd or a shell see no exit.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { flushCompileCache, getCompileCacheDir } from 'node:module';
import { join } from 'node:path';
import { checkSecrets, rulesFile } from '../config/load.ts';
import { FRESH_START_ENV, type FreshStartFigures } from '../daemon/fresh-start.ts';
import { loadReplyKit } from '../respond/kit.ts';
import { errorMessage } from '../shared/errors.ts';
import type { Logger } from '../shared/log.ts';
import { loadClassifyRules } from '../understand/rules.ts';
import type { Io } from './io.ts';
import { readConfig } from './runtime.ts';

/** Whether this platform can replace a process image (POSIX; not Windows). */
export const canStartAfresh = typeof process.execve === 'function';

/**
 * Why a new start of this command would fail now, or null. A new start reads the configuration, the
 * secrets and the rules again: one edited into a broken state would end the process there, so it
 * stays as it is instead.
 */
function freshStartProblem(values: Record<string, unknown>, io: Io): string | null {
  if (!existsSync(process.execPath)) return `${process.execPath} is gone`;
  if (process.argv[1] && !existsSync(process.argv[1])) return `${process.argv[1]} is gone`;
  try {
    const next = readConfig(values, io, 'accounts');
    checkSecrets(next, io.env);
    loadReplyKit(next);
    loadClassifyRules(rulesFile(next, 'classify'));
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

/**
 * Whether a fresh start that is due (`figures`) may go ahead: the new start would not fail. Says why not,
 * or that it starts afresh and why, in the log.
 */
export function approveFreshStart(figures: FreshStartFigures, values: Record<string, unknown>, io: Io, log: Logger): boolean {
  const problem = freshStartProblem(values, io);
  if (problem) {
    log.warn({ residentMb: figures.rssMb, problem }, 'not starting afresh to give memory back: the new start would fail');
    return false;
  }
  log.info(
    { residentMb: figures.rssMb, residentAtStartMb: figures.startRssMb },
    figures.when === 'idle' ? 'idle and holding memory a backfill left: starting afresh to give it back' : 'a backlog is in and replies wait: starting afresh to give its memory back before drafting',
  );
  return true;
}

/** glibc's mmap threshold kotae sets for a start (bin/kotae.js and the Dockerfile): a backlog's setting. */
const BACKLOG_MMAP_THRESHOLD = '131072';
/**
 * The new image's. It drafts and idles, and the compilers' working memory it then takes (V8's zones,
 * blocks of 32–64 KB, some 30–40 MB while Lindera and the guard's patterns are compiled) would otherwise
 * stay in glibc's heap for good, pinned between blocks still in use: 20 MB more idle and at the draft's
 * peak (README, Benchmarks). A backlog pays for it in CPU (15–20% more, mostly mapping and unmapping), so
 * a first start keeps 128 KB; a backlog seldom comes to a process already started afresh.
 */
const QUIET_MMAP_THRESHOLD = '32768';

/**
 * The new image also has V8 favour size over speed: it idles some 15 MB smaller (144 MB after a
 * 5,000-message backlog and its drafts, against 157–160; README, Benchmarks). Imports cost some 17% more
 * CPU with it, which a backlog would feel, so a first start runs without it. V8 reads it only from the
 * command line, hence execArgv.
 */
export const QUIET_V8_FLAG = '--optimize-for-size';

/** Where the compile cache of a fresh start is filled from: the script the image's build runs too. */
const FILL_SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'warm-compile-cache.js');
/** A fill takes some 4 s (the demo, then every module read); one that hangs must not hold the fresh start. */
const FILL_TIMEOUT_MS = 60_000;

/**
 * Fill the compile cache the fresh start will read, before it starts. The new image runs with QUIET_V8_FLAG,
 * so it reads a cache of its own, which a first start never writes. Measured after 20,000 messages: started
 * with that cache empty, or holding the entries a running fresh start wrote (Node writes an entry once, with
 * the functions compiled by then), it idled at 154–156 MB; with the entries this fill writes (the demo, then
 * every module read), at 147–149, as the image does (README, Benchmarks). The fill also rewrites the entries of
 * sources changed since. Runs on the stopped daemon, after its store is closed; a fill that fails or is stopped
 * (`abort`) only costs the fresh start its cache.
 */
export async function fillFreshStartCache(env: NodeJS.ProcessEnv, log: Logger, abort?: AbortSignal): Promise<void> {
  const directory = getCompileCacheDir();
  // Already started afresh: this process wrote that cache itself.
  if (!directory || process.execArgv.includes(QUIET_V8_FLAG) || !existsSync(FILL_SCRIPT)) return;
  const started = performance.now();
  const outcome = await new Promise<string | null>((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, QUIET_V8_FLAG, FILL_SCRIPT], {
      env: { ...env, NODE_COMPILE_CACHE: directory },
      stdio: 'ignore',
      timeout: FILL_TIMEOUT_MS,
      ...(abort ? { signal: abort } : {}),
    });
    child.on('error', (err) => resolve(errorMessage(err)));
    child.on('exit', (code, signal) => resolve(code === 0 ? null : signal ? `stopped by ${signal}` : `exit ${code}`));
  });
  const seconds = +((performance.now() - started) / 1000).toFixed(1);
  if (outcome === null) log.info({ seconds }, 'compile cache for the fresh start filled');
  else log.warn({ seconds, problem: outcome }, 'could not fill the compile cache for the fresh start: it starts without it');
}

/**
 * Replace this process by the same command, with the same arguments and environment and `extra`. Only
 * kotae's own mmap threshold becomes the quiet one; a value the environment chose stays.
 */
export function startAfresh(env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): never {
  const quiet = env.MALLOC_MMAP_THRESHOLD_ === BACKLOG_MMAP_THRESHOLD ? { MALLOC_MMAP_THRESHOLD_: QUIET_MMAP_THRESHOLD } : {};
  const execArgv = process.execArgv.includes(QUIET_V8_FLAG) ? process.execArgv : [...process.execArgv, QUIET_V8_FLAG];
  // Node writes its compile cache at exit, and a daemon exits seldom: written now, the next start after a
  // crash or a kill finds it. (The new image runs with other V8 flags and reads a cache of its own, written
  // when an image started afresh exits.)
  flushCompileCache();
  return process.execve!(process.execPath, [process.execPath, ...execArgv, ...process.argv.slice(1)], { ...env, ...quiet, ...extra, [FRESH_START_ENV]: String(Date.now()) });
}
