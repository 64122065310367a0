// `kotae run`: IMAP IDLE on each inbox for new mail within seconds, cron schedules (in the seller's
// time zone) for a full poll, the deadline checks and the daily digest, templates reloaded when the
// seller edits them, and /healthz and /metrics. Cycles never overlap (Runner). stop() finishes or
// abandons the current step within the grace period; every step is transactional, so abandoning is safe.
import type { Server } from 'node:http';
import cron, { type ScheduledTask } from 'node-cron';
import type { Context } from '../context.ts';
import { runCycle, type CycleReport } from '../cycle.ts';
import { lastingWorkerPool } from '../ingest/pool.ts';
import { analysisPoolOptions } from '../ingest/process.ts';
import { loadReplyKit, type ReplyKit } from '../respond/kit.ts';
import { watchTemplates } from '../respond/templates/index.ts';
import { errorMessage } from '../shared/errors.ts';
import { japaneseReader } from '../respond/guard/words.ts';
import { FreshStartWatch, freshStartPolicy, type FreshStartFigures } from './fresh-start.ts';
import { startHttp } from './http.ts';
import { IdleWatcher } from './idle.ts';
import { Metrics } from './metrics.ts';
import { Runner, type Job } from './runner.ts';

export class Daemon {
  readonly metrics = new Metrics();
  readonly #ctx: Context;
  readonly #runner: Runner;
  #kit: ReplyKit;
  #tasks: ScheduledTask[] = [];
  #watchers: IdleWatcher[] = [];
  #stopWatchingTemplates: (() => void) | null = null;
  #server: Server | null = null;
  /**
   * Messages are analysed in worker threads kept between cycles, even one at a time: a message that
   * hangs a parser then costs a worker, not the daemon (see pool.ts), and the main thread stays free
   * for IDLE and /healthz.
   */
  readonly #analysis: ReturnType<typeof lastingWorkerPool>;
  readonly #freshStart: FreshStartWatch;
  #freshStartDue: ((figures: FreshStartFigures) => boolean) | null = null;

