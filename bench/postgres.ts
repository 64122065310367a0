// `npm run bench -- --only postgres` (and part of the full run): `kotae run` daemons on one PostgreSQL
// store beside the SQLite figure, in one run, on one Dovecot and one PostgreSQL cluster on loopback:
//   backfill:     the backfill's generated mailbox (one account) taken in by one daemon on SQLite, one
//                 daemon on PostgreSQL, two daemons on PostgreSQL
//   50 accounts:  the same messages spread over 50 Dovecot users, one account each in the configuration,
//                 taken in by one daemon on SQLite, one and two on PostgreSQL
// Each run on a fresh store, timed from the daemons' start until every message is stored and analysed
// (the daemons' own "cycle done" counts, checked against the store afterwards). Per daemon: peak RSS,
// CPU, messages it stored and analysed, the accounts its /healthz and /metrics say it holds. Per run:
// the CPU of kotae, Dovecot and PostgreSQL; on PostgreSQL its commits, statements (round trips), WAL
// flushes, lock waits and the statements that took longest (pg_stat_statements).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type StoreLocation } from '../src/store/index.ts';
import { countMessages } from '../src/store/messages.ts';
import type { Health } from '../src/daemon/http.ts';
import { startKotae, type RunningKotae } from '../test/support/child.ts';
import { Dovecot, type DovecotUser } from '../test/support/dovecot.ts';
import { generateMessages } from '../test/support/generate.ts';
import { waitFor } from '../test/support/harness.ts';
import { freePort } from '../test/support/ports.ts';
import { Postgres } from '../test/support/postgres.ts';
import { storeConfig } from '../test/support/stores.ts';
import { RssWatch } from './measure.ts';

const ACCOUNTS = 50;
const TICKS = 100;
/** Every run is bounded: a backfill that has not finished by then fails the measure. */
const RUN_LIMIT_MS = 30 * 60_000;
/**
 * A poll every 5 s: a daemon that holds no mailbox comes back for pending work on each poll (with the
 * default 5-minute poll it would help only when IMAP IDLE wakes it, and old mail wakes nobody).
 */
const POLL = '*/5 * * * * *';

type Dialect = 'sqlite' | 'postgres';

interface DaemonRun {
  index: number;
  port: number;
  run: RunningKotae;
  rss: RssWatch;
  stored: number;
  processed: number;
  cycles: number;
  failedCycles: number;
}

interface Servers {
  dovecot: Dovecot;
  postgres: Postgres;
  /** The one account of the backfill, and the 50 of the load. */
  single: DovecotUser;
  many: DovecotUser[];
}

export async function postgresMeasure(options: { env: NodeJS.ProcessEnv; work: string; count: number }): Promise<Record<string, unknown>> {
  const { count } = options;
  if (count % ACCOUNTS !== 0) throw new Error(`--messages must be a multiple of ${ACCOUNTS} for the postgres measure`);
  const single = { user: 'shop@example.com', password: 'secret' };
  const many = Array.from({ length: ACCOUNTS }, (_, i) => ({ user: `seller${String(i + 1).padStart(2, '0')}@example.com`, password: 'secret' }));
  const dovecot = await Dovecot.start([single, ...many]);
  let postgres: Postgres | null = null;
  try {
    // Two daemons keep an IDLE connection per account and sync on another: ~200 imap processes, past
    // Dovecot's default limit of 100 per service.
    writeFileSync(dovecot.conf, readFileSync(dovecot.conf, 'utf8') + 'default_process_limit = 500\n');
    await dovecot.restart();
    const mail = generateMessages(count, { seed: 20_000, attachmentRatio: 0.05, start: new Date('2025-03-01T00:00:00Z') });
    await dovecot.deliver(mail, 'INBOX', single, { dated: true });
    for (let i = 0; i < ACCOUNTS; i++) {
      await dovecot.deliver(
        mail.filter((_, j) => j % ACCOUNTS === i),
        'INBOX',
        many[i],
        { dated: true },
      );
    }
    // On the disk the SQLite store is on (os.tmpdir(), not the tests' tmpfs): commits wait for the same
    // fsync. PostgreSQL's default shared_buffers (the tests' cluster runs on 16 MB), and its statistics.
    postgres = await Postgres.start({
      under: tmpdir(),
      settings: { shared_buffers: '128MB', shared_preload_libraries: 'pg_stat_statements', track_io_timing: 'on', track_wal_io_timing: 'on' },
    });
    await postgres.query('postgres', 'create extension pg_stat_statements');
    const servers: Servers = { dovecot, postgres, single, many };
    const bytes = mail.reduce((n, m) => n + m.length, 0);
    const run = (name: string, dialect: Dialect, daemons: number, accounts: DovecotUser[]) => daemonsRun(options, servers, name, dialect, daemons, accounts);
    const result = {
      messages: count,
      megabytes: Math.round(bytes / 1e6),
      postgresDisk: tmpdir(),
      backfill: {
        sqlite: await run('backfill-sqlite', 'sqlite', 1, [single]),
        postgres1: await run('backfill-pg-1', 'postgres', 1, [single]),
        postgres2: await run('backfill-pg-2', 'postgres', 2, [single]),
      },
      accounts50: {
        sqlite: await run('accounts-sqlite', 'sqlite', 1, many),
        postgres1: await run('accounts-pg-1', 'postgres', 1, many),
        postgres2: await run('accounts-pg-2', 'postgres', 2, many),
      },
    };
    return result;
  } finally {
    await postgres?.stop();
    await dovecot.stop();
  }
}

