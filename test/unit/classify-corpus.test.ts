// Classification accuracy on the labelled corpus of realistic Amazon mail (test/fixtures/amazon):
// precision and recall of every kind must be at least 0.95, and the contract fields must agree.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/understand/kinds.ts';
import { loadClassifyRules } from '../../src/understand/rules.ts';
import { evaluateCorpus, reportTable, type CorpusReport } from '../support/accuracy.ts';

const rules = loadClassifyRules(join(import.meta.dirname, '../../rules/classify.yaml'));
let report: CorpusReport;

beforeAll(async () => {
  report = await evaluateCorpus(join(import.meta.dirname, '../fixtures/amazon'), rules);
  console.log(`\nClassification accuracy (test/fixtures/amazon)\n${reportTable(report)}\n`);
});

describe('classification corpus', () => {
  it('has at least 80 labelled messages and every kind', () => {
    expect(report.files).toBeGreaterThanOrEqual(80);
    for (const k of report.kinds) expect(k.support, k.kind).toBeGreaterThanOrEqual(5);
  });

  for (const kind of KINDS) {
    it(`${kind}: precision and recall at least 0.95`, () => {
      const score = report.kinds.find((k) => k.kind === kind)!;
      const wrong = report.mistakes.filter((m) => m.field === 'kind' && (m.got === kind || m.want === kind));
      expect(score.precision, JSON.stringify(wrong)).toBeGreaterThanOrEqual(0.95);
      expect(score.recall, JSON.stringify(wrong)).toBeGreaterThanOrEqual(0.95);
    });
  }

  for (const field of ['marketplace', 'language', 'orderId', 'caseId', 'intents'] as const) {
    it(`${field} agrees with the labels on at least 95% of messages`, () => {
      expect(report.fields[field], JSON.stringify(report.mistakes.filter((m) => m.field === field))).toBeGreaterThanOrEqual(0.95);
    });
  }
});
