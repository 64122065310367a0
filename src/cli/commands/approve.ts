// `kotae approve ID` / `kotae reject ID`: decide a draft from a terminal. The same rules as a reply by
// mail: the policy guard runs again before anything is approved; the next cycle sends it.
import { userInfo } from 'node:os';
import { decide } from '../../approval/decide.ts';
import { loadGuardRules } from '../../respond/guard/index.ts';
import { getDraft } from '../../store/drafts.ts';
import { UsageError } from '../../shared/errors.ts';
import { rulesFile } from '../../config/load.ts';
import { configOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';

export function decisionCommand(command: 'approve' | 'reject'): Command {
  return {
    usage: `${command} ID [--config PATH]`,
    summary: command === 'approve' ? 'Approve a draft waiting for approval; the next cycle (`kotae once` or the daemon) sends it.' : 'Reject a draft: it is never sent.',
    options: { ...configOption },
    async run({ positionals, values, io }) {
      const id = Number(positionals[0]);
      if (positionals.length !== 1 || !Number.isInteger(id)) throw new UsageError(`${command} needs one draft ID`, { hint: '`kotae drafts` lists the drafts waiting for approval.' });
      const config = readConfig(values, io, 'file');
      return withRuntime(config, io, async (rt) => {
        const draft = await getDraft(rt.db, id);
        if (!draft) throw new UsageError(`no draft ${id}`, { hint: '`kotae drafts --all` lists every draft.' });
        if (draft.state !== 'awaiting_approval') {
          io.err(`kotae: draft ${id} is ${draft.state}, not waiting for approval; nothing changed.`);
          return 1;
        }
        const guard = loadGuardRules(rulesFile(config, 'guard'));
        const by = `terminal:${userInfo().username}`;
        const outcome = await rt.db.transaction().execute((trx) => decide(trx, { draft, decision: { command }, by, guard, now: rt.clock.now() }));
        if (outcome.result === 'blocked') {
          io.err(`kotae: draft ${id} cannot be sent as it is:`);
          for (const v of outcome.violations) io.err(`  ${v.rule}: 「${v.excerpt}」 ${v.message}`);
          for (const p of outcome.placeholders) io.err(`  blank to fill: ${p}`);
          io.err(`Revision ${outcome.draft.revision} (draft ${outcome.draft.id}) waits for an edit; the approvers get a new approval mail.`);
          return 1;
        }
        if (outcome.result === 'already-decided') {
          io.err(`kotae: draft ${id} was decided meanwhile (by a reply or another kotae); nothing changed.`);
          return 1;
        }
        io.out(outcome.result === 'approved' ? `Draft ${id} approved; the next cycle sends it.` : `Draft ${id} rejected; it will not be sent.`);
        return 0;
      }, { role: 'approve' });
    },
  };
}

export const command = decisionCommand('approve');