function accountLines(accounts: DovecotUser[], dovecot: Dovecot): string[] {
  return accounts.map(
    (a, i) =>
      `  - { id: a${String(i + 1).padStart(2, '0')}, marketplace: JP, address: ${a.user}, approvers: [owner@example.com], ` +
      `imap: { host: 127.0.0.1, port: ${dovecot.port}, secure: false, user: ${a.user}, passwordEnv: BENCH_PASSWORD }, outboxDir: ./outbox }`,
  );
}

async function daemonsRun(options: { env: NodeJS.ProcessEnv; work: string; count: number }, servers: Servers, name: string, dialect: Dialect, daemonCount: number, accounts: DovecotUser[]) {
  const { dovecot, postgres } = servers;
  const root = join(options.work, name);
  mkdirSync(root);
  const location: StoreLocation = dialect === 'postgres' ? { url: await postgres.createDatabase() } : join(root, 'data');
  // SQLite: the daemon's store is its data folder. PostgreSQL: each daemon a data folder of its own, as on separate machines.
  const store = storeConfig(location, typeof location === 'string' ? location : './data');
  const database = typeof location === 'string' ? null : new URL(location.url).pathname.slice(1);
  if (database) {
    await postgres.query('postgres', 'select pg_stat_statements_reset()');
    await postgres.query('postgres', "select pg_stat_reset_shared('wal')");
  }
  const daemons: DaemonRun[] = [];
  const cpuBefore = { machine: machineBusySeconds(), dovecot: treeCpuSeconds(dovecotPid(dovecot)), postgres: treeCpuSeconds(postmasterPid(postgres)) };
  const locks = database ? new LockWatch(postgres.url('postgres')) : null;
  const started = performance.now();
  for (let i = 0; i < daemonCount; i++) {
    const dir = join(root, `daemon-${i}`);
    mkdirSync(dir);
    const port = await freePort();
    const config = join(dir, 'kotae.config.yaml');
    writeFileSync(
      config,
      [
        ...store.lines,
        'timezone: Asia/Tokyo',
        `schedule: { poll: "${POLL}", sla: "0 0 1 1 *", digest: "0 0 1 1 *" }`,
        `http: { host: 127.0.0.1, port: ${port} }`,
        'accounts:',
        ...accountLines(accounts, dovecot),
        '',
      ].join('\n'),
    );
    const run = startKotae(['run'], { cwd: dir, env: { ...options.env, ...store.env, KOTAE_CONFIG: config, BENCH_PASSWORD: 'secret', KOTAE_LOG_LEVEL: 'info' }, timeoutMs: RUN_LIMIT_MS + 120_000 });
    const d: DaemonRun = { index: i, port, run, rss: new RssWatch(run.child.pid!), stored: 0, processed: 0, cycles: 0, failedCycles: 0 };
    let pending = '';
    run.child.stderr!.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.includes('"cycle done"')) {
          const r = JSON.parse(line) as { stored: number; processed: number };
          d.stored += r.stored;
          d.processed += r.processed;
          d.cycles += 1;
        } else if (line.includes('"cycle failed"')) {
          d.failedCycles += 1;
        }
      }
    });
    daemons.push(d);
  }
  const processed = () => daemons.reduce((n, d) => n + d.processed, 0);
  try {
    await waitFor(`${name}: every message stored and analysed`, () => {
      for (const d of daemons) if (d.run.child.exitCode !== null) throw new Error(`${name}: daemon ${d.index} exited with ${d.run.child.exitCode}`);
      return processed() >= options.count;
    }, RUN_LIMIT_MS, 50);
  } catch (err) {
    for (const d of daemons) d.run.child.kill('SIGTERM');
    const ended = await Promise.allSettled(daemons.map((d) => d.run.done));
    locks?.stop();
    const logs = ended.map((e) => (e.status === 'fulfilled' ? e.value.stderr.slice(-3000) : String(e.reason))).join('\n---\n');
    throw new Error(`${(err as Error).message}\n${logs}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = {
    machine: machineBusySeconds() - cpuBefore.machine,
    dovecot: treeCpuSeconds(dovecotPid(dovecot)) - cpuBefore.dovecot,
    postgres: database ? treeCpuSeconds(postmasterPid(postgres)) - cpuBefore.postgres : 0,
  };
  const perDaemon = [];
  for (const d of daemons) {
    const health = (await (await fetch(`http://127.0.0.1:${d.port}/healthz`)).json()) as Health;
    const metrics = await (await fetch(`http://127.0.0.1:${d.port}/metrics`)).text();
    const heldPerMetrics = metrics.split('\n').filter((l) => l.startsWith('kotae_sync_held{') && l.trim().endsWith(' 1')).length;
    perDaemon.push({
      peakRssMb: d.rss.sample().peakMb,
      cpuSeconds: +processCpuSeconds(d.run.child.pid!).toFixed(1),
      stored: d.stored,
      processed: d.processed,
      cycles: d.cycles,
      failedCycles: d.failedCycles,
      holds: health.holds.length,
      heldPerMetrics,
    });
  }
  const waits = locks?.stop() ?? null;
  for (const d of daemons) d.run.child.kill('SIGTERM');
  const ended = await Promise.all(daemons.map((d) => d.run.done));
  for (const d of daemons) d.rss.stop();
  for (const [i, e] of ended.entries()) if (/unexpected error|bug in kotae/.test(e.stderr)) throw new Error(`${name}: daemon ${i} reported an error:\n${e.stderr.slice(-3000)}`);
  const check = await openStore(location);
  const counts = await countMessages(check.db);
  await check.close();
  if (counts.total !== options.count || counts.pending !== 0) throw new Error(`${name}: the store holds ${counts.total} messages (${counts.pending} pending, ${counts.quarantined} quarantined) of ${options.count}`);
  const kotaeCpu = perDaemon.reduce((n, d) => n + d.cpuSeconds, 0);
  const result = {
    dialect,
    daemons: daemonCount,
    accounts: accounts.length,
    seconds: +seconds.toFixed(1),
    messagesPerSecond: Math.round(options.count / seconds),
    quarantined: counts.quarantined,
    cpuSeconds: { kotae: +kotaeCpu.toFixed(1), dovecot: +cpu.dovecot.toFixed(1), postgres: +cpu.postgres.toFixed(1), machine: +cpu.machine.toFixed(1) },
    coresBusy: +(cpu.machine / seconds).toFixed(2),
    perDaemon,
    ...(database ? { postgres: { ...(await postgresStats(postgres, database)), lockWaits: waits } } : {}),
  };
  console.log(name, JSON.stringify(result));
  return result;
}

