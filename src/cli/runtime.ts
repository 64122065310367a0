// Opening what a command needs: the configuration (validated) and the store (migrated).
import { findConfigFile, loadConfig, type Config } from '../config/load.ts';
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { UsageError } from '../shared/errors.ts';
import { createLogger, type Logger } from '../shared/log.ts';
import { openStore, type Store } from '../store/index.ts';
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

export async function openRuntime(config: Config, io: Io, options: { logger?: Logger } = {}): Promise<Runtime> {
  const store = await openStore(config.dataDir);
  const log = options.logger ?? createLogger({ level: io.env.KOTAE_LOG_LEVEL ?? 'warn' });
  return { config, store, db: store.db, clock: clockFrom(io.env), log, close: () => store.close() };
}

/** Run `work` with the store open, and close it whatever happens. */
export async function withRuntime<T>(config: Config, io: Io, work: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(config, io);
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
