// `kotae quarantine`: messages that failed three times, with their errors; `quarantine retry` gives
// them three fresh tries and processes them again now, in a worker thread however few they are: a
// message quarantined for hanging the parser must not hang the command that retries it.
import { messageStages } from '../../cycle.ts';
import { lazyKit } from '../../respond/kit.ts';
import { workerPool } from '../../ingest/pool.ts';
import { analysisPoolOptions, processPending } from '../../ingest/process.ts';
import { quarantinedMessages, requeueQuarantined } from '../../store/messages.ts';
import { NotFoundError, UsageError } from '../../shared/errors.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';

export const command: Command = {
  usage: 'quarantine [--json] | quarantine retry (ID... | --all) [--config PATH]',
  summary: 'List quarantined messages (failed 3 times) with their errors, or re-run them.',
  options: { ...configOption, ...jsonOption, all: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    const [action, ...ids] = positionals;
    if (action !== undefined && action !== 'retry') throw new UsageError(`unknown quarantine action "${action}"`, { hint: 'Use `kotae quarantine` or `kotae quarantine retry ID...|--all`.' });
    const config = readConfig(values, io, 'file');
    return withRuntime(config, io, async (rt) => {
      if (action === 'retry') {
        const numbers = ids.map(Number);
        if (!values.all && (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n)))) {
          throw new UsageError('quarantine retry needs message IDs (numbers from `kotae quarantine`) or --all');
        }
        if (!values.all) {
          const held = new Set((await quarantinedMessages(rt.db)).map((r) => r.id));
          const missing = numbers.filter((n) => !held.has(n));
          if (missing.length) throw new NotFoundError(`no quarantined message ${missing.join(', ')}; nothing was re-run`, { hint: '`kotae quarantine` lists the quarantined messages with their IDs.' });
        }
        const requeued = await requeueQuarantined(rt.db, values.all ? 'all' : numbers);
        const pool = workerPool(analysisPoolOptions(rt));
        const result = await processPending(rt, messageStages(rt, lazyKit(rt.config)), { pool }).finally(() => pool.close());
        io.out(values.json ? JSON.stringify({ requeued, ...result }) : `Re-ran ${requeued} message(s): ${result.processed} processed, ${result.failed} failed again.`);
        // As `kotae import`: mail quarantined again is a failure a script must see.
        return result.quarantined > 0 ? 1 : 0;
      }
      const rows = await quarantinedMessages(rt.db);
      if (values.json) {
        for (const r of rows) io.out(JSON.stringify({ id: r.id, account: r.account_id, messageId: r.message_id, origin: r.origin, tries: r.tries, error: r.last_error }));
        return 0;
      }
      if (rows.length === 0) io.out('No quarantined messages.');
      for (const r of rows) io.out(`#${r.id}  ${r.account_id}  ${r.origin}  tries ${r.tries}\n    ${r.last_error}`);
      return 0;
    }, { role: action === 'retry' ? 'quarantine' : undefined });
  },
};
