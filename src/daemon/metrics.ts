// Prometheus metrics (prom-client): what came in, what went out, what failed, how fast replies are.
import { refusedReplies } from '../store/outbox.ts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CycleReport } from '../cycle.ts';
import type { Db } from '../store/index.ts';
import { listAccountStates } from '../store/mailboxes.ts';
import { countMessages } from '../store/messages.ts';
import { self, syncHolders } from '../store/processes.ts';

export class Metrics {
  readonly registry = new Registry();
  readonly ingested = new Counter({ name: 'kotae_messages_ingested_total', help: 'Messages stored, by account', labelNames: ['account'], registers: [this.registry] });
  readonly drafts = new Counter({ name: 'kotae_drafts_total', help: 'Drafts made, by mode', labelNames: ['mode'], registers: [this.registry] });
  readonly sent = new Counter({ name: 'kotae_sent_total', help: 'Mail sent, by account', labelNames: ['account'], registers: [this.registry] });
  readonly failures = new Counter({ name: 'kotae_failures_total', help: 'Failures, by kind (sync, send, process, cycle)', labelNames: ['kind'], registers: [this.registry] });
  readonly breaches = new Counter({ name: 'kotae_sla_breaches_total', help: "Buyer messages past Amazon's reply-by time without an answer", registers: [this.registry] });
  readonly quarantined = new Gauge({ name: 'kotae_quarantined_messages', help: 'Messages in quarantine', registers: [this.registry] });
  readonly refused = new Gauge({ name: 'kotae_replies_refused', help: 'Replies the mail server refused for good in the last 24 hours', registers: [this.registry] });
  readonly replyTime = new Histogram({
    name: 'kotae_reply_time_seconds',
    help: "Time from a buyer's message to kotae's reply leaving",
    buckets: [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 48 * 3600],
    registers: [this.registry],
  });
  readonly cycleSeconds = new Histogram({ name: 'kotae_cycle_duration_seconds', help: 'Duration of one cycle', labelNames: ['job'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60], registers: [this.registry] });
  readonly holds = new Gauge({ name: 'kotae_sync_held', help: 'Whether this daemon syncs the account\'s mailbox (1) or another kotae process does (0)', labelNames: ['account'], registers: [this.registry] });
  readonly lastSync = new Gauge({ name: 'kotae_last_sync_timestamp_seconds', help: 'When each account last synced', labelNames: ['account'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'kotae_' });
  }

  record(report: CycleReport): void {
    for (const a of report.accounts) {
      if (a.sync) this.ingested.inc({ account: a.id }, a.sync.stored);
      if (a.error) this.failures.inc({ kind: 'sync' });
    }
    this.failures.inc({ kind: 'process' }, report.process.failed);
    this.drafts.inc({ mode: 'approval' }, report.respond.drafted);
    this.drafts.inc({ mode: 'auto' }, report.respond.automatic);
    this.drafts.inc({ mode: 'notify' }, report.respond.notified);
    this.breaches.inc(report.reminders.breaches);
    for (const s of report.send) {
      if (s.report) {
        this.sent.inc({ account: s.id }, s.report.sent + s.report.recovered);
        this.failures.inc({ kind: 'send' }, s.report.failed);
        for (const seconds of s.report.replySeconds) this.replyTime.observe(seconds);
      }
      if (s.error) this.failures.inc({ kind: 'send' });
    }
  }

  async refreshFromStore(db: Db): Promise<void> {
    this.quarantined.set((await countMessages(db)).quarantined);
    this.refused.set((await refusedReplies(db, new Date(Date.now() - 24 * 3_600_000))).length);
    for (const [account, owner] of await syncHolders(db)) this.holds.set({ account }, owner === self.id ? 1 : 0);
    for (const s of await listAccountStates(db)) {
      if (s.last_sync_at) this.lastSync.set({ account: s.account_id }, new Date(s.last_sync_at).getTime() / 1000);
    }
  }
}
