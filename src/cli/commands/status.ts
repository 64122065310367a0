// `kotae status [--json]`: read-only: what the store holds and how each account stands.
import { readStatus } from '../../store/status.ts';
import { formatLocal } from '../../shared/time.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';

export const command: Command = {
  usage: 'status [--json] [--config PATH]',
  summary: 'Show what the store holds (messages, quarantine, cases, drafts, outbox) and when each account last synced.',
  options: { ...configOption, ...jsonOption },
  async run({ values, io }) {
    const config = readConfig(values, io, 'file');
    return withRuntime(config, io, async (rt) => {
      const status = await readStatus(rt.db, config.accounts.map((a) => a.id), rt.clock.now());
      if (values.json) {
        io.out(JSON.stringify(status));
        return 0;
      }
      io.out(`Store: ${rt.store.path}`);
      io.out(`Messages: ${status.messages} (${status.pending} waiting to be processed, ${status.quarantined} quarantined)`);
      io.out(`Cases: ${status.cases.open} open, ${status.cases.overdue} overdue`);
      io.out(`Drafts waiting for approval: ${status.drafts.waiting}`);
      io.out(`Outbox: ${status.outbox.pending} to send, ${status.outbox.sent} sent, ${status.outbox.failed} failed`);
      for (const a of status.accounts) {
        // The seller's time zone, as every other command; --json keeps ISO UTC.
        const sync = a.lastSyncAt ? `last synced ${formatLocal(a.lastSyncAt, config.timezone)}` : 'never synced';
        io.out(`Account ${a.id}: ${sync}${a.lastError ? `; last error: ${a.lastError}` : ''}`);
      }
      return 0;
    });
  },
};
