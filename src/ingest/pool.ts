// Where analyses run: inline on the main thread (a few new messages: no worker start-up cost), or in
// a pool of worker threads (a backlog: parsing is most of the cost, and every core can take part
// while the main thread fetches mail and writes the store). A worker that hangs on a message or
// dies is replaced; that message alone fails, and the others are analysed again.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { loadClassifyRules } from '../understand/rules.ts';
import { analyse, type AnalysisResult } from './analyse.ts';
import type { AnalysisWorkerData } from './analyse-serve.ts';

/** A message to analyse: its id in the store and its raw bytes. */
type Job = { id: number; raw: Buffer };

export interface AnalysisPool {
  /** Analyses of the given messages, in the same order. The raw buffers may be handed over: do not read them after. */
  run(jobs: Job[]): Promise<AnalysisResult[]>;
  close(): Promise<void>;
  /** A pool kept between passes: give back its threads now if none is busy (a backlog has just ended). */
  release?(): Promise<void>;
}

export interface PoolOptions {
  rulesFile: string;
}

export function inlinePool(options: PoolOptions): AnalysisPool {
  const rules = loadClassifyRules(options.rulesFile);
  return {
    async run(jobs) {
      const out: AnalysisResult[] = [];
      for (const job of jobs) out.push(await analyse(job.id, job.raw, rules));
      return out;
    },
    async close() {},
  };
}

export interface WorkerPoolOptions extends PoolOptions {
  /** The raw bytes of these messages again, from the store (theirs went to a worker that was stopped). */
  reload: (ids: number[]) => Promise<Map<number, Buffer>>;
  /** How long one message may take before its worker is stopped and the message quarantined. */
  timeLimitMs?: number;
  /** The worker script; tests use one that can be made to hang or crash. */
  workerUrl?: URL;
}

/**
 * Longest a single message may take to analyse. A 100 MB message (the parse limit) takes some
 * seconds; a message that takes minutes has hit a pathology in a parser, and would hold up the
 * mailbox behind it for ever.
 */
const ANALYSIS_TIME_LIMIT_MS = 120_000;

/** Room for the old generation of an analysis worker before its first full collection (see start()). */
const WORKER_INITIAL_OLD_SPACE_MB = 48;

interface Slot {
  worker: Worker;
  progress: Int32Array;
  /** The thread has ended (stopped by the pool, or died while idle). */
  exited: boolean;
}

/** A chunk's outcome: its analyses, or the message its worker was on when it hung or died. */
type ChunkOutcome = { results: AnalysisResult[] } | { lost: number; reason: string };

export function workerPool(options: WorkerPoolOptions): AnalysisPool {
  // One thread per core but the main thread's (it fetches and writes), at most 8.
  const size = Math.max(1, Math.min(8, availableParallelism() - 1));
  const url = options.workerUrl ?? new URL('./analyse-worker.ts', import.meta.url);
  const timeLimitMs = options.timeLimitMs ?? ANALYSIS_TIME_LIMIT_MS;
  const start = (): Slot => {
    const progress = new SharedArrayBuffer(8);
    const workerData: AnalysisWorkerData = { rulesFile: options.rulesFile, progress };
    // A young generation of 16 MB (V8 picks up to 64 MB on a big machine): garbage is collected
    // sooner, and memory stays flat over a backfill of any size.
    // An old generation that may grow to 48 MB before its first full collection: mailparser moves
    // ~12 KB per message into it, and under the image's 256 MB heap cap V8 otherwise collects it
    // every ~3 MB (70 full collections in the 20,000-message backfill; 23 now: 13% less CPU, 14 MB
    // more memory). Worker options have no such setting; the flag is read when a thread's heap is
    // made, so it reaches the workers started after this line and nothing already running.
    setFlagsFromString(`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`);
    const worker = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    worker.unref();
    const slot: Slot = { worker, progress: new Int32Array(progress), exited: false };
    worker.once('exit', () => (slot.exited = true));
    // A worker of a long-lived pool may die while idle: its slot is replaced at its next use, and the
    // error must not end the process. While it works, analyseIn reports its errors.
    worker.on('error', () => {});
    return slot;
  };
  const slots = new Set(Array.from({ length: size }, start));
  let closed = false;
  const idle = [...slots];
  const waiting: ((slot: Slot) => void)[] = [];
  const acquire = () => new Promise<Slot>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
  const release = (slot: Slot) => (waiting.length ? waiting.shift()!(slot) : idle.push(slot));

  const replace = (slot: Slot): Slot => {
    slots.delete(slot);
    void slot.worker.terminate();
    const fresh = start();
    slots.add(fresh);
    return fresh;
  };

  const runChunk = async (chunk: Job[]): Promise<AnalysisResult[]> => {
    if (chunk.length === 0) return [];
    let slot = await acquire();
    if (slot.exited) slot = replace(slot);
    const outcome = await analyseIn(slot, chunk, timeLimitMs);
    // Workers stopped by close() are no message's fault.
    if (closed) throw new Error('the analysis pool was closed (kotae is stopping); the messages stay pending');
    if ('results' in outcome) {
      release(slot);
      return outcome.results;
    }
    // The worker hung or died on one message: that message fails for good (quarantined with the
    // reason), a fresh worker takes the slot, and the rest of the chunk is analysed again.
    release(replace(slot));
    if (outcome.lost < 0) throw new Error(`the analysis worker failed before reading any message: ${outcome.reason}`);
    const lost = chunk[outcome.lost]!;
    const again = await withRawBytes(chunk.filter((j) => j !== lost), options.reload);
    return [
      ...(await runChunk(again.slice(0, outcome.lost))),
      { id: lost.id, ok: false, error: outcome.reason, permanent: true },
      ...(await runChunk(again.slice(outcome.lost))),
    ];
  };

  return {
    async run(jobs) {
      // Split the batch across the workers; results come back in order.
      const per = Math.ceil(jobs.length / size);
      const chunks = Array.from({ length: Math.ceil(jobs.length / per) }, (_, i) => jobs.slice(i * per, (i + 1) * per));
      return (await Promise.all(chunks.map(runChunk))).flat();
    },
    async close() {
      closed = true;
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
    },
  };
}

