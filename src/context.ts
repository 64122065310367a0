// What every stage gets: the configuration, the store, the clock and a logger. Network parts
// (IMAP, SMTP) are passed separately, so the core runs in tests without servers.
import type { Config } from './config/load.ts';
import type { Logger } from './shared/log.ts';
import type { Clock } from './shared/clock.ts';
import type { Db } from './store/index.ts';

export interface Context {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
}
