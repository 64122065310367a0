// `kotae run`: the daemon, until SIGTERM or SIGINT; then a clean stop within 10 seconds.
import { Daemon } from '../../daemon/daemon.ts';
import { createLogger } from '../../shared/log.ts';
import { configOption, type Command } from '../command.ts';
import { checkSecrets } from '../../config/load.ts';
import { openRuntime, readConfig } from '../runtime.ts';

export const command: Command = {
  usage: 'run [--config PATH]',
  summary: 'Run the daemon: IMAP IDLE and scheduled polls, reminders and the daily digest, /healthz and /metrics, until SIGTERM/SIGINT.',
  options: { ...configOption },
  async run({ values, io }) {
    const config = readConfig(values, io, 'accounts');
    checkSecrets(config, io.env);
    const log = createLogger({ level: io.env.KOTAE_LOG_LEVEL ?? 'info' });
    const rt = await openRuntime(config, io, { logger: log, role: 'daemon' });
    let daemon: Daemon | undefined;
    try {
      daemon = new Daemon(rt);
      await daemon.start();
    } catch (err) {
      // Nothing half-running (a busy port, broken rules): what started stops, and the process can exit.
      await daemon?.stop(0);
      await rt.close();
      throw err;
    }
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    log.info({ signal }, 'stopping');
    // Steps are transactional: one abandoned after the grace period is finished by the next start.
    const outcome = await daemon.stop(8_000);
    await rt.close();
    return outcome === 'finished' ? 0 : 1;
  },
};
