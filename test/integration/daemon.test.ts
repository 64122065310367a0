// `kotae run` as a process, against real Dovecot and SMTP: it reacts to new mail within seconds
// (IMAP IDLE), answers /healthz and /metrics, survives a Dovecot restart and an SMTP outage without
// losing or duplicating anything, and stops cleanly on SIGTERM.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../src/store/index.ts';
import { startKotae, type RunningKotae } from '../support/child.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { PASSWORD_ENV, waitFor } from '../support/harness.ts';
import { approverReply, buyerMessage, readApprovalMail } from '../support/mail.ts';
import { generateMessages } from '../support/generate.ts';
import { freePort } from '../support/ports.ts';
import { SmtpSink, type ReceivedMail } from '../support/smtp-sink.ts';
import { makeTestDir } from '../support/tmp.ts';

/** The daemon works on its own clock: poll every 100 ms. */
const until = <T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000) => waitFor(what, check, timeoutMs, 100);

describe.skipIf(skipWithoutDovecot())('kotae run, the daemon', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  /** Everything any incarnation of the SMTP server received (it is restarted in the outage test). */
  const received: ReceivedMail[] = [];
  let dir: string;

  beforeAll(async () => {
    dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
    sink = await SmtpSink.start();
  });

  afterAll(async () => {
    await sink?.close();
    await dovecot?.stop();
  });

  /** Daemons of this test: a failed assertion must not leave one running into the next test. */
  const daemons: RunningKotae[] = [];

  beforeEach(async () => {
    received.length = 0;
    sink.received.length = 0;
    await dovecot.empty(['INBOX']);
  });

  afterEach(async () => {
    for (const run of daemons.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGKILL');
        await run.done.catch(() => undefined);
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const to = (address: string) => [...received, ...sink.received].filter((m) => m.to.includes(address));

  /** `log`: the daemon's stderr so far, from its first line (a backlog's fresh start may come before /healthz answers). */
  async function startDaemon(poll: string, more: string[] = []): Promise<{ run: RunningKotae; http: number; log: () => string }> {
    dir = makeTestDir('kotae-daemon-');
    const http = await freePort();
    const config = join(dir, 'kotae.config.yaml');
    writeFileSync(
      config,
      [
        'dataDir: ./data',
        'timezone: Asia/Tokyo',
        `schedule: { poll: "${poll}", sla: "*/10 * * * *", digest: "0 8 * * *" }`,
        'outbox: { retrySeconds: [1, 1, 1, 1, 1] }',
        `http: { host: 127.0.0.1, port: ${http} }`,
        ...more,
        'accounts:',
        '  - id: jp',
        '    marketplace: JP',
        '    address: shop@example.com',
        '    approvers: [owner@example.com]',
        `    imap: { host: 127.0.0.1, port: ${dovecot.port}, secure: false, user: shop@example.com, passwordEnv: ${PASSWORD_ENV} }`,
        `    smtp: { host: 127.0.0.1, port: ${sink.port}, secure: false }`,
        '',
      ].join('\n'),
    );
    // Started as a seller would, without the image's memory settings: kotae sets them itself.
    const run = startKotae(['run'], { cwd: dir, env: { KOTAE_CONFIG: config, [PASSWORD_ENV]: 'secret', KOTAE_LOG_LEVEL: 'info', KOTAE_MEMORY_SETTINGS: '', MALLOC_ARENA_MAX: '', MALLOC_MMAP_THRESHOLD_: '', MALLOC_TRIM_THRESHOLD_: '', NODE_OPTIONS: '' }, timeoutMs: 120_000 });
    daemons.push(run);
    let log = '';
    run.child.stderr!.on('data', (d: string) => (log += d));
    await until('a healthy daemon', async () => (await fetch(`http://127.0.0.1:${http}/healthz`).catch(() => null))?.ok);
    return { run, http, log: () => log };
  }

  /**
   * SIGTERM: the daemon exits 0 by itself (startKotae bounds the wait), having committed its work and
   * left the store as a finished process does: nothing in flight, itself unregistered, the store
   * closed (closing folds the write-ahead log into the file and deletes it).
   */
  async function stopDaemon(run: RunningKotae): Promise<{ outbox: Record<string, number>; drafts: string[] }> {
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
    expect(result.signal).toBeNull();
    const file = join(dir, 'data', STORE_FILE);
    expect(existsSync(`${file}-wal`), 'the store was closed').toBe(false);
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const count = (query: string) => (db.prepare(query).get() as { n: number }).n;
      expect(count("select count(*) as n from messages where state = 'pending'")).toBe(0);
      expect(count("select count(*) as n from outbox where state = 'sending'")).toBe(0);
      expect(count('select count(*) as n from processes')).toBe(0);
      expect(count('select count(*) as n from sync_holders')).toBe(0);
      const outbox = Object.fromEntries((db.prepare('select state, count(*) as n from outbox group by state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
      const drafts = (db.prepare('select state from drafts order by id').all() as { state: string }[]).map((r) => r.state);
      return { outbox, drafts };
    } finally {
      db.close();
    }
  }

  it('wakes on new mail by IDLE, serves health and metrics, and stops on SIGTERM', async () => {
    // Polls are off (once a year): only IMAP IDLE can wake the daemon.
    const { run, http } = await startDaemon('0 0 1 1 *');
    const buyer = await buyerMessage();
    await dovecot.append([buyer.raw]);
    const approval = await until('the approval mail', () => to('owner@example.com')[0]);
    await dovecot.append([await approverReply(await readApprovalMail(approval.raw), { firstLine: '承認' })]);
    await until('the reply to the buyer', () => to(buyer.alias)[0]);

    const health = (await (await fetch(`http://127.0.0.1:${http}/healthz`)).json()) as { ok: boolean; accounts: { id: string; ok: boolean }[] };
    expect(health).toMatchObject({ ok: true, accounts: [{ id: 'jp', ok: true }] });
    // Started as `node bin/kotae.js run` without them, the daemon runs with the image's memory settings.
    const environ = readFileSync(`/proc/${run.child.pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('MALLOC_ARENA_MAX=2');
    expect(environ).toContain('MALLOC_TRIM_THRESHOLD_=131072');
    expect(environ.find((e) => e.startsWith('NODE_OPTIONS='))).toMatch(/--max-old-space-size=256/);
    // The SMTP server sees the reply before the cycle that sent it has recorded its metrics.
    const metrics = await until('the metrics of both cycles', async () => {
      const text = await (await fetch(`http://127.0.0.1:${http}/metrics`)).text();
      return /kotae_reply_time_seconds_count 1/.test(text) && text;
    });
    expect(metrics).toMatch(/kotae_messages_ingested_total\{account="jp"\} 2/);
    expect(metrics).toMatch(/kotae_sent_total\{account="jp"\} 2/);
    // The approval mail and the reply, both recorded as sent.
    expect(await stopDaemon(run)).toEqual({ outbox: { sent: 2 }, drafts: ['sent'] });
    // One JSON object per line on stderr, none carrying the password.
    const lines = (await run.done).stderr.trim().split('\n');
    expect(lines.every((l) => JSON.parse(l).app === 'kotae')).toBe(true);
    expect((await run.done).stderr).not.toContain('secret');
  });

  it('survives a Dovecot restart and an SMTP outage without losing or duplicating anything', async () => {
    const { run } = await startDaemon('*/2 * * * * *');
    const first = await buyerMessage();
    await dovecot.append([first.raw]);
    const approvalOne = await until('the first approval mail', () => to('owner@example.com').find((m) => m.raw.includes(first.orderId)));

    // The IMAP server goes down hard and comes back; mail keeps arriving.
    await dovecot.crashRestart();
    const second = await buyerMessage();
    await dovecot.append([second.raw]);
    await until('the second approval mail, after the restart', () => to('owner@example.com').find((m) => m.raw.includes(second.orderId)), 30_000);

    // The SMTP server goes away while the approver says yes; the reply waits and goes when it is back.
    const port = sink.port;
    received.push(...sink.received);
    await sink.close();
    await dovecot.append([await approverReply(await readApprovalMail(approvalOne.raw), { firstLine: '承認' })]);
    await new Promise((r) => setTimeout(r, 4_000));
    expect(to(first.alias)).toHaveLength(0);
    sink = await SmtpSink.start({ port });
    await until('the reply, once SMTP is back', () => to(first.alias)[0], 30_000);
    await new Promise((r) => setTimeout(r, 5_000));
    const stopped = await stopDaemon(run);
    expect(stopped.drafts).toEqual(['sent', 'awaiting_approval']);
    expect(Object.keys(stopped.outbox)).toEqual(['sent']);

    const seen = [...received, ...sink.received].map((m) => `${m.to.join(',')} ${m.messageId}`).join('\n');
    expect(to(first.alias), seen).toHaveLength(1);
    expect(to(second.alias), seen).toHaveLength(0);
    expect(to('owner@example.com').filter((m) => m.raw.includes(first.orderId) && /^Reply-To:/m.test(m.raw.toString('latin1'))), seen).toHaveLength(1);
    expect(to('owner@example.com').filter((m) => m.raw.includes(second.orderId) && /^Reply-To:/m.test(m.raw.toString('latin1'))), seen).toHaveLength(1);
  });

  it('starts afresh when idle holding the memory a draft took, as the same process, and goes on where it was', { timeout: 150_000 }, async () => {
    // Any growth counts here; looked at every 5 s once idle: the fresh start comes when the daemon has let
    // its analysis workers and its Japanese reader go (30 s after the draft), long before the test's SIGTERM.
    const { run, http, log } = await startDaemon('0 0 1 1 *', ['memory: { freshStartAboveMb: 1, freshStartGrowthMb: 1, idleSeconds: 5 }']);
    const buyer = await buyerMessage();
    await dovecot.append([buyer.raw]);
    // The guard read the draft with its Japanese reader (Lindera): well above the size at start.
    const approval = await until('the approval mail', () => to('owner@example.com')[0]);
    const afresh = await until('a fresh start', () => log().split('\n').find((l) => l.includes('starting afresh to give it back')), 90_000);
    const figures = JSON.parse(afresh) as { residentMb: number; residentAtStartMb: number };
    // memory.freshStartGrowthMb is 1 here: what the draft left, however little, counts.
    expect(figures.residentMb).toBeGreaterThan(figures.residentAtStartMb + 1);
    await until('the daemon running again', () => log().split('starting afresh')[1]?.includes('"kotae is running"'), 30_000);
    // The same process, with the memory settings the launcher gave it, serving /healthz again.
    expect(run.child.exitCode).toBeNull();
    const environ = readFileSync(`/proc/${run.child.pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('MALLOC_ARENA_MAX=2');
    expect(environ.find((e) => e.startsWith('KOTAE_FRESH_START_AT='))).toBeDefined();
    // The new image, which drafts and idles, maps blocks of 32 KB and more on their own (restart.ts).
    expect(environ).toContain('MALLOC_MMAP_THRESHOLD_=32768');
    expect(environ).toContain('MALLOC_TRIM_THRESHOLD_=131072');
    const cmdline = readFileSync(`/proc/${run.child.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toContain('run');
    // …and has V8 favour size over speed.
    expect(cmdline).toContain('--optimize-for-size');
    await until('/healthz again', async () => (await fetch(`http://127.0.0.1:${http}/healthz`).catch(() => null))?.ok);

    await dovecot.append([await approverReply(await readApprovalMail(approval.raw), { firstLine: '承認' })]);
    await until('the reply to the buyer', () => to(buyer.alias)[0]);
    expect(await stopDaemon(run)).toEqual({ outbox: { sent: 2 }, drafts: ['sent'] });
    expect(to(buyer.alias)).toHaveLength(1);
    expect(to('owner@example.com')).toHaveLength(1);
    // One fresh start (the cooldown keeps it to one), two starts in all, on the whole of stderr.
    const stderr = (await run.done).stderr;
    expect(stderr.match(/starting afresh/g)).toHaveLength(1);
    expect(stderr.match(/"kotae is running"/g)).toHaveLength(2);
  });

  it('starts afresh before drafting after a backlog, and the new image drafts at once', { timeout: 150_000 }, async () => {
    // A seller's history (months old: nothing to draft) and one buyer message that came just now, there
    // before the daemon starts: its first cycle is a backlog with a reply waiting.
    await dovecot.deliver(generateMessages(600, { seed: 41, attachmentRatio: 0.05, start: new Date('2025-03-01T00:00:00Z') }), 'INBOX', undefined, { dated: true });
    const buyer = await buyerMessage();
    await dovecot.deliver([buyer.raw]);
    const { run, log } = await startDaemon('0 0 1 1 *', ['memory: { freshStartAboveMb: 1, freshStartGrowthMb: 1 }']);
    const afresh = await until('a fresh start before drafting', () => log().split('\n').find((l) => l.includes('starting afresh to give its memory back before drafting')), 90_000);
    const figures = JSON.parse(afresh) as { residentMb: number; residentAtStartMb: number };
    // memory.freshStartGrowthMb is 1 here: how much a backlog leaves depends on the machine and its load.
    expect(figures.residentMb).toBeGreaterThan(figures.residentAtStartMb + 1);
    // The draft is made by the new image, which asks the approver once.
    await until('the approval mail', () => to('owner@example.com')[0], 60_000);
    expect(run.child.exitCode).toBeNull();
    expect(log().split('starting afresh')[1]).toContain('"kotae is running"');
    await stopDaemon(run);
    expect(to('owner@example.com')).toHaveLength(1);
    const stderr = (await run.done).stderr;
    expect(stderr.match(/starting afresh/g)).toHaveLength(1);
    expect(stderr.match(/"kotae is running"/g)).toHaveLength(2);
  });

  it('stays as it is, saying why, when a fresh start would fail on a configuration edited into a broken state', { timeout: 150_000 }, async () => {
    const { run, http, log } = await startDaemon('0 0 1 1 *', ['memory: { freshStartAboveMb: 1, freshStartGrowthMb: 1, idleSeconds: 5 }']);
    const config = join(dir, 'kotae.config.yaml');
    const good = readFileSync(config, 'utf8');
    await dovecot.append([(await buyerMessage()).raw]);
    await until('the approval mail', () => to('owner@example.com')[0]);
    writeFileSync(config, good.replace('accounts:', 'acounts:'));
    const refused = await until('the fresh start refused', () => log().split('\n').find((l) => l.includes('not starting afresh')), 90_000);
    expect(JSON.parse(refused)).toMatchObject({ level: 'warn', msg: 'not starting afresh to give memory back: the new start would fail' });
    expect(JSON.parse(refused).problem).toMatch(/acounts/);
    // Still the same daemon, still serving.
    expect((await fetch(`http://127.0.0.1:${http}/healthz`)).ok).toBe(true);
    expect(log()).not.toContain('starting afresh to give it back');
    writeFileSync(config, good);
    expect((await stopDaemon(run)).drafts).toEqual(['awaiting_approval']);
  });
});