  /** `lastFreshStartAt`: when this process last started afresh (from the environment the last image gave it). */
  constructor(ctx: Context, options: { lastFreshStartAt?: number } = {}) {
    this.#ctx = ctx;
    this.#kit = loadReplyKit(ctx.config);
    this.#analysis = lastingWorkerPool(analysisPoolOptions(ctx));
    this.#runner = new Runner(
      (job) => this.#runJob(job),
      (job, err) => {
        this.metrics.failures.inc({ kind: 'cycle' });
        ctx.log.error({ job, err: errorMessage(err) }, 'cycle failed');
      },
    );
    this.#freshStart = new FreshStartWatch(freshStartPolicy(ctx.config.memory, options.lastFreshStartAt), { busy: () => this.#busyOrFailing(), due: (figures) => this.#freshStartDue?.(figures) ?? false });
  }

  /**
   * A fresh start waits while a cycle runs; while a mailbox fails (/healthz counts an outage from its
   * first failure, which a new start would forget); and while the analysis workers or the Japanese
   * reader are still loaded: they go by themselves after a while, and what is left then is what counts.
   */
  #busyOrFailing(): boolean {
    return this.#runner.busy || this.#watchers.some((w) => w.failure !== null) || this.#analysis.holdsWorkers || japaneseReader.loaded;
  }

  /**
   * Call `due` once the daemon has been idle for memory.idleSeconds holding far more memory than at
   * start, or within a cycle once a backlog is in and replies wait to be drafted (fresh-start.ts); the
   * caller stops it and starts the process afresh, or returns false when it cannot now (the daemon then
   * drafts as it is, and looks again after its next cycle).
   */
  whenFreshStartDue(due: (figures: FreshStartFigures) => boolean): void {
    this.#freshStartDue = due;
  }

  /** Throws, having started nothing that would keep running, when /healthz cannot be served. */
  async start(): Promise<void> {
    const { config, log } = this.#ctx;
    // The port first: a busy one is a start-up error, before any mailbox is watched or cycle is run.
    this.#server = await startHttp(config, this.#ctx.db, this.#ctx.clock, this.metrics, (id) => this.#watchers.find((w) => w.accountId === id)?.failure ?? null);
    const address = this.#server.address();
    log.info({ port: typeof address === 'object' && address ? address.port : config.http.port }, 'serving /healthz and /metrics');
    for (const p of this.#kit.templates.problems) log.error({ file: p.file, line: p.line, problem: p.message }, 'template problem: this template is not used until fixed');
    this.#stopWatchingTemplates = watchTemplates(
      config.templatesDir,
      (templates) => {
        this.#kit = { ...this.#kit, templates };
        log.info({ templates: templates.list().length }, 'templates reloaded');
      },
      (problems) => {
        for (const p of problems) log.error({ file: p.file, line: p.line, problem: p.message }, 'template problem: the last good version stays in use');
      },
    );
    const schedule = (expr: string, job: Job) => this.#tasks.push(cron.schedule(expr, () => this.#runner.request(job), { timezone: config.timezone, name: `kotae-${job}`, noOverlap: true }));
    schedule(config.schedule.poll, 'mail');
    schedule(config.schedule.sla, 'sla');
    schedule(config.schedule.digest, 'digest');
    for (const account of config.accounts.filter((a) => a.imap)) {
      const watcher = new IdleWatcher(account, () => this.#runner.request('mail'), log, this.#ctx.clock);
      watcher.start();
      this.#watchers.push(watcher);
    }
    log.info({ accounts: config.accounts.map((a) => a.id), timezone: config.timezone, schedule: config.schedule }, 'kotae is running');
    this.#freshStart.started();
    this.#runner.request('mail');
  }

  async #runJob(job: Job): Promise<void> {
    const started = process.hrtime.bigint();
    let report: CycleReport;
    try {
      report = await runCycle(this.#ctx, {
        kit: this.#kit,
        ingest: job === 'mail',
        digest: job === 'digest',
        analysis: this.#analysis,
        // Only in a mail cycle without the digest waiting behind it (a stop would drop it; a mail job waiting
        // is done by the new start's first cycle, an SLA check by the next tick), and not while a mailbox
        // fails: /healthz counts an outage from its first failure, which a new start would forget.
        ...(job === 'mail' ? { beforeDrafting: (accounts) => !this.#runner.waits('digest') && !accounts.some((a) => a.error !== null) && !this.#watchers.some((w) => w.failure !== null) && this.#freshStart.beforeDrafting() } : {}),
      });
    } finally {
      // A failed cycle is activity too: the idle spell counts from its end.
      this.#freshStart.cycleDone();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.record(report);
    this.metrics.cycleSeconds.observe({ job }, seconds);
    this.#ctx.log.info(
      {
        job,
        seconds: Math.round(seconds * 1000) / 1000,
        stored: report.accounts.reduce((n, a) => n + (a.sync?.stored ?? 0), 0),
        processed: report.process.processed,
        drafted: report.respond.drafted + report.respond.automatic + report.respond.notified,
        reminders: report.reminders.reminders,
        sent: report.send.reduce((n, s) => n + (s.report?.sent ?? 0), 0),
      },
      'cycle done',
    );
  }

  /** Stop taking work; wait for the current step at most `graceMs`. */
  async stop(graceMs = 8_000): Promise<'finished' | 'abandoned'> {
    this.#freshStart.stop();
    // No new cycle from here on (a cron tick or an IDLE event while the rest stops would start one).
    const running = this.#runner.stop(graceMs);
    for (const task of this.#tasks) await task.stop();
    this.#tasks = [];
    await Promise.all(this.#watchers.map((w) => w.stop()));
    this.#watchers = [];
    this.#stopWatchingTemplates?.();
    const outcome = await running;
    if (this.#server) await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
    this.#server = null;
    await this.#analysis.close();
    this.#ctx.log.info({ outcome }, 'kotae stopped');
    return outcome;
  }
}
