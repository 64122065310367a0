// An analysis worker for the pool's tests: analyses as the real one does, but hangs on a message with
// the header `X-Test: hang` and dies on one with `X-Test: crash`, as a parser pathology would.
import { workerData } from 'node:worker_threads';
import { analyse } from '../../src/ingest/analyse.ts';
import { serveAnalyses, type AnalysisWorkerData } from '../../src/ingest/analyse-serve.ts';
import { loadClassifyRules } from '../../src/understand/rules.ts';

const rules = loadClassifyRules((workerData as AnalysisWorkerData).rulesFile);
serveAnalyses(async (id, raw) => {
  const text = raw.toString('latin1');
  if (text.includes('X-Test: hang')) for (;;);
  if (text.includes('X-Test: crash')) throw new Error('simulated parser crash');
  return analyse(id, raw, rules);
});
