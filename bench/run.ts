// `npm run bench`: the three figures of the README, measured against a real Dovecot and SMTP server
// on loopback, with kotae run as a process the way it runs in its image (same NODE_OPTIONS and
// MALLOC_* settings, read from the Dockerfile):
//   1. latency: a buyer message appended over IMAP until its approval mail reaches SMTP (IDLE), p50/p95/p99
//   2. backfill: 20,000 generated messages (Japanese and English, 5% with attachments) ingested by
//      `kotae once`, beside the two floors on the same mailbox: a bare imapflow FETCH and FETCH plus
//      mailparser on one thread; messages per second, peak RSS, and the two ratios
//   3. the in-process pipeline from .eml files (`kotae import`): messages per second, and per core
//   4. large mail: 40 messages with an 8 MB photo each by `kotae once`: peak RSS (memory must not grow
//      with the size of the messages any more than with their number)
//   5. memory: the backfill (20,000 messages, 20 of them recent buyer messages, so drafts are made and
//      the guard reads Japanese) taken by `kotae run`: peak RSS during it and RSS once the daemon has
//      been idle; and by `kotae once`: peak RSS. Each started twice: with the image's settings and
//      bare (`npx kotae` outside the image: no NODE_OPTIONS, no MALLOC_* settings)
//   6. postgres: the backfill's mailbox taken in by `kotae run` on SQLite, on PostgreSQL with one daemon
//      and with two; then the same messages spread over 50 accounts, the same three ways (bench/postgres.ts)
// Options: --quick (smaller runs, for a smoke test), --only latency|backfill|pipeline|large|memory|postgres,
// --messages N (the memory and postgres measures' backfill; 20,000 by default), --idle SECONDS (how long
// the daemon idles before its RSS is read; 90 by default: longer than kotae's own idle release and the
// daemon's fresh start after 60 s idle, whose count the results give).
import { cpus, totalmem, release, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Dovecot } from '../test/support/dovecot.ts';
import { generateMessages } from '../test/support/generate.ts';
import { buyerMessage } from '../test/support/mail.ts';
import { SmtpSink } from '../test/support/smtp-sink.ts';
import { startKotae } from '../test/support/child.ts';
import { imageEnv, readDockerfile } from '../test/support/dockerfile.ts';
import { waitFor } from '../test/support/harness.ts';
import { measure, RssWatch } from './measure.ts';
import { postgresMeasure } from './postgres.ts';

const root = join(import.meta.dirname, '..');
const KOTAE = join(root, 'bin/kotae.js');
const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' }, messages: { type: 'string' }, idle: { type: 'string' } } });
const quick = Boolean(values.quick);
const only = values.only as string | undefined;

// The image's runtime environment, but the config path: each run names its own. The image's compile cache is
// a folder of this run's, filled as the image's build fills it (scripts/warm-compile-cache.js): each run starts
// kotae as a new container does.
const { KOTAE_CONFIG: _config, NODE_COMPILE_CACHE: imageCache, ...imageSettings } = imageEnv(readDockerfile(join(root, 'Dockerfile')));
const work = mkdtempSync(join(tmpdir(), 'kotae-bench-'));
const env: Record<string, string> = imageCache ? { ...imageSettings, NODE_COMPILE_CACHE: join(work, 'compile-cache') } : imageSettings;
if (env.NODE_COMPILE_CACHE) {
  execFileSync(process.execPath, [join(root, 'scripts/warm-compile-cache.js')], { env: { ...process.env, NODE_COMPILE_CACHE: env.NODE_COMPILE_CACHE }, stdio: 'ignore' });
}
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? '?', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), kernel: release(), node: process.version, dovecot: execFileSync('dovecot', ['--version'], { encoding: 'utf8' }).trim(), store: `${tmpdir()} (${diskOf(tmpdir())})` },
  kotaeEnv: env,
};

function diskOf(dir: string): string {
  try {
    return execFileSync('df', ['--output=fstype', dir], { encoding: 'utf8' }).split('\n')[1]!.trim();
  } catch {
    return '?';
  }
}