/** Commits, WAL flushes and the statements that took longest, since the run's reset. */
async function postgresStats(postgres: Postgres, database: string) {
  const [db] = await postgres.query<{ xact_commit: string; xact_rollback: string; deadlocks: string }>('postgres', 'select xact_commit, xact_rollback, deadlocks from pg_stat_database where datname = $1', [database]);
  const [wal] = await postgres.query<{ wal_records: string; wal_bytes: string; wal_write: string; wal_sync: string; wal_sync_time: number; wal_write_time: number }>(
    'postgres',
    'select wal_records, wal_bytes, wal_write, wal_sync, wal_sync_time, wal_write_time from pg_stat_wal',
  );
  const top = await postgres.query<{ query: string; calls: string; total: number; mean: number }>(
    'postgres',
    `select left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query, calls, total_exec_time as total, mean_exec_time as mean
       from pg_stat_statements where dbid = (select oid from pg_database where datname = $1)
       order by total_exec_time desc limit 8`,
    [database],
  );
  const [all] = await postgres.query<{ calls: string; total: number }>(
    'postgres',
    'select coalesce(sum(calls), 0) as calls, coalesce(sum(total_exec_time), 0) as total from pg_stat_statements where dbid = (select oid from pg_database where datname = $1)',
    [database],
  );
  const syncs = Number(wal!.wal_sync);
  return {
    commits: Number(db!.xact_commit),
    rollbacks: Number(db!.xact_rollback),
    deadlocks: Number(db!.deadlocks),
    /** Every statement kotae sent (each a round trip), and the server's time executing them. */
    statements: { calls: Number(all!.calls), seconds: +(all!.total / 1000).toFixed(1) },
    wal: { megabytes: Math.round(Number(wal!.wal_bytes) / 1e6), flushes: syncs, flushMsMean: syncs ? +(wal!.wal_sync_time / syncs).toFixed(2) : 0, flushSeconds: +(wal!.wal_sync_time / 1000).toFixed(2), writeSeconds: +(wal!.wal_write_time / 1000).toFixed(2) },
    topStatements: top.map((s) => ({ query: s.query, calls: Number(s.calls), totalSeconds: +(s.total / 1000).toFixed(2), meanMs: +s.mean.toFixed(3) })),
  };
}

