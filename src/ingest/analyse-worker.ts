// A worker thread of the analysis pool. The classification rules are loaded once per worker.
import { workerData } from 'node:worker_threads';
import { loadClassifyRules } from '../understand/rules.ts';
import { analyse } from './analyse.ts';
import { serveAnalyses, type AnalysisWorkerData } from './analyse-serve.ts';

const rules = loadClassifyRules((workerData as AnalysisWorkerData).rulesFile);
serveAnalyses((id, raw) => analyse(id, raw, rules));