function configFile(dir: string, lines: string[]): string {
  const file = join(dir, 'kotae.config.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/**
 * A daemon's configuration against this Dovecot and SMTP sink. Nothing is scheduled (polls once a
 * year): only IMAP IDLE wakes kotae, so what is measured is the mail, not a timer.
 */
function daemonConfig(dir: string, dovecot: Dovecot, sink: SmtpSink): string {
  return configFile(dir, [
    'dataDir: ./data',
    'schedule: { poll: "0 0 1 1 *", sla: "0 0 1 1 *", digest: "0 0 1 1 *" }',
    'http: { host: 127.0.0.1, port: 0 }',
    'limits: { perRecipientPerHour: 1000, perAccountPerHour: 100000 }',
    'accounts:',
    '  - { id: jp, marketplace: JP, address: shop@example.com, approvers: [owner@example.com],',
    `      imap: { host: 127.0.0.1, port: ${dovecot.port}, secure: false, user: shop@example.com, passwordEnv: BENCH_PASSWORD },`,
    `      smtp: { host: 127.0.0.1, port: ${sink.port}, secure: false } }`,
  ]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `kotae once` measured against this Dovecot's mailbox of shop@example.com, in a directory of its own under `name`. */
async function onceAgainst(dovecot: Dovecot, name: string, runEnv: NodeJS.ProcessEnv = env) {
  const dir = join(work, name);
  mkdirSync(dir);
  const config = configFile(dir, [
    'dataDir: ./data',
    'accounts:',
    '  - { id: jp, marketplace: JP, address: shop@example.com, approvers: [owner@example.com],',
    `      imap: { host: 127.0.0.1, port: ${dovecot.port}, secure: false, user: shop@example.com, passwordEnv: BENCH_PASSWORD }, outboxDir: ./outbox }`,
  ]);
  const m = await measure([KOTAE, 'once', '--json'], { cwd: dir, env: { ...runEnv, KOTAE_CONFIG: config, BENCH_PASSWORD: 'secret', KOTAE_LOG_LEVEL: 'error' } });
  const report = JSON.parse(m.stdout) as { accounts: { sync: { stored: number } }[]; process: { processed: number } };
  return { m, report };
}

async function latency(): Promise<void> {
  const count = quick ? 20 : 200;
  const dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
  const sink = await SmtpSink.start();
  const dir = join(work, 'latency');
  mkdirSync(dir);
  const config = daemonConfig(dir, dovecot, sink);
  const run = startKotae(['run'], { cwd: dir, env: { ...env, KOTAE_CONFIG: config, BENCH_PASSWORD: 'secret', KOTAE_LOG_LEVEL: 'warn' }, timeoutMs: 30 * 60_000 });
  const client = await dovecot.client();
  // Polled every 2 ms: the wait is what is measured.
  const approvalMailFor = (what: string, orderId: string) => waitFor(what, () => sink.received.some((m) => m.raw.includes(orderId)), 30_000, 2);
  // Warm-up: the daemon's first cycle and its IDLE connection.
  const warm = await buyerMessage();
  await client.append('INBOX', warm.raw);
  await approvalMailFor('the approval mail of the warm-up message', warm.orderId);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const buyer = await buyerMessage();
    const started = performance.now();
    await client.append('INBOX', buyer.raw);
    await approvalMailFor(`the approval mail of message ${i}`, buyer.orderId);
    samples.push(performance.now() - started);
  }
  await client.logout();
  run.child.kill('SIGTERM');
  await run.done;
  await sink.close();
  await dovecot.stop();
  const sorted = [...samples].sort((a, b) => a - b);
  results.latency = { messages: count, p50Ms: Math.round(percentile(sorted, 50)), p95Ms: Math.round(percentile(sorted, 95)), p99Ms: Math.round(percentile(sorted, 99)), maxMs: Math.round(sorted.at(-1)!) };
  console.log('latency', results.latency);
}

async function backfill(): Promise<void> {
  const count = quick ? 2000 : 20_000;
  const dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
  // A seller's history: mail from months ago, so nothing is drafted; only storing and understanding.
  await dovecot.deliver(generateMessages(count, { seed: 20_000, attachmentRatio: 0.05, start: new Date('2025-03-01T00:00:00Z') }), 'INBOX', undefined, { dated: true });
  const floor = async (mode: string) => {
    const m = await measure([join(import.meta.dirname, 'floors.ts'), mode, String(dovecot.port), 'shop@example.com', 'secret']);
    const r = JSON.parse(m.stdout) as { count: number; bytes: number };
    if (r.count !== count) throw new Error(`${mode} fetched ${r.count} of ${count}`);
    return { messagesPerSecond: Math.round(count / m.seconds), seconds: +m.seconds.toFixed(2), peakRssMb: Math.round(m.peakRssMb), cpuSeconds: +m.cpuSeconds.toFixed(1), megabytes: Math.round(r.bytes / 1e6) };
  };
  const fetch = await floor('fetch');
  const fetchParse = await floor('fetch-parse');
  const { m, report } = await onceAgainst(dovecot, 'backfill');
  if (report.accounts[0]!.sync.stored !== count || report.process.processed !== count) throw new Error(`kotae stored ${report.accounts[0]!.sync.stored} and processed ${report.process.processed} of ${count}`);
  await dovecot.stop();
  const kotae = { messagesPerSecond: Math.round(count / m.seconds), seconds: +m.seconds.toFixed(2), peakRssMb: Math.round(m.peakRssMb), cpuSeconds: +m.cpuSeconds.toFixed(1) };
  results.backfill = {
    messages: count,
    floorFetch: fetch,
    floorFetchParse: fetchParse,
    kotae,
    ratioToFetchParse: +(kotae.messagesPerSecond / fetchParse.messagesPerSecond).toFixed(2),
    ratioToFetch: +(kotae.messagesPerSecond / fetch.messagesPerSecond).toFixed(2),
  };
  console.log('backfill', results.backfill);
}

async function pipeline(): Promise<void> {
  // Two sizes: a process's start (modules, rules, the analysis thread, V8 compiling hot code) costs
  // ~2 CPU-s whatever the count, a fifth of a 5,000-message import; at the backfill's 20,000 it is a
  // twentieth, nearer what a long backlog costs per message.
  const sizes = quick ? [1000] : [5000, 20000];
  const runs = [];
  for (const count of sizes) runs.push(await pipelineOf(count));
  results.pipeline = runs;
}

async function pipelineOf(count: number): Promise<Record<string, number>> {
  const dir = join(work, `pipeline-${count}`);
  const mail = join(dir, 'mail');
  mkdirSync(mail, { recursive: true });
  generateMessages(count, { seed: 5000, attachmentRatio: 0.05, start: new Date('2025-03-01T00:00:00Z') }).forEach((raw, i) => writeFileSync(join(mail, `${String(i).padStart(6, '0')}.eml`), raw));
  // kotae needs a configuration file; the store is all this measure uses.
  writeFileSync(join(dir, 'kotae.config.yaml'), 'dataDir: ./data\ntimezone: Asia/Tokyo\naccounts: []\n');
  const m = await measure([KOTAE, 'import', mail, '--json'], { cwd: dir, env: { ...env, KOTAE_CONFIG: '', KOTAE_LOG_LEVEL: 'error' } });
  const r = JSON.parse(m.stdout) as { processed: number };
  if (r.processed !== count) throw new Error(`import processed ${r.processed} of ${count}`);
  rmSync(mail, { recursive: true, force: true });
  const run = { messages: count, messagesPerSecond: Math.round(count / m.seconds), coresBusy: +(m.cpuSeconds / m.seconds).toFixed(2), cpuSeconds: +m.cpuSeconds.toFixed(1), messagesPerSecondPerCore: Math.round(count / m.cpuSeconds), peakRssMb: Math.round(m.peakRssMb) };
  console.log('pipeline', run);
  return run;
}

/** A buyer's message with a photo of `megabytes` MB attached (random bytes: nothing compresses). */
function photoMessage(i: number, megabytes: number): Buffer {
  const photo = randomBytes(megabytes * 1024 * 1024).toString('base64').replace(/.{76}/g, '$&\r\n');
  const head = [
    `From: buyer${i}@example.com`, 'To: shop@example.com', `Subject: photo of the damaged item ${i}`, `Message-ID: <photo-${i}@bench.example.com>`,
    'Date: Sat, 01 Mar 2025 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="photo"', '',
    '--photo', 'Content-Type: text/plain; charset=utf-8', '', 'The item arrived broken; photo attached.', '--photo',
    'Content-Type: image/jpeg; name="photo.jpg"', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="photo.jpg"', '', '',
  ].join('\r\n');
  return Buffer.from(`${head}${photo}\r\n--photo--\r\n`);
}

async function largeMail(): Promise<void> {
  const count = quick ? 10 : 40;
  const dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
  const mail = Array.from({ length: count }, (_, i) => photoMessage(i, 8));
  await dovecot.deliver(mail, 'INBOX', undefined, { dated: true });
  const { m, report } = await onceAgainst(dovecot, 'large');
  if (report.process.processed !== count) throw new Error(`kotae processed ${report.process.processed} of ${count} large messages`);
  await dovecot.stop();
  results.largeMail = { messages: count, megabytes: Math.round(mail.reduce((a, b) => a + b.length, 0) / 1e6), seconds: +m.seconds.toFixed(2), peakRssMb: Math.round(m.peakRssMb) };
  console.log('large mail', results.largeMail);
}

/** `kotae run` through a backfill of `count` messages and then idle; then `kotae once` on the same mailbox. */
async function memoryUnder(dovecot: Dovecot, sink: SmtpSink, name: string, runEnv: NodeJS.ProcessEnv, count: number, idleSeconds: number) {
  const dir = join(work, `memory-${name}`);
  mkdirSync(dir);
  const config = daemonConfig(dir, dovecot, sink);
  const mailedBefore = sink.received.length;
  const started = performance.now();
  const run = startKotae(['run'], { cwd: dir, env: { ...runEnv, KOTAE_CONFIG: config, BENCH_PASSWORD: 'secret', KOTAE_LOG_LEVEL: 'info' }, timeoutMs: 60 * 60_000 });
  const rss = new RssWatch(run.child.pid!);
  let processed = 0;
  let freshStarts = 0;
  let freshStartsBeforeDrafting = 0;
  let pending = '';
  run.child.stderr!.on('data', (d: string) => {
    const lines = (pending + d).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.includes('"cycle done"')) processed += (JSON.parse(line) as { processed: number }).processed;
      if (line.includes('starting afresh to give it back')) freshStarts++;
      if (line.includes('starting afresh to give its memory back before drafting')) freshStartsBeforeDrafting++;
    }
  });
  await waitFor(`the daemon's backfill (${name})`, () => processed >= count && sink.received.length - mailedBefore >= FRESH_BUYER_MESSAGES, 30 * 60_000, 50);
  const backfillSeconds = (performance.now() - started) / 1000;
  const during = rss.sample();
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const idle = rss.sample();
  rss.stop();
  run.child.kill('SIGTERM');
  await run.done;
  const { m } = await onceAgainst(dovecot, `memory-once-${name}`, runEnv);
  return { daemon: { backfillSeconds: +backfillSeconds.toFixed(1), peakRssMb: during.peakMb, idleRssMb: idle.nowMb, idleSeconds, freshStarts, freshStartsBeforeDrafting }, once: { seconds: +m.seconds.toFixed(1), peakRssMb: Math.round(m.peakRssMb) } };
}

