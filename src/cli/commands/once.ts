// `kotae once`: one full cycle, then exit. Exit 1 when an account could not be synced.
// After a backlog with replies waiting it may start afresh before drafting (src/daemon/fresh-start.ts):
// the new image carries the first part's report in KOTAE_ONCE_CARRY, drafts, and reports the whole cycle.
import { runCycle, type CycleReport } from '../../cycle.ts';
import { FRESH_START_ENV, FreshStartWatch, freshStartPolicy, residentMb } from '../../daemon/fresh-start.ts';
import { analysisPoolOptions } from '../../ingest/process.ts';
import { lastingWorkerPool } from '../../ingest/pool.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { checkSecrets } from '../../config/load.ts';
import { errorMessage } from '../../shared/errors.ts';
import { createLogger } from '../../shared/log.ts';
import { processIo, type Io } from '../io.ts';
import { approveFreshStart, canStartAfresh, fillFreshStartCache, startAfresh } from '../restart.ts';
import { readConfig, withRuntime } from '../runtime.ts';

/** The report of the cycle's part before a fresh start, as JSON, for the new image to add to its own. */
const CARRY_ENV = 'KOTAE_ONCE_CARRY';

export const command: Command = {
  usage: 'once [--config PATH] [--json]',
  summary: 'Run one full cycle: fetch new mail, understand it, draft replies, send what is approved or automatic; then exit.',
  options: { ...configOption, ...jsonOption },
  async run({ values, io }) {
    const startRssMb = residentMb();
    const config = readConfig(values, io, 'accounts');
    checkSecrets(config, io.env);
    const lastFreshStart = Number(io.env[FRESH_START_ENV]) || undefined;
    const carried = carriedReport(io.env[CARRY_ENV], lastFreshStart);
    // Read once: nothing this run starts inherits it.
    delete io.env[CARRY_ENV];
    // Only as the process itself: a command run inside another program (a test) never replaces it.
    const mayStartAfresh = io === processIo && canStartAfresh;
    let deferred: CycleReport | null = null;
    const code = await withRuntime(config, io, async (rt) => {
      // The daemon's watch, asked only before drafting (one cycle has no idle spell, so its idle wait is never armed): the same limits and cooldown.
      const watch = new FreshStartWatch(freshStartPolicy(config.memory, lastFreshStart), { busy: () => true, due: (figures) => approveFreshStart(figures, values, io, rt.log) });
      watch.started(startRssMb);
      // Not after a failed sync: its error belongs in this run's report and exit code.
      const beforeDrafting = (accounts: CycleReport['accounts']) => !accounts.some((a) => a.error !== null) && watch.beforeDrafting();
      // Analysed in a watched worker, started only if there is mail: a message that hangs a parser is
      // quarantined instead of holding up this run and every run after it.
      const analysis = lastingWorkerPool(analysisPoolOptions(rt));
      const ran = await runCycle(rt, { analysis, ...(mayStartAfresh ? { beforeDrafting } : {}) }).finally(() => analysis.close());
      if (ran.draftingDeferred) {
        deferred = ran;
        return 0;
      }
      return printReport(carried ? joinReports(carried, ran) : ran, values.json === true, io);
    }, { role: 'once' });
    if (deferred === null) return code;
    // The store is closed (and its lock let go): the new image opens it again.
    await fillFreshStartCache(io.env, createLogger({ level: io.env.KOTAE_LOG_LEVEL ?? 'warn' }));
    try {
      startAfresh(io.env, { [CARRY_ENV]: JSON.stringify(deferred) });
    } catch (err) {
      // The drafts wait in the store for the next run; this one says what it did.
      io.err(`kotae: could not start afresh to draft (${errorMessage(err)}); the replies waiting are drafted by the next run`);
      return printReport(deferred, values.json === true, io);
    }
  },
};

/** The report on stdout (JSON with --json) and the exit code: 1 when an account could not be synced or sent for. */
function printReport(report: CycleReport, json: boolean, io: Io): number {
  if (json) io.out(JSON.stringify(report));
  else {
    for (const a of report.accounts) {
      io.out(a.error ? `${a.id}: sync failed: ${a.error}` : a.sync ? `${a.id}: ${a.sync.stored} new message(s), ${a.sync.duplicates} already stored` : `${a.id}: not synced here: another kotae process (the daemon) syncs this mailbox`);
    }
    io.out(`processed ${report.process.processed}, failed ${report.process.failed}, quarantined ${report.process.quarantined}`);
    io.out(`drafts ${report.respond.drafted} for approval, ${report.respond.automatic} automatic, ${report.respond.notified} notices; approval mails ${report.approvals.approvalMails}, replies queued ${report.queued}`);
    for (const s of report.send) io.out(s.error ? `${s.id}: sending failed: ${s.error}` : `${s.id}: sent ${s.report!.sent}, retrying ${s.report!.retried}, failed ${s.report!.failed}`);
  }
  return report.accounts.some((a) => a.error) || report.send.some((s) => s.error) ? 1 : 0;
}

/** The report a fresh start carried, only just after one (a value left in a shell or a unit file is ignored). */
function carriedReport(value: string | undefined, lastFreshStart: number | undefined): CycleReport | null {
  if (!value || lastFreshStart === undefined || Date.now() - lastFreshStart > CARRY_MAX_AGE_MS) return null;
  try {
    const report = JSON.parse(value) as Partial<CycleReport>;
    return Array.isArray(report.accounts) && typeof report.process?.processed === 'number' ? (report as CycleReport) : null;
  } catch {
    return null;
  }
}

/** A carried report is used only by the image started with it, seconds later. */
const CARRY_MAX_AGE_MS = 10 * 60_000;

/** One cycle's report from its part before a fresh start and the part after: what was synced and analysed adds up. */
export function joinReports(before: CycleReport, after: CycleReport): CycleReport {
  const accounts = after.accounts.map((a) => {
    const b = before.accounts.find((x) => x.id === a.id);
    if (!b) return a;
    const sync = a.sync && b.sync ? { fetched: a.sync.fetched + b.sync.fetched, stored: a.sync.stored + b.sync.stored, duplicates: a.sync.duplicates + b.sync.duplicates, resynced: [...b.sync.resynced, ...a.sync.resynced] } : (a.sync ?? b.sync);
    // The sync as it stands: the new image synced again.
    return { ...a, sync };
  });
  const process = { processed: before.process.processed + after.process.processed, failed: before.process.failed + after.process.failed, quarantined: before.process.quarantined + after.process.quarantined };
  return { ...after, accounts, process };
}
