// Classification accuracy over a labelled corpus: precision and recall per kind, and agreement on
// the other contract fields. Used by test/unit/classify-corpus.test.ts, which prints the tables the
// README quotes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from '../../src/ingest/parse.ts';
import { classify, type Classification } from '../../src/understand/classify.ts';
import { BUYER_FACING_KINDS, KINDS, type Kind } from '../../src/understand/kinds.ts';
import type { ClassifyRules } from '../../src/understand/rules.ts';

export interface Label {
  file: string;
  kind: Kind;
  marketplace: string | null;
  language: string | null;
  orderId: string | null;
  caseId: string | null;
  intents: string[];
  /** A phrase of the buyer's own current words that the extracted buyer text must contain. */
  buyerSays?: string | null;
  /** A phrase of Amazon's wrapper or quoted history that the extracted buyer text must not contain. */
  notBuyerSays?: string | null;
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

/** Text compared for buyer words: NFKC, without whitespace (wrapped lines and HTML spacing do not count). */
export function comparable(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();
}

export interface BlindReport {
  files: number;
  /** [right, out of] for each measure. */
  kind: [number, number];
  /** orderId and caseId both as labelled. */
  ids: [number, number];
  /** Exact intents, over the messages labelled with a buyer-facing kind. */
  intents: [number, number];
  /**
   * The same, with the return intent of a return request set aside on both sides: kotae gives every return
   * request `return` (the notice is one), where some writers label only what the buyer's comment says.
   */
  intentsBesideReturnRequests: [number, number];
  /** Per intent over the buyer-facing messages: given and labelled (tp), given only (fp), labelled only (fn). */
  perIntent: Record<string, { tp: number; fp: number; fn: number }>;
  /** buyerSays inside the extracted buyer text and notBuyerSays outside it, over the labels that give either. */
  buyerWords: [number, number];
  misses: { file: string; field: string; got: unknown; want: unknown }[];
}

/**
 * A blind corpus scored on the four figures that matter to a seller: the kind, both IDs, the buyer's
 * intents, and whether the buyer's own words (Classification.text, the text intents are read from)
 * hold what the buyer wrote and nothing of Amazon's wrapper or the quoted history.
 */
export async function evaluateBlind(dir: string, rules: ClassifyRules): Promise<BlindReport> {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[];
  const report: BlindReport = { files: labels.length, kind: [0, 0], ids: [0, 0], intents: [0, 0], intentsBesideReturnRequests: [0, 0], perIntent: {}, buyerWords: [0, 0], misses: [] };
  for (const label of labels) {
    const got = classify(await parseMail(readFileSync(join(dir, label.file))), rules);
    const miss = (field: string, g: unknown, w: unknown) => report.misses.push({ file: label.file, field, got: g, want: w });
    report.kind[1] += 1;
    if (got.kind === label.kind) report.kind[0] += 1;
    else miss('kind', `${got.kind} (${got.rule})`, label.kind);
    report.ids[1] += 1;
    if (got.orderId === label.orderId && got.caseId === label.caseId) report.ids[0] += 1;
    else miss('ids', [got.orderId, got.caseId], [label.orderId, label.caseId]);
    if (BUYER_FACING_KINDS.includes(label.kind)) {
      report.intents[1] += 1;
      const g = [...got.intents].sort().join(',');
      const w = [...label.intents].sort().join(',');
      if (g === w) report.intents[0] += 1;
      else miss('intents', g, w);
      const given: readonly string[] = got.intents;
      for (const intent of new Set([...given, ...label.intents])) {
        const c = (report.perIntent[intent] ??= { tp: 0, fp: 0, fn: 0 });
        if (!given.includes(intent)) c.fn += 1;
        else if (label.intents.includes(intent)) c.tp += 1;
        else c.fp += 1;
      }
      const aside = (list: readonly string[]) => list.filter((i) => label.kind !== 'return_request' || i !== 'return').sort().join(',');
      report.intentsBesideReturnRequests[1] += 1;
      if (aside(got.intents) === aside(label.intents)) report.intentsBesideReturnRequests[0] += 1;
    }
    if (label.buyerSays || label.notBuyerSays) {
      report.buyerWords[1] += 1;
      const text = comparable(buyerWordsOf(got));
      const has = !label.buyerSays || text.includes(comparable(label.buyerSays));
      const hasNot = !!label.notBuyerSays && text.includes(comparable(label.notBuyerSays));
      if (has && !hasNot) report.buyerWords[0] += 1;
      else miss('buyerWords', got.text.length > 300 ? `${got.text.slice(0, 300)}…` : got.text, `${has ? '' : `missing "${label.buyerSays}"`}${hasNot ? ` holds "${label.notBuyerSays}"` : ''}`.trim());
    }
  }
  return report;
}

/**
 * What the classifier takes as the buyer's words: Classification.text where a buyer speaks (the kinds
 * intents are read from, and feedback, whose text is the buyer's comment). Elsewhere (a Seller Support
 * answer, an account-health notice, an auto-reply) text is the notice's own, kept for the case summary
 * and the support facts, and no buyer's words are read from it.
 */
export function buyerWordsOf(got: Classification): string {
  return BUYER_FACING_KINDS.includes(got.kind) || got.kind === 'negative_feedback' ? got.text : '';
}

export const ratio = ([right, of]: [number, number]): number => (of === 0 ? 1 : right / of);
