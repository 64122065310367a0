// rules/classify.yaml, read strictly (file:line on every problem) and compiled once.
import { readFileSync } from 'node:fs';
import { isMap, isScalar } from 'yaml';
import { ConfigError } from '../shared/errors.ts';
import { compilePattern, parseRulesFile, readEnum, readList, readMap, readNumber, readStrings, stringOf, type Field, type Source } from '../shared/rules-file.ts';
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
}

export interface IntentRule {
  patterns: RegExp[];
  unless: RegExp[];
}

export interface ClassifyRules {
  amazonDomains: string[];
  marketplaces: Map<string, string>;
  autoReply: { headers: HeaderRule[]; senders: IdPattern[]; subjects: IdPattern[]; amazonBounces: IdPattern[] };
  notices: NoticeRule[];
  /** labels: a whole table cell that is a label; labelled: a line "Label: value" (group 1 the value). */
  buyerText: { begin: RegExp[]; end: RegExp[]; labels: RegExp[]; labelled: RegExp[]; footers: RegExp[] };
  /** Patterns whose first group is the buyer's name, for mail not sent by the relay. */
  buyerNames: RegExp[];
  intents: Record<Intent, IntentRule>;
  /** The intent of a buyer's question that shows no other intent. */
  questionIntent: Intent;
}

export function loadClassifyRules(path: string): ClassifyRules {
  return parseClassifyRules(readFileSync(path, 'utf8'), path);
}

export function parseClassifyRules(yamlText: string, fileLabel: string): ClassifyRules {
  const { src, top: root } = parseRulesFile(yamlText, fileLabel);
  const top = readMap(src, root, ['version', 'amazonDomains', 'marketplaces', 'autoReply', 'notices', 'buyerText', 'buyerNames', 'questionIntent', 'intents']);
  readNumber(top.version!, { min: 1, max: 1, integer: true });

  const auto = readMap(src, top.autoReply!, ['headers', 'senders', 'subjects', 'amazonBounces']);
  const idPatterns = (field: Field) => readList(src, field, (item) => readIdPattern(src, item));
  const buyerText = readMap(src, top.buyerText!, ['begin', 'end', 'labels', 'footers']);
  const lineRegexes = (field: Field) => readStrings(src, field).map((f) => compilePattern(f, 'imu'));
  const intents = readMap(src, top.intents!, [...INTENTS]);

  const rules: ClassifyRules = {
    amazonDomains: readStrings(src, top.amazonDomains!).map((f) => stringOf(f).toLowerCase()),
    marketplaces: readMarketplaces(src, top.marketplaces!),
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
      const f = readMap(src, item, ['id', 'kind'], ['from', 'subject', 'body']);
      const list = (field: Field | undefined, flags: 'iu' | 'imu' = 'iu') => (field ? readStrings(src, field).map((p) => compilePattern(p, flags)) : []);
      // Body patterns see the whole text: ^ and $ match at each line.
      const rule = { id: scalar(f.id!), kind: readEnum(f.kind!, KINDS), from: list(f.from), subject: list(f.subject), body: list(f.body, 'imu') };
      if (rule.from.length + rule.subject.length + rule.body.length === 0) {
        throw new ConfigError(item.at, `notice rule "${rule.id}" has no from, subject or body pattern, so it would match every Amazon mail`, {
          hint: 'give it at least one of from:, subject:, body:',
        });
      }
      return rule;
    }),
    buyerText: {
      begin: lineRegexes(buyerText.begin!),
      end: lineRegexes(buyerText.end!),
      labels: readStrings(src, buyerText.labels!).map((f) => new RegExp(`^(?:${compilePattern(f).source})$`, 'iu')),
      // "Label: value", or a label and its value as HTML table cells turned into columns.
      labelled: readStrings(src, buyerText.labels!).map((f) => new RegExp(`^(?:${compilePattern(f).source})(?:\\s*[:：]|\\s{2,}|\\t)\\s*(.*)$`, 'iu')),
      footers: lineRegexes(buyerText.footers!),
    },
    buyerNames: readStrings(src, top.buyerNames!).map((f) => compilePattern(f, 'iu')),
    questionIntent: readEnum(top.questionIntent!, INTENTS),
    intents: Object.fromEntries(
      INTENTS.map((intent) => {
        const f = readMap(src, intents[intent]!, ['patterns'], ['unless']);
        const list = (field: Field | undefined) => (field ? readStrings(src, field).map((p) => compilePattern(p, 'iu')) : []);
        return [intent, { patterns: list(f.patterns), unless: list(f.unless) }];
      }),
    ) as Record<Intent, IntentRule>,
  };
  const ids = [...rules.autoReply.headers, ...rules.autoReply.senders, ...rules.autoReply.subjects, ...rules.autoReply.amazonBounces, ...rules.notices].map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new ConfigError(fileLabel, `rule id "${duplicate}" is used twice`, { hint: 'give every rule its own id' });
  return rules;
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
