// `kotae run`: the daemon, until SIGTERM or SIGINT; then a clean stop within 10 seconds. Idle and
// holding much more memory than at start, it stops the same way and starts afresh (fresh-start.ts).
import { Daemon } from '../../daemon/daemon.ts';
import { FRESH_START_ENV } from '../../daemon/fresh-start.ts';
import { createLogger } from '../../shared/log.ts';
import { configOption, type Command } from '../command.ts';
import { checkSecrets } from '../../config/load.ts';
import { approveFreshStart, canStartAfresh, fillFreshStartCache, startAfresh } from '../restart.ts';
import { openRuntime, readConfig } from '../runtime.ts';

type StopReason = NodeJS.Signals | 'fresh start';

export const command: Command = {
  usage: 'run [--config PATH]',
  summary: 'Run the daemon: IMAP IDLE and scheduled polls, reminders and the daily digest, /healthz and /metrics, until SIGTERM/SIGINT.',
  options: { ...configOption },
  async run({ values, io }) {
    // Listening first: a signal during the start (a fresh start's too) stops the daemon once it is up;
    // a second one, for a start that hangs (a store that does not answer), ends the process at once.
    let signal: NodeJS.Signals | null = null;
    let stop: (reason: StopReason) => void = () => {};
    const stopFill = new AbortController();
    const stopping = new Promise<StopReason>((resolve) => (stop = resolve));
    for (const s of ['SIGTERM', 'SIGINT'] as const) {
      process.on(s, () => {
        if (signal !== null) process.exit(s === 'SIGINT' ? 130 : 143);
        stop((signal = s));
        stopFill.abort();
      });
    }

    const config = readConfig(values, io, 'accounts');
    checkSecrets(config, io.env);
    const log = createLogger({ level: io.env.KOTAE_LOG_LEVEL ?? 'info' });
    const rt = await openRuntime(config, io, { logger: log, role: 'daemon' });
    let daemon: Daemon | undefined;
    try {
      daemon = new Daemon(rt, { lastFreshStartAt: Number(io.env[FRESH_START_ENV]) || undefined });
      await daemon.start();
    } catch (err) {
      // Nothing half-running (a busy port, broken rules): what started stops, and the process can exit.
      await daemon?.stop(0);
      await rt.close();
      throw err;
    }
    if (canStartAfresh) {
      daemon.whenFreshStartDue((figures) => {
        // A new start reads the configuration and the rules again: one edited into a broken state would
        // end the daemon there, so this one stays as it is and says why.
        if (!approveFreshStart(figures, values, io, log)) return false;
        stop('fresh start');
        return true;
      });
    }
    const reason = await stopping;
    if (reason !== 'fresh start') log.info({ signal: reason }, 'stopping');
    // Steps are transactional: one abandoned after the grace period is finished by the next start.
    const outcome = await daemon.stop(8_000);
    await rt.close();
    if (reason === 'fresh start' && signal === null) await fillFreshStartCache(io.env, log, stopFill.signal);
    // A signal that came while stopping for a fresh start, or while filling its cache, ends the process instead.
    if (reason === 'fresh start' && signal === null) startAfresh(io.env);
    return outcome === 'finished' ? 0 : 1;
  },
};
