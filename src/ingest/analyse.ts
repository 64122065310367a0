// The pure, CPU-heavy part of processing one message: parse the bytes and classify the result. It
// runs in worker threads for a backlog (see pool.ts) and inline for a handful of new messages.
import { classify, type Classification } from '../understand/classify.ts';
import type { ClassifyRules } from '../understand/rules.ts';
import { MessageError, errorMessage } from '../shared/errors.ts';
import { parseMail, type ParsedMail } from './parse.ts';

export interface Analysis {
  parsed: ParsedMail;
  classification: Classification;
}

export type AnalysisResult = { id: number; ok: true; analysis: Analysis } | { id: number; ok: false; error: string; permanent: boolean };

export async function analyse(id: number, raw: Buffer, rules: ClassifyRules): Promise<AnalysisResult> {
  try {
    const parsed = await parseMail(raw);
    return { id, ok: true, analysis: { parsed, classification: classify(parsed, rules) } };
  } catch (err) {
    return { id, ok: false, error: errorMessage(err), permanent: err instanceof MessageError };
  }
}
