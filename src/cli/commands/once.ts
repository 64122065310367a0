// `kotae once`: one full cycle, then exit. Exit 1 when an account could not be synced.
import { runCycle } from '../../cycle.ts';
import { analysisPoolOptions } from '../../ingest/process.ts';
import { lastingWorkerPool } from '../../ingest/pool.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { checkSecrets } from '../../config/load.ts';
import { readConfig, withRuntime } from '../runtime.ts';

export const command: Command = {
  usage: 'once [--config PATH] [--json]',
  summary: 'Run one full cycle: fetch new mail, understand it, draft replies, send what is approved or automatic; then exit.',
  options: { ...configOption, ...jsonOption },
  async run({ values, io }) {
    const config = readConfig(values, io, 'accounts');
    checkSecrets(config, io.env);
    return withRuntime(config, io, async (rt) => {
      // Analysed in a watched worker, started only if there is mail: a message that hangs a parser is
      // quarantined instead of holding up this run and every run after it.
      const analysis = lastingWorkerPool(analysisPoolOptions(rt));
      const report = await runCycle(rt, { analysis }).finally(() => analysis.close());
      if (values.json) io.out(JSON.stringify(report));
      else {
        for (const a of report.accounts) {
          io.out(a.error ? `${a.id}: sync failed: ${a.error}` : a.sync ? `${a.id}: ${a.sync.stored} new message(s), ${a.sync.duplicates} already stored` : `${a.id}: not synced here: another kotae process (the daemon) syncs this mailbox`);
        }
        io.out(`processed ${report.process.processed}, failed ${report.process.failed}, quarantined ${report.process.quarantined}`);
        io.out(`drafts ${report.respond.drafted} for approval, ${report.respond.automatic} automatic, ${report.respond.notified} notices; approval mails ${report.approvals.approvalMails}, replies queued ${report.queued}`);
        for (const s of report.send) io.out(s.error ? `${s.id}: sending failed: ${s.error}` : `${s.id}: sent ${s.report!.sent}, retrying ${s.report!.retried}, failed ${s.report!.failed}`);
      }
      return report.accounts.some((a) => a.error) || report.send.some((s) => s.error) ? 1 : 0;
    }, { role: 'once' });
  },
};
