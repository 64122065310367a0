// Classification accuracy on labelled corpora of realistic Amazon mail: precision and recall of every
// kind must be at least 0.95, and the contract fields must agree with the labels.
// test/fixtures/amazon is the corpus the rules were written against; test/fixtures/amazon-holdout (the
// folder keeps its first name) is a second regression corpus: written without seeing the rules, run
// blind once (the README keeps those figures), then fixed against, so it no longer measures unseen mail.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/understand/kinds.ts';
import { loadClassifyRules } from '../../src/understand/rules.ts';
import { evaluateCorpus, reportTable, type CorpusReport } from '../support/accuracy.ts';

const rules = loadClassifyRules(join(import.meta.dirname, '../../rules/classify.yaml'));

for (const [corpus, role] of [['amazon', 'the corpus the rules were written against'], ['amazon-holdout', 'the regression corpus']] as const) {
  describe(`classification corpus test/fixtures/${corpus} (${role})`, () => {
    let report: CorpusReport;

    beforeAll(async () => {
      report = await evaluateCorpus(join(import.meta.dirname, '../fixtures', corpus), rules);
      console.log(`\nClassification accuracy (test/fixtures/${corpus})\n${reportTable(report)}\n`);
    });

    it('has labelled messages of every kind (at least 80 in the main corpus)', () => {
      expect(report.files).toBeGreaterThanOrEqual(corpus === 'amazon' ? 80 : 50);
      for (const k of report.kinds) expect(k.support, k.kind).toBeGreaterThanOrEqual(4);
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
}