/**
 * Lock waits on the cluster, sampled every 100 ms: how often some backend waited for a lock another
 * held (row locks of a claim, the per-account advisory lock of threading), and for which kind.
 */
class LockWatch {
  readonly #client: pg.Client;
  readonly #timer: NodeJS.Timeout;
  #ready: Promise<unknown>;
  #samples = 0;
  #withWaits = 0;
  #maxWaiting = 0;
  readonly #byType = new Map<string, number>();

  constructor(url: string) {
    this.#client = new pg.Client({ connectionString: url });
    this.#ready = this.#client.connect();
    this.#timer = setInterval(() => void this.#sample(), 100);
  }

  async #sample(): Promise<void> {
    try {
      await this.#ready;
      const rows = (await this.#client.query<{ locktype: string; n: string }>('select locktype, count(*) as n from pg_locks where not granted group by locktype')).rows;
      this.#samples += 1;
      const waiting = rows.reduce((n, r) => n + Number(r.n), 0);
      if (waiting > 0) this.#withWaits += 1;
      this.#maxWaiting = Math.max(this.#maxWaiting, waiting);
      for (const r of rows) this.#byType.set(r.locktype, (this.#byType.get(r.locktype) ?? 0) + Number(r.n));
    } catch {
      // A sample overlapping the previous one, or the client closing: the next stands.
    }
  }

  stop(): { samples: number; samplesWithWaits: number; maxWaiting: number; waitsByLockType: Record<string, number> } {
    clearInterval(this.#timer);
    void this.#client.end().catch(() => {});
    return { samples: this.#samples, samplesWithWaits: this.#withWaits, maxWaiting: this.#maxWaiting, waitsByLockType: Object.fromEntries(this.#byType) };
  }
}

/** CPU seconds the whole machine was busy (every core; /proc/stat), so far. */
function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS;
}

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime of a running process. */
function processCpuSeconds(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : 0;
}

/**
 * CPU of a server so far: its master's own and its reaped children's (cutime, cstime), and its live
 * children's: PostgreSQL's backends and Dovecot's imap processes are children of the master.
 */
function treeCpuSeconds(pid: number | null): number {
  if (pid === null) return 0;
  const own = statFields(pid);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS;
}

function pidFrom(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

const dovecotPid = (dovecot: Dovecot) => pidFrom(join(dovecot.dir, 'run', 'master.pid'));
const postmasterPid = (postgres: Postgres) => pidFrom(join(postgres.dir, 'data', 'postmaster.pid'));