/** Recent buyer messages in the memory measure's backfill: each is drafted and its draft read by the guard. */
const FRESH_BUYER_MESSAGES = 20;

async function memory(): Promise<void> {
  const count = Number(values.messages ?? (quick ? 2000 : 20_000));
  const idleSeconds = Number(values.idle ?? (quick ? 45 : 90));
  const dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
  const sink = await SmtpSink.start();
  const old = generateMessages(count - FRESH_BUYER_MESSAGES, { seed: 20_000, attachmentRatio: 0.05, start: new Date('2025-03-01T00:00:00Z') });
  const fresh = await Promise.all(Array.from({ length: FRESH_BUYER_MESSAGES }, async () => (await buyerMessage()).raw));
  await dovecot.deliver([...old, ...fresh], 'INBOX', undefined, { dated: true });
  // Outside the image: the environment a seller's shell gives `npx kotae`, without the image's settings (and with
  // the machine's own compile cache, warm after a first start).
  const { NODE_OPTIONS: _n, MALLOC_ARENA_MAX: _m, MALLOC_MMAP_THRESHOLD_: _t, MALLOC_TRIM_THRESHOLD_: _r, NODE_COMPILE_CACHE: _c, ...bare } = env;
  results.memory = {
    messages: count,
    image: await memoryUnder(dovecot, sink, 'image', env, count, idleSeconds),
    bare: await memoryUnder(dovecot, sink, 'bare', { ...bare, NODE_OPTIONS: '', KOTAE_MEMORY_SETTINGS: '' }, count, idleSeconds),
  };
  await sink.close();
  await dovecot.stop();
  console.log('memory', JSON.stringify(results.memory));
}

try {
  if (!only || only === 'latency') await latency();
  if (!only || only === 'backfill') await backfill();
  if (!only || only === 'pipeline') await pipeline();
  if (!only || only === 'large') await largeMail();
  if (!only || only === 'memory') await memory();
  if (!only || only === 'postgres') {
    results.postgres = await postgresMeasure({ env, work, count: Number(values.messages ?? (quick ? 2000 : 20_000)) });
  }
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', quick ? 'quick.json' : 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
}
