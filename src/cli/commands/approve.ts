// `kotae approve ID [--body FILE|-]` / `kotae reject ID`: decide a draft from a terminal. The same
// path as a reply by mail: an edited text becomes a new revision, the policy guard runs again before
// anything is approved, and the next cycle sends it.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { decide, type Decision } from '../../approval/decide.ts';
import { loadGuardRules } from '../../respond/guard/index.ts';
import { getDraft } from '../../store/drafts.ts';
import { NotFoundError, UsageError } from '../../shared/errors.ts';
import { rulesFile, type Config } from '../../config/load.ts';
import { configOption, type Command } from '../command.ts';
import type { Io } from '../io.ts';
import { readConfig, withRuntime } from '../runtime.ts';

export function decisionCommand(command: 'approve' | 'reject'): Command {
  return {
    usage: command === 'approve' ? 'approve ID [--body FILE|-] [--config PATH]' : 'reject ID [--config PATH]',
    summary:
      command === 'approve'
        ? 'Approve a draft waiting for approval; the next cycle (`kotae once` or the daemon) sends it.\n  --body FILE (or - for standard input): send this text instead (fill the blanks 【要記入】): a new revision, checked by the policy guard again, as an edit by mail is.\n  `kotae draft ID` shows the text; `kotae draft ID --edit` edits it in $EDITOR.'
        : 'Reject a draft: it is never sent.',
    options: command === 'approve' ? { ...configOption, body: { type: 'string' } } : { ...configOption },
    async run({ positionals, values, io }) {
      const id = draftId(command, positionals);
      const body = values.body as string | undefined;
      const config = readConfig(values, io, 'file');
      const editedText = body === undefined ? undefined : await readBody(body, io);
      return decideFromTerminal(config, io, id, editedText === undefined ? { command } : { command: 'approve', editedText });
    },
  };
}

export const command = decisionCommand('approve');

/** The one draft ID a command takes: a number, else bad usage. */
export function draftId(command: string, positionals: string[]): number {
  const id = Number(positionals[0]?.replace(/^#/, ''));
  if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError(`${command} needs one draft ID (a number)`, { hint: '`kotae drafts` lists the drafts waiting for approval, with their IDs.' });
  return id;
}

export function draftNotFound(id: number): NotFoundError {
  return new NotFoundError(`no draft ${id}`, { hint: '`kotae drafts --all` lists every draft with its ID.' });
}

/** The text of --body: a file, or standard input for `-`; UTF-8, without the trailing line break an editor adds. */
async function readBody(path: string, io: Io): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? await io.readStdin() : await readFile(resolve(io.cwd, path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--body ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`}`, { hint: 'Give the file holding the full text to send, or - to read it from standard input.' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`--body ${path} is not UTF-8 text`, { hint: 'Save the text as UTF-8.' });
  }
  text = text.replace(/\r\n/g, '\n').trimEnd();
  if (text.trim() === '') throw new UsageError(`--body ${path} is empty`, { hint: 'Give the full text to send; `kotae reject ID` drops a draft.' });
  return text;
}

/** Decide one draft as `terminal:<user>`; prints the outcome and returns the exit status. */
export async function decideFromTerminal(config: Config, io: Io, id: number, decision: Decision): Promise<number> {
  return withRuntime(
    config,
    io,
    async (rt) => {
      const draft = await getDraft(rt.db, id);
      if (!draft) throw draftNotFound(id);
      if (draft.state !== 'awaiting_approval') {
        io.err(`kotae: draft ${id} is ${draft.state}, not waiting for approval; nothing changed.`);
        return 1;
      }
      const guard = loadGuardRules(rulesFile(config, 'guard'));
      const by = `terminal:${userInfo().username}`;
      const outcome = await rt.db.transaction().execute((trx) => decide(trx, { draft, decision, by, guard, now: rt.clock.now() }));
      if (outcome.result === 'blocked') {
        io.err(`kotae: draft ${id} cannot be sent as it is:`);
        for (const v of outcome.violations) io.err(`  ${v.rule}: 「${v.excerpt}」 ${v.message}`);
        for (const p of outcome.placeholders) io.err(`  blank to fill: ${p}`);
        io.err(`It waits as draft ${outcome.draft.id} (revision ${outcome.draft.revision}); the approvers get a new approval mail.`);
        io.err(`Fill it with \`kotae draft ${outcome.draft.id} --edit\` or \`kotae approve ${outcome.draft.id} --body FILE\`.`);
        return 1;
      }
      if (outcome.result === 'already-decided') {
        io.err(`kotae: draft ${id} was decided meanwhile (by a reply or another kotae); nothing changed.`);
        return 1;
      }
      if (outcome.result === 'rejected') io.out(`Draft ${id} rejected; it will not be sent.`);
      else if (decision.command === 'approve' && decision.editedText !== undefined) io.out(`Draft ${id} edited and approved; the next cycle sends the new text.`);
      else io.out(`Draft ${id} approved; the next cycle sends it.`);
      return 0;
    },
    { role: 'approve' },
  );
}
