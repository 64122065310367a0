// Classification accuracy over a labelled corpus: precision and recall per kind, and agreement on
// the other contract fields. Used by test/unit/classify-corpus.test.ts, which prints the tables the
// README quotes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from '../../src/ingest/parse.ts';
import { classify, type Classification } from '../../src/understand/classify.ts';
import { KINDS, type Kind } from '../../src/understand/kinds.ts';
import type { ClassifyRules } from '../../src/understand/rules.ts';

export interface Label {
  file: string;
  kind: Kind;
  marketplace: string | null;
  language: string | null;
  orderId: string | null;
  caseId: string | null;
  intents: string[];
}

export interface KindScore {
  kind: Kind;
  support: number;
  precision: number;
  recall: number;
}

export interface CorpusReport {
  files: number;
  kinds: KindScore[];
  /** Share of files where the field equals the label. */
  fields: Record<'marketplace' | 'language' | 'orderId' | 'caseId' | 'intents', number>;
  mistakes: { file: string; field: string; got: unknown; want: unknown }[];
}

export async function evaluateCorpus(dir: string, rules: ClassifyRules): Promise<CorpusReport> {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[];
  const results = new Map<string, Classification>();
  for (const label of labels) {
    const mail = await parseMail(readFileSync(join(dir, label.file)));
    results.set(label.file, classify(mail, rules));
  }
  const mistakes: CorpusReport['mistakes'] = [];
  const fieldHits = { marketplace: 0, language: 0, orderId: 0, caseId: 0, intents: 0 };
  for (const label of labels) {
    const got = results.get(label.file)!;
    const pairs: [keyof typeof fieldHits | 'kind', unknown, unknown][] = [
      ['kind', got.kind, label.kind],
      ['marketplace', got.marketplace, label.marketplace],
      ['language', got.language, label.language],
      ['orderId', got.orderId, label.orderId],
      ['caseId', got.caseId, label.caseId],
      ['intents', [...got.intents].sort().join(','), [...label.intents].sort().join(',')],
    ];
    for (const [field, g, w] of pairs) {
      if (g === w) {
        if (field !== 'kind') fieldHits[field] += 1;
      } else mistakes.push({ file: label.file, field, got: g, want: w });
    }
  }
  const kinds = KINDS.map((kind) => {
    const truePositive = labels.filter((l) => l.kind === kind && results.get(l.file)!.kind === kind).length;
    const predicted = labels.filter((l) => results.get(l.file)!.kind === kind).length;
    const support = labels.filter((l) => l.kind === kind).length;
    return { kind, support, precision: predicted ? truePositive / predicted : 1, recall: support ? truePositive / support : 1 };
  });
  const share = (n: number) => n / labels.length;
  return {
    files: labels.length,
    kinds,
    fields: {
      marketplace: share(fieldHits.marketplace),
      language: share(fieldHits.language),
      orderId: share(fieldHits.orderId),
      caseId: share(fieldHits.caseId),
      intents: share(fieldHits.intents),
    },
    mistakes,
  };
}

export function reportTable(report: CorpusReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = report.kinds.map((k) => `| ${k.kind} | ${k.support} | ${pct(k.precision)} | ${pct(k.recall)} |`);
  const fields = Object.entries(report.fields).map(([f, v]) => `${f} ${pct(v)}`).join(', ');
  return ['| kind | messages | precision | recall |', '|---|---|---|---|', ...rows, '', `${report.files} messages; fields matching the labels: ${fields}.`].join('\n');
}
