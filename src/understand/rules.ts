// rules/classify.yaml, read strictly (file:line on every problem) and compiled once.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { ConfigError } from '../shared/errors.ts';
import { compilePattern, parseRulesFile, readBoolean, readEnum, readList, readMap, readNumber, readStrings, stringOf, type Field, type Source } from '../shared/rules-file.ts';
import { loadIntentModel, type IntentModel } from './intent-model.ts';
import { INTENTS, KINDS, type Intent, type Kind } from './kinds.ts';

export interface IdPattern {
  id: string;
  pattern: RegExp;
}

export interface HeaderRule extends IdPattern {
  header: string;
}

export interface NoticeRule {
  id: string;
  kind: Kind;
  from: RegExp[];
  subject: RegExp[];
  body: RegExp[];
  /** The subject or the body names a Seller Support case ID. */
  caseId: boolean;
}

export interface IntentRule {
  patterns: RegExp[];
  unless: RegExp[];
  /**
   * Words that look like the intent and say something else (割れ物 is "fragile goods", 間違いありません
   * "that is right"): taken out of the sentence before the patterns read it, so the rest still counts.
   */
  ignore: RegExp[];
  /** Counts only in a sentence that shows no other intent ("キャンセルしたいのですが、やり方が分かりません"). */
  alone: boolean;
  /** Counts only in a sentence that asks (a question, or one of `questions`). */
  askingOnly: boolean;
  /**
   * All the patterns in one, multiline: a quick test over the buyer's sentences one per line before
   * they are read one by one (most mail shows one or two intents of eight). Null if they cannot be joined.
   */
  any: RegExp | null;
}

export interface ClassifyRules {
  amazonDomains: string[];
  marketplaces: Map<string, string>;
  /** Carriers' tracking notices: machine mail that is not an auto-reply (checked before autoReply). */
  carrierNotices: IdPattern[];
  autoReply: { headers: HeaderRule[]; senders: IdPattern[]; subjects: IdPattern[]; amazonBounces: IdPattern[] };
  notices: NoticeRule[];
  /**
   * labels: a whole table cell that is a label of the buyer's words; labelled: a line "Label: value"
   * (the group "value" is the value); reasons / reasonLabelled: the same for Amazon's reason fields, which are not
   * the buyer's words (they end a label's value that runs over several lines).
   */
  buyerText: { begin: RegExp[]; end: RegExp[]; labels: RegExp[]; labelled: RegExp[]; reasons: RegExp[]; reasonLabelled: RegExp[]; footers: RegExp[] };
  /** Patterns whose first group is the buyer's name, for mail not sent by the relay. */
  buyerNames: RegExp[];
  intents: Record<Intent, IntentRule>;
  /** The intent of a buyer's question that shows no other intent. */
  questionIntent: Intent;
  /** Sentences that ask without a question mark ("asks whether…", reported by Amazon's forwards). */
  questions: RegExp[];
  /** Questions about the shop's service, not the product (stock, gift wrapping): they give no `questionIntent`. */
  serviceQuestions: RegExp[];
  /** The learned second opinion on intents (rules/intent-model.json), when the rules file names one. */
  intentModel: IntentModel | null;
}

export function loadClassifyRules(path: string): ClassifyRules {
  return parseClassifyRules(readFileSync(path, 'utf8'), path);
}

