// The worker side of the analysis pool: receives a chunk of raw messages, answers with their analyses.
// Before each message it records, in memory shared with the main thread, which message it is on, so
// the pool can tell which message a stuck or crashed worker was analysing (see pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalysisResult } from './analyse.ts';

export interface AnalysisWorkerData {
  rulesFile: string;
  /** Int32 cells: [0] the 1-based index in the chunk of the message being analysed (0: none), [1] messages started. */
  progress: SharedArrayBuffer;
}

interface Job {
  id: number;
  raw: Uint8Array;
}

export function serveAnalyses(analyseOne: (id: number, raw: Buffer) => Promise<AnalysisResult>): void {
  const progress = new Int32Array((workerData as AnalysisWorkerData).progress);
  parentPort!.on('message', (jobs: Job[]) => {
    void (async () => {
      const results: AnalysisResult[] = [];
      for (const [index, job] of jobs.entries()) {
        Atomics.store(progress, 0, index + 1);
        Atomics.add(progress, 1, 1);
        results.push(await analyseOne(job.id, Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength)));
      }
      Atomics.store(progress, 0, 0);
      // Copied, not transferred: the analyses are small.
      parentPort!.postMessage(results);
    })();
  });
}