/** Workers of a lasting pool unused this long are stopped (their heaps go back); the next batch starts them again. */
const RELEASE_AFTER_MS = 30_000;

/**
 * Worker threads started at the first batch and kept while there is mail: for one `once` or `import`
 * (which start none when there is no mail), and in the daemon until they have been idle for
 * `releaseAfterMs` or told a backlog has ended (release), so an idle daemon gives back the memory its
 * last backfill took; the next mail starts them again. The workers read the
 * classification rules when they start, so they are started again when the rules file changes (the
 * seller edits it in the repo), once no batch is being analysed: processing keeps two batches in
 * flight, and closing the pool under one would fail it.
 */
export function lastingWorkerPool(options: WorkerPoolOptions & { releaseAfterMs?: number }): AnalysisPool & { readonly holdsWorkers: boolean; release(): Promise<void> } {
  const releaseAfterMs = options.releaseAfterMs ?? RELEASE_AFTER_MS;
  let current: { pool: AnalysisPool; rules: string } | null = null;
  let running = 0;
  let timer: NodeJS.Timeout | null = null;
  const rulesNow = () => {
    const stat = statSync(options.rulesFile, { throwIfNoEntry: false });
    return stat ? `${stat.mtimeMs}:${stat.size}` : 'missing';
  };
  const releaseNow = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (running > 0 || !current) return;
    const idle = current.pool;
    current = null;
    await idle.close();
  };
  const releaseLater = () => {
    timer = setTimeout(() => void releaseNow(), releaseAfterMs);
    // The timer keeps no command from ending.
    timer.unref();
  };
  return {
    get holdsWorkers() {
      return current !== null;
    },
    async run(jobs) {
      running += 1;
      if (timer) clearTimeout(timer);
      timer = null;
      try {
        const rules = rulesNow();
        if (!current || (current.rules !== rules && running === 1)) {
          const stale = current?.pool;
          current = { pool: workerPool(options), rules };
          await stale?.close();
        }
        return await current.pool.run(jobs);
      } finally {
        running -= 1;
        if (running === 0) releaseLater();
      }
    },
    release: releaseNow,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await current?.pool.close();
      current = null;
    },
  };
}

/** Post a chunk to a worker and watch it: a message taking longer than the limit, or a crash, ends the wait. */
function analyseIn(slot: Slot, chunk: Job[], timeLimitMs: number): Promise<ChunkOutcome> {
  const { worker, progress } = slot;
  return new Promise<ChunkOutcome>((resolve) => {
    let started = Atomics.load(progress, 1);
    let since = performance.now();
    // The message the worker is on (-1: none yet); read before anything else can reset it.
    const current = () => Atomics.load(progress, 0) - 1;
    // The clock runs only while the worker is on a message: its start-up is no message's fault.
    const watch = setInterval(() => {
      const now = Atomics.load(progress, 1);
      if (now !== started || current() < 0) {
        started = now;
        since = performance.now();
      } else if (performance.now() - since > timeLimitMs) {
        finish({ lost: current(), reason: `analysis took longer than ${timeLimitMs / 1000} s: stopped (a parser pathology; the raw mail is kept)` });
      }
    }, Math.max(10, Math.min(1000, timeLimitMs / 4)));
    const onMessage = (results: AnalysisResult[]) => finish({ results });
    const onError = (err: Error) => finish({ lost: current(), reason: `analysis crashed: ${err.message}` });
    const onExit = (code: number) => finish({ lost: current(), reason: `the analysis worker stopped (exit code ${code})` });
    const finish = (outcome: ChunkOutcome) => {
      clearInterval(watch);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      resolve(outcome);
    };
    worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    worker.postMessage(
      chunk.map((j) => ({ id: j.id, raw: j.raw })),
      chunk.flatMap((j) => (ownsItsMemory(j.raw) ? [j.raw.buffer as ArrayBuffer] : [])),
    );
  });
}

/** The chunk with the bytes that went to the stopped worker read again from the store. */
async function withRawBytes(chunk: Job[], reload: WorkerPoolOptions['reload']): Promise<Job[]> {
  // A moved Buffer is left empty; an empty message is read again too, and is empty again.
  const moved = chunk.filter((j) => j.raw.byteLength === 0).map((j) => j.id);
  const bytes = moved.length ? await reload(moved) : new Map<number, Buffer>();
  return chunk.map((j) => (j.raw.byteLength === 0 ? { id: j.id, raw: bytes.get(j.id) ?? Buffer.alloc(0) } : j));
}

/**
 * A Buffer alone on its memory can be moved to a worker instead of copied (a backfill hands over
 * hundreds of MB). Small Buffers share Node's pool with others and are copied.
 */
function ownsItsMemory(raw: Buffer): boolean {
  return raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength && raw.buffer instanceof ArrayBuffer;
}
