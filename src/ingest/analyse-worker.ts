// A worker thread of the analysis pool: receives raw messages, answers with their analyses. The
// classification rules are loaded once per worker.
import { parentPort, workerData } from 'node:worker_threads';
import { loadClassifyRules } from '../understand/rules.ts';
import { analyse, type AnalysisResult } from './analyse.ts';

interface Job {
  id: number;
  raw: Uint8Array;
}

const { rulesFile } = workerData as { rulesFile: string };
const rules = loadClassifyRules(rulesFile);

parentPort!.on('message', (jobs: Job[]) => {
  void (async () => {
    const results: AnalysisResult[] = [];
    for (const job of jobs) results.push(await analyse(job.id, Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength), rules));
    // Copied, not transferred: Node's pooled Buffers cannot be transferred.
    parentPort!.postMessage(results);
  })();
});
