// Where analyses run: inline on the main thread (a few new messages: no worker start-up cost), or in
// a pool of worker threads (a backlog: parsing is most of the cost, and every core can take part
// while the main thread fetches mail and writes the store).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadClassifyRules } from '../understand/rules.ts';
import { analyse, type AnalysisResult } from './analyse.ts';

export interface AnalysisPool {
  /** Analyses of the given messages, in the same order. The raw buffers may be handed over: do not read them after. */
  run(jobs: { id: number; raw: Buffer }[]): Promise<AnalysisResult[]>;
  close(): Promise<void>;
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

export function workerPool(options: PoolOptions): AnalysisPool {
  // One thread per core but the main thread's (it fetches and writes), at most 8.
  const size = Math.max(1, Math.min(8, availableParallelism() - 1));
  const url = new URL('./analyse-worker.ts', import.meta.url);
  const workers = Array.from({ length: size }, () => {
    // A young generation of 16 MB (V8 picks up to 64 MB on a big machine): garbage is collected
    // sooner, and memory stays flat over a backfill of any size.
    const worker = new Worker(url, { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    worker.unref();
    return worker;
  });
  const idle = [...workers];
  const waiting: ((w: Worker) => void)[] = [];
  const acquire = () => new Promise<Worker>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
  const release = (w: Worker) => (waiting.length ? waiting.shift()!(w) : idle.push(w));

  const runChunk = async (chunk: { id: number; raw: Buffer }[]): Promise<AnalysisResult[]> => {
    const worker = await acquire();
    try {
      return await new Promise<AnalysisResult[]>((resolve, reject) => {
        const onError = (err: Error) => {
          worker.off('message', onMessage);
          reject(err);
        };
        const onMessage = (results: AnalysisResult[]) => {
          worker.off('error', onError);
          resolve(results);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.postMessage(
          chunk.map((j) => ({ id: j.id, raw: j.raw })),
          chunk.flatMap((j) => (ownsItsMemory(j.raw) ? [j.raw.buffer as ArrayBuffer] : [])),
        );
      });
    } finally {
      release(worker);
    }
  };

  return {
    async run(jobs) {
      // Split the batch across the workers; results come back in order.
      const per = Math.ceil(jobs.length / size);
      const chunks = Array.from({ length: Math.ceil(jobs.length / per) }, (_, i) => jobs.slice(i * per, (i + 1) * per));
      return (await Promise.all(chunks.map(runChunk))).flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * A Buffer alone on its memory can be moved to a worker instead of copied (a backfill hands over
 * hundreds of MB). Small Buffers share Node's pool with others and are copied.
 */
function ownsItsMemory(raw: Buffer): boolean {
  return raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength && raw.buffer instanceof ArrayBuffer;
}
