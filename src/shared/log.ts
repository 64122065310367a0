// Structured JSON logs, one line per event, on stderr (stdout carries --json output).
// Secrets and whole bodies never reach a log line: callers log IDs, and pino redacts the known
// secret-bearing keys in case one slips into an object.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = ['password', 'pass', 'accessToken', 'token', 'auth', '*.password', '*.pass', '*.accessToken', '*.token', '*.auth', 'raw', 'body', 'text', 'html'];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.KOTAE_LOG_LEVEL ?? 'info';
  return pino(
    {
      level,
      base: { app: 'kotae' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that drops everything: for tests and read-only commands that must print nothing else. */
export const silentLogger: Logger = pino({ level: 'silent' });