export function parseClassifyRules(yamlText: string, fileLabel: string): ClassifyRules {
  const { src, top: root } = parseRulesFile(yamlText, fileLabel);
  // carrierNotices, questions, serviceQuestions, retold and buyerText.reasons came later: a seller's
  // older copy of the file still loads without them.
  const top = readMap(src, root, ['version', 'amazonDomains', 'marketplaces', 'autoReply', 'notices', 'buyerText', 'buyerNames', 'questionIntent', 'intents'], ['carrierNotices', 'questions', 'serviceQuestions', 'retold', 'intentModel']);
  readNumber(top.version!, { min: 1, max: 1, integer: true });

  const auto = readMap(src, top.autoReply!, ['headers', 'senders', 'subjects', 'amazonBounces']);
  const idPatterns = (field: Field) => readList(src, field, (item) => readIdPattern(src, item));
  const buyerText = readMap(src, top.buyerText!, ['begin', 'end', 'labels', 'footers'], ['reasons']);
  // A whole cell that is the label, or a line "Label: value" (also a label and its value as HTML table
  // cells turned into columns); a leading bullet or dash ("■ ", "-- ") is not part of the label.
  // A typographic apostrophe is an apostrophe: "Customer’s Comment" is "Customer's Comment".
  const labelSource = (f: Field) => compilePattern(f).source.replace(/'/g, "['’]");
  const wholeLabel = (f: Field) => new RegExp(`^(?:${labelSource(f)})$`, 'iu');
  // A label may carry the other language after a slash ("Buyer comments / Commentaires :"; the other order is
  // tried in extract.ts), a note in brackets, and stand alone on its line ("お客様からのメッセージ（原文）").
  const labelLine = (f: Field) => new RegExp(`^(?:${labelSource(f)})(?:\\s*/[^:：\\n]{1,40})?(?:\\s*[（(][^）)\\n]{1,40}[）)])?(?:\\s*[:：]|\\s{2,}|\\t|\\s*$)\\s*(?<value>.*)$`, 'iu');
  const lineRegexes = (field: Field) => readStrings(src, field).map((f) => compilePattern(f, 'imu'));
  const intents = readMap(src, top.intents!, [...INTENTS]);

  // The buyer's earlier words retold count for no intent: each intent ignores them.
  const retold = top.retold ? readStrings(src, top.retold).map((p) => compilePattern(p, 'giu')) : [];
  // The model file is named relative to the rules file: a seller's own rulesDir holds its own copy.
  const modelField = top.intentModel ? readMap(src, top.intentModel, ['file', 'add', 'keep']) : null;
  const intentModel = modelField
    ? loadIntentModel(resolve(dirname(fileLabel), scalar(modelField.file!)), readNumber(modelField.add!, { min: 0.5, max: 1 }), readNumber(modelField.keep!, { min: 0, max: 0.5 }))
    : null;
  const rules: ClassifyRules = {
    amazonDomains: readStrings(src, top.amazonDomains!).map((f) => stringOf(f).toLowerCase()),
    marketplaces: readMarketplaces(src, top.marketplaces!),
    carrierNotices: top.carrierNotices ? idPatterns(top.carrierNotices) : [],
    autoReply: {
      headers: readList(src, auto.headers!, (item) => {
        const f = readMap(src, item, ['id', 'header', 'pattern']);
        return { id: scalar(f.id!), header: scalar(f.header!).toLowerCase(), pattern: compilePattern(f.pattern!, 'iu') };
      }),
      senders: idPatterns(auto.senders!),
      subjects: idPatterns(auto.subjects!),
      amazonBounces: idPatterns(auto.amazonBounces!),
    },
    notices: readList(src, top.notices!, (item) => {
      const f = readMap(src, item, ['id', 'kind'], ['from', 'subject', 'body', 'caseId']);
      const list = (field: Field | undefined, flags: 'iu' | 'imu' = 'iu') => (field ? readStrings(src, field).map((p) => compilePattern(p, flags)) : []);
      // Body patterns see the whole text: ^ and $ match at each line.
      const rule = { id: scalar(f.id!), kind: readEnum(f.kind!, KINDS), from: list(f.from), subject: list(f.subject), body: list(f.body, 'imu'), caseId: f.caseId ? readBoolean(f.caseId) : false };
      if (rule.from.length + rule.subject.length + rule.body.length === 0 && !rule.caseId) {
        throw new ConfigError(item.at, `notice rule "${rule.id}" has no from, subject, body or caseId condition, so it would match every Amazon mail`, {
          hint: 'give it at least one of from:, subject:, body:, caseId: true',
        });
      }
      return rule;
    }),
    buyerText: {
      begin: lineRegexes(buyerText.begin!),
      end: lineRegexes(buyerText.end!),
      labels: readStrings(src, buyerText.labels!).map(wholeLabel),
      labelled: readStrings(src, buyerText.labels!).map(labelLine),
      reasons: buyerText.reasons ? readStrings(src, buyerText.reasons).map(wholeLabel) : [],
      reasonLabelled: buyerText.reasons ? readStrings(src, buyerText.reasons).map(labelLine) : [],
      footers: lineRegexes(buyerText.footers!),
    },
    buyerNames: readStrings(src, top.buyerNames!).map((f) => compilePattern(f, 'iu')),
    questionIntent: readEnum(top.questionIntent!, INTENTS),
    questions: top.questions ? readStrings(src, top.questions).map((f) => compilePattern(f, 'iu')) : [],
    serviceQuestions: top.serviceQuestions ? readStrings(src, top.serviceQuestions).map((f) => compilePattern(f, 'iu')) : [],
    intentModel,
    intents: Object.fromEntries(
      INTENTS.map((intent) => {
        const f = readMap(src, intents[intent]!, ['patterns'], ['unless', 'ignore', 'askingOnly', 'alone']);
        const list = (field: Field | undefined, flags: 'iu' | 'giu' = 'iu') => (field ? readStrings(src, field).map((p) => compilePattern(p, flags)) : []);
        const patterns = list(f.patterns);
        return [
          intent,
          {
            patterns,
            unless: list(f.unless),
            ignore: [...list(f.ignore, 'giu'), ...retold],
            askingOnly: f.askingOnly ? readBoolean(f.askingOnly) : false,
            alone: f.alone ? readBoolean(f.alone) : false,
            any: joinPatterns(patterns),
          },
        ];
      }),
    ) as Record<Intent, IntentRule>,
  };
  const ids = [...rules.carrierNotices, ...rules.autoReply.headers, ...rules.autoReply.senders, ...rules.autoReply.subjects, ...rules.autoReply.amazonBounces, ...rules.notices].map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new ConfigError(fileLabel, `rule id "${duplicate}" is used twice`, { hint: 'give every rule its own id' });
  return rules;
}

