// `kotae import PATH…`: backfill from .eml files, Maildir folders and mbox files, then understand
// what was stored. Nothing is sent: replies are drafted only by `once`/`run`. Exit 1 when any
// message was quarantined (the rest are stored and processed).
import { resolve } from 'node:path';
import { lastingWorkerPool } from '../../ingest/pool.ts';
import { analysisPoolOptions } from '../../ingest/process.ts';
import { syncSource } from '../../ingest/sync.ts';
import { messageStages, storeAndProcess } from '../../cycle.ts';
import { lazyKit } from '../../respond/kit.ts';
import { LocalSource } from '../../sources/local.ts';
import { UsageError } from '../../shared/errors.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { pickAccount, readConfig, withRuntime } from '../runtime.ts';

export const command: Command = {
  usage: 'import PATH... [--account ID] [--config PATH] [--json]',
  summary: 'Store .eml files, folders of them, Maildir folders or mbox files (backfill), then classify and thread them.',
  options: { ...configOption, ...jsonOption, account: { type: 'string' } },
  async run({ positionals, values, io }) {
    if (positionals.length === 0) throw new UsageError('import needs at least one PATH', { hint: 'Usage: kotae import PATH... (files, Maildir folders, mbox files)' });
    const config = readConfig(values, io, 'file');
    const account = pickAccount(config, values.account as string | undefined);
    return withRuntime(config, io, async (rt) => {
      const source = new LocalSource(positionals.map((p) => resolve(io.cwd, p)), { batchSize: config.sync.batchSize });
      // In a watched worker, as `once` does: a hostile file is quarantined, the import goes on.
      const analysis = lastingWorkerPool(analysisPoolOptions(rt));
      const [sync, processed] = await storeAndProcess(rt, messageStages(rt, lazyKit(rt.config)), (fresh) => syncSource(rt, account.id, source, { fresh }), analysis).finally(() => analysis.close());
      const summary = { account: account.id, read: sync.fetched, stored: sync.stored, duplicates: sync.duplicates, ...processed };
      if (values.json) io.out(JSON.stringify(summary));
      else {
        io.out(`Imported into account ${account.id}: ${sync.fetched} message(s) read, ${sync.stored} new, ${sync.duplicates} already stored.`);
        io.out(`Processed ${processed.processed}; ${processed.failed} failed (${processed.quarantined} quarantined: see \`kotae quarantine\`).`);
      }
      // Quarantined mail is mail kotae could not understand: a script running the import must see it.
      if (processed.quarantined > 0) {
        io.err(`kotae: ${processed.quarantined} message(s) quarantined: \`kotae quarantine\` shows why, \`kotae quarantine retry --all\` runs them again.`);
        return 1;
      }
      return 0;
    }, { role: 'import' });
  },
};
