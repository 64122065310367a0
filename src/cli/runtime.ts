// Opening what a command needs: the configuration (validated) and the store (migrated).
import { isAbsolute, join, relative } from 'node:path';
import { APP_ROOT, DEFAULT_CONFIG_FILE, findConfigFile, loadConfig, storeLocation, type Config } from '../config/load.ts';
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { ConfigError, KotaeError, UsageError, errorMessage } from '../shared/errors.ts';
import { createLogger, type Logger } from '../shared/log.ts';
import { formatLocal } from '../shared/time.ts';
import { openStore, type Store } from '../store/index.ts';
import { startPresence, type ProcessRow } from '../store/processes.ts';
import type { Io } from './io.ts';

export interface Runtime extends Context {
  store: Store;
  close(): Promise<void>;
}

/**
 * What a command needs of the configuration: nothing (classify, guard and templates check run on the
 * defaults), a file (every command on the store: without one it would open an empty store beside the
 * seller's and report nothing), or a file with accounts (once and run, which would otherwise do nothing).
 */
export type ConfigNeed = 'defaults' | 'file' | 'accounts';

/** The configuration named by --config (in a command's parsed options), KOTAE_CONFIG or the default file. */
export function readConfig(values: { config?: unknown }, io: Io, need: ConfigNeed): Config {
  const file = findConfigFile(values.config as string | undefined, io.env, io.cwd);
  if (file === null && need !== 'defaults') {
    throw new ConfigError(join(io.cwd, DEFAULT_CONFIG_FILE), 'not found, and neither --config nor KOTAE_CONFIG names a configuration file', {
      hint: `This command needs your configuration. Start one with \`cp ${exampleConfig(io.cwd)} ${DEFAULT_CONFIG_FILE}\` and fill in your address, approvers, IMAP and SMTP; or pass --config PATH (or set KOTAE_CONFIG) to use one elsewhere.`,
    });
  }
  const config = loadConfig(file, io.cwd);
  if (need === 'accounts' && config.accounts.length === 0) {
    throw new ConfigError(`${config.file} accounts`, 'no accounts: there is no mailbox to watch and no one to ask for approval', {
      hint: `Add an account under accounts: (id, marketplace, address, approvers, imap, smtp); ${exampleConfig(io.cwd)} shows one.`,
    });
  }
  return config;
}

/** The shipped example configuration, as the seller would type its path from here. */
function exampleConfig(cwd: string): string {
  const path = relative(cwd, join(APP_ROOT, 'kotae.config.example.yaml'));
  return path.startsWith('..') || isAbsolute(path) ? join(APP_ROOT, 'kotae.config.example.yaml') : path;
}

/** The clock: the system's, unless KOTAE_NOW (tests) or the configuration's pinnedClock (the demo's store) pins it. */
export function clockFrom(env: NodeJS.ProcessEnv, config?: Pick<Config, 'pinnedClock'>): Clock {
  const pinned = env.KOTAE_NOW || config?.pinnedClock;
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
  const store = await openStore(storeLocation(config, io.env), { readOnly: options.role === undefined });
  const log = options.logger ?? createLogger({ level: io.env.KOTAE_LOG_LEVEL ?? 'warn' });
  let leave = async () => {};
  try {
    if (options.role !== undefined) {
      // One daemon per SQLite store: a second one beside it would sync the same mailboxes twice. On
      // PostgreSQL several daemons are the point: each mailbox is held by one of them (holdSync).
      const presence = await startPresence(store.db, options.role, { alone: options.role === 'daemon' && store.dialect === 'sqlite', onError: (err) => log.warn({ err: errorMessage(err) }, 'could not refresh this process in the store') });
      if (presence.other) throw otherDaemon(presence.other, store.path, config.timezone);
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
  return { config, store, db: store.db, clock: clockFrom(io.env, config), log, close };
}

function otherDaemon(other: ProcessRow, path: string, timeZone: string): KotaeError {
  return new KotaeError(`another kotae daemon is already running on this store (${path}): pid ${other.pid} on ${other.host}, started ${formatLocal(other.started_at, timeZone)}`, {
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
