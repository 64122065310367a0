// Opening what a command needs: the configuration (validated) and the store (migrated).
import { findConfigFile, loadConfig, type Config } from '../config/load.ts';
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { KotaeError, UsageError, errorMessage } from '../shared/errors.ts';
import { createLogger, type Logger } from '../shared/log.ts';
import { openStore, type Store } from '../store/index.ts';
import { startPresence, type ProcessRow } from '../store/processes.ts';
import type { Io } from './io.ts';

export interface Runtime extends Context {
  store: Store;
  close(): Promise<void>;
}

/** The configuration named by --config (in a command's parsed options), KOTAE_CONFIG or the default file. */
export function readConfig(values: { config?: unknown }, io: Io): Config {
  return loadConfig(findConfigFile(values.config as string | undefined, io.env, io.cwd), io.cwd);
}

/** The clock: the system's, unless KOTAE_NOW pins it (tests and the demo replay dated mail). */
export function clockFrom(env: NodeJS.ProcessEnv): Clock {
  const pinned = env.KOTAE_NOW;
  if (!pinned) return systemClock;
  const at = new Date(pinned);
  if (Number.isNaN(at.getTime())) throw new UsageError(`KOTAE_NOW=${pinned} is not a date`, { hint: 'Use an ISO time such as 2026-11-23T09:00:00+09:00, or unset it.' });
  return { now: () => new Date(at) };
}

export interface RuntimeOptions {
  logger?: Logger;
  /**
   * What this process does to the store (once, import, approve, daemon…): it registers, so that its
   * work in flight is never taken for a crash's leftover. Absent: a read-only command, which creates
   * nothing (no store, no registration).
   */
  role?: string;
}

export async function openRuntime(config: Config, io: Io, options: RuntimeOptions = {}): Promise<Runtime> {
  const store = await openStore(config.dataDir, { readOnly: options.role === undefined });
  const log = options.logger ?? createLogger({ level: io.env.KOTAE_LOG_LEVEL ?? 'warn' });
  let leave = async () => {};
  try {
    if (options.role !== undefined) {
      // One daemon per store: a second one beside it would sync the same mailboxes twice.
      const presence = await startPresence(store.db, options.role, { alone: options.role === 'daemon', onError: (err) => log.warn({ err: errorMessage(err) }, 'could not refresh this process in the store') });
      if (presence.other) throw otherDaemon(presence.other, store.path);
      leave = presence.stop;
    }
  } catch (err) {
    await store.close();
    throw err;
  }
  const close = async () => {
    try {
      await leave();
    } finally {
      await store.close();
    }
  };
  return { config, store, db: store.db, clock: clockFrom(io.env), log, close };
}

function otherDaemon(other: ProcessRow, path: string): KotaeError {
  return new KotaeError(`another kotae daemon is already running on this store (${path}): pid ${other.pid} on ${other.host}, started ${other.started_at}`, {
    hint: 'Stop that daemon first (docker compose down, or kill its process); `kotae once`, `import`, `approve` and `reject` may run beside it.',
  });
}

/** Run `work` with the store open, and close it whatever happens. */
export async function withRuntime<T>(config: Config, io: Io, work: (rt: Runtime) => Promise<T>, options: RuntimeOptions = {}): Promise<T> {
  const rt = await openRuntime(config, io, options);
  try {
    return await work(rt);
  } finally {
    await rt.close();
  }
}

/** Pick an account by id (--account), else the first configured one, else the built-in `local`. */
export function pickAccount(config: Config, id: string | undefined): AccountConfig | { id: string; marketplace: null } {
  if (id !== undefined) {
    const found = config.accounts.find((a) => a.id === id);
    if (!found) {
      throw new UsageError(`no account "${id}" in the configuration`, {
        hint: config.accounts.length ? `Known accounts: ${config.accounts.map((a) => a.id).join(', ')}.` : 'Add it under accounts: in kotae.config.yaml.',
      });
    }
    return found;
  }
  return config.accounts[0] ?? { id: 'local', marketplace: null };
}
