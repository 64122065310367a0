// `kotae <command>`: parse the command line, run the command, map errors to exit statuses
// (0 ok, 1 runtime failure, 2 bad usage or configuration) with a message on stderr.
import { parseArgs } from 'node:util';
import { ConfigError, KotaeError, UsageError, errorMessage } from '../shared/errors.ts';
import type { Command } from './command.ts';
import { processIo, type Io } from './io.ts';

/** Loaded on demand, so `kotae classify` does not pay for the IMAP and SMTP libraries. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  run: () => import('./commands/run.ts'),
  once: () => import('./commands/once.ts'),
  demo: () => import('./commands/demo.ts'),
  import: () => import('./commands/import.ts'),
  classify: () => import('./commands/classify.ts'),
  cases: () => import('./commands/cases.ts'),
  case: () => import('./commands/case.ts'),
  note: () => import('./commands/note.ts'),
  verify: () => import('./commands/verify.ts'),
  drafts: () => import('./commands/drafts.ts'),
  draft: () => import('./commands/draft.ts'),
  approve: () => import('./commands/approve.ts'),
  reject: () => import('./commands/reject.ts'),
  templates: () => import('./commands/templates.ts'),
  guard: () => import('./commands/guard.ts'),
  status: () => import('./commands/status.ts'),
  quarantine: () => import('./commands/quarantine.ts'),
  doctor: () => import('./commands/doctor.ts'),
  health: () => import('./commands/health.ts'),
};

const HELP = `kotae: answers an Amazon seller's mail, with approval by email

Usage: kotae <command> [options]    (every command takes --config PATH; KOTAE_CONFIG works too)

  run                         the daemon: IMAP IDLE and scheduled polls until SIGTERM
  once                        one full cycle (ingest, understand, draft, send), then exit
  demo                        the whole flow on a built-in sample mailbox; no account needed
  import PATH...              store .eml files, Maildir folders or mbox files (backfill)
  classify FILE|FOLDER|-... --json  read-only: what kotae makes of each message
  cases [--status S] [--kind K] [--overdue] / case ID [--json]
  case ID --fault P / --money "3240 JPY 在庫保管手数料 claimed" / --export DIR
  note CASE TEXT [--channel phone|chat|other]   a note on the case's timeline
  verify [ID]                 check the timelines' hash chains and stored mail: 0 intact, 1 altered
  drafts / draft ID [--edit]   the approval queue / one draft as the buyer would get it, its blanks
  approve ID [--body FILE|-] / reject ID
  templates check / templates preview NAME [--case ID]
  guard FILE|FOLDER|-... --json [--lang ja|en]
  status [--json]             what the store holds and how each account stands
  quarantine [retry ID...|--all]  messages that failed 3 times, and re-running them
  doctor [--json]             check the store: file, size, schema, processes using it, integrity
  health                      ask the running daemon's /healthz (http.port): exit 0 healthy, 1 not

Exit status: 0 ok; 1 runtime failure, including a case, draft, message or template named that does
not exist, and mail quarantined by import; 2 bad usage or configuration.`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`kotae: unknown command "${name}"`);
    io.err('Run `kotae --help` for the list of commands.');
    return 2;
  }
  try {
    const { command } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`Usage: kotae ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UsageError(errorMessage(err).replace(/\. To specify a positional.*$/s, ''), { hint: `Usage: kotae ${command.usage}` });
    }
    return await command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | string[] | undefined>, io });
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: Io): number {
  if (err instanceof KotaeError) {
    io.err(`kotae: ${err.message}`);
    if (err.hint) io.err(err.hint);
    return err instanceof UsageError || err instanceof ConfigError ? 2 : 1;
  }
  io.err(`kotae: unexpected error: ${errorMessage(err)}`);
  if (err instanceof Error && err.stack && io.env.KOTAE_DEBUG) io.err(err.stack);
  io.err('This is a bug in kotae; set KOTAE_DEBUG=1 for the stack trace and report it.');
  return 1;
}