function joinPatterns(patterns: RegExp[]): RegExp | null {
  try {
    return patterns.length ? new RegExp(patterns.map((re) => `(?:${re.source})`).join('|'), 'imu') : null;
  } catch {
    return null; // e.g. the same group name in two patterns
  }
}

function readIdPattern(src: Source, item: Field): IdPattern {
  const f = readMap(src, item, ['id', 'pattern']);
  return { id: scalar(f.id!), pattern: compilePattern(f.pattern!, 'iu') };
}

function readMarketplaces(src: Source, field: Field): Map<string, string> {
  if (!isMap(field.node)) throw new ConfigError(field.at, `${field.path} must map a domain to a marketplace code`, { hint: 'e.g. amazon.co.jp: JP' });
  const out = new Map<string, string>();
  for (const pair of field.node.items) {
    const domain = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : '';
    const code = isScalar(pair.value) ? String(pair.value.value) : '';
    if (!/^[A-Z]{2}$/.test(code)) {
      throw new ConfigError(`${src.file}:${src.lines.linePos((pair.key as { range?: [number] }).range?.[0] ?? 0).line}`, `marketplace for ${domain} must be a two-letter code such as JP`, {
        hint: 'write the code in capitals',
      });
    }
    out.set(domain, code);
  }
  return out;
}

function scalar(field: Field): string {
  const value = isScalar(field.node) ? field.node.value : undefined;
  if (typeof value !== 'string' || value === '') throw new ConfigError(field.at, `${field.path} must be a non-empty string`, { hint: 'quote it if needed' });
  return value;
}
