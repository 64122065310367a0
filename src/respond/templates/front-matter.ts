// The YAML between the `---` lines at the top of a template: read strictly (unknown keys, kinds,
// intents and fields are errors) with the file's own line numbers, so the seller can find a mistake.
import { isMap, isScalar } from 'yaml';
import { ConfigError } from '../../shared/errors.ts';
import {
  parseRulesFile, readBoolean, readEnum, readList, readMap, readNumber, readStrings, stringOf, type Field, type Source,
} from '../../shared/rules-file.ts';
import { INTENTS, KINDS, type Intent, type Kind } from '../../understand/kinds.ts';
import { childKeys, FIELDS, isLeaf, type FieldType } from './fields.ts';

export interface Split {
  /** The front matter, or null when the file has none. */
  yaml: string | null;
  body: string;
  /** Lines before the body: add to a line in the body to get the line in the file. */
  offset: number;
}

export interface TemplateFront {
  description: string;
  audience: 'buyer' | 'amazon';
  audienceLine: number | null;
  kinds: Kind[];
  intents: Intent[];
  subject: { source: string; line: number } | null;
  auto: boolean;
  needs: { path: string; line: number }[];
  sample: Record<string, unknown>;
}

const FENCE = /^---[ \t]*$/;

export function splitFile(text: string, file: string): Split {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (!FENCE.test(lines[0] ?? '')) return { yaml: null, body: lines.join('\n'), offset: 0 };
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) {
    throw new ConfigError(`${file}:1`, 'the front matter has no closing --- line', { hint: 'add a line with only --- after the last front-matter key' });
  }
  // A leading empty line stands for the opening ---, so YAML line numbers are the file's.
  return { yaml: ['', ...lines.slice(1, end)].join('\n'), body: lines.slice(end + 1).join('\n'), offset: end + 1 };
}

export function readTemplateFront(yaml: string, file: string): TemplateFront {
  const { src, top } = parseRulesFile(yaml, file);
  if (!isMap(top.node)) {
    throw new ConfigError(`${file}:1`, 'the front matter must be a list of keys (description, audience, answers, …)', {
      hint: 'see docs/templates.md for an example',
    });
  }
  const keys = readMap(src, top, ['description', 'audience', 'answers'], ['subject', 'auto', 'needs', 'sample']);
  const answers = readMap(src, keys.answers!, ['kinds'], ['intents']);
  const kinds = readStrings(src, answers.kinds!).map((f) => oneOf(f, KINDS, 'kind'));
  if (kinds.length === 0) throw new ConfigError(answers.kinds!.at, 'answers.kinds is empty', { hint: `list the kinds this template answers: ${KINDS.join(', ')}` });
  return {
    description: readLine(keys.description!),
    audience: readEnum(keys.audience!, ['buyer', 'amazon'] as const),
    audienceLine: lineOf(keys.audience!.at),
    kinds,
    intents: answers.intents === undefined ? [] : readStrings(src, answers.intents).map((f) => oneOf(f, INTENTS, 'intent')),
    subject: keys.subject === undefined ? null : { source: readLine(keys.subject), line: lineOf(keys.subject.at) ?? 1 },
    auto: keys.auto === undefined ? false : readBoolean(keys.auto),
    needs: keys.needs === undefined ? [] : readStrings(src, keys.needs).map((f) => ({ path: need(f), line: lineOf(f.at) ?? 1 })),
    sample: keys.sample === undefined ? {} : readSample(src, keys.sample, ''),
  };
}

/** Partials may have front matter for a description; nothing else is read from it. */
export function readPartialFront(yaml: string, file: string): void {
  const { src, top } = parseRulesFile(yaml, file);
  if (isScalar(top.node) && top.node.value === null) return;
  const keys = readMap(src, top, [], ['description']);
  if (keys.description !== undefined) readLine(keys.description);
}

/** The line number in a `file:line` location. */
export function lineOf(where: string): number | null {
  const match = /:(\d+)$/.exec(where);
  return match === null ? null : Number(match[1]);
}

function readLine(field: Field): string {
  const value = isScalar(field.node) ? field.node.value : undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\n')) {
    throw new ConfigError(field.at, `${field.path} must be one line of text`, { hint: 'quote it if it contains a colon: "…"' });
  }
  return value.trim();
}

function oneOf<T extends string>(field: Field, allowed: readonly T[], what: string): T {
  const value = stringOf(field);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(field.at, `unknown ${what} "${value}" in ${field.path}`, { hint: `use one of: ${allowed.join(', ')}` });
  }
  return value as T;
}

function need(field: Field): string {
  const path = stringOf(field);
  if (!isLeaf(path)) {
    throw new ConfigError(field.at, `needs: unknown field "${path}"`, { hint: 'list fields such as order.id or case.supportCaseId (see docs/templates.md)' });
  }
  return path;
}

/** The sample, checked against RenderData's fields; numbers given for text (case IDs) become text. */
function readSample(src: Source, field: Field, group: string): Record<string, unknown> {
  const fields = readMap(src, field, [], childKeys(group));
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(fields)) {
    const path = group === '' ? key : `${group}.${key}`;
    // A group may be absent from the case (support.admission: null).
    out[key] = isLeaf(path) ? readValue(src, f, FIELDS[path]) : isScalar(f.node) && f.node.value === null ? null : readSample(src, f, path);
  }
  return out;
}

function readValue(src: Source, field: Field, type: FieldType): unknown {
  const scalar = isScalar(field.node) ? field.node.value : undefined;
  switch (type) {
    case 'language':
      throw new ConfigError(field.at, `${field.path} is set by the file name (.ja.hbs or .en.hbs)`, { hint: 'remove it from the sample' });
    case 'count':
      return readNumber(field, { min: 0, max: 1_000_000_000, integer: true });
    case 'kind':
      return readEnum(field, KINDS);
    case 'fulfilment':
      return readEnum(field, ['fba', 'merchant'] as const);
    case 'intents':
      return readStrings(src, field).map((f) => oneOf(f, INTENTS, 'intent'));
    case 'fault':
      return readEnum(field, ['amazon', 'seller', 'unclear'] as const);
    case 'flag':
      return readBoolean(field);
    case 'money':
      return readList(src, field, (item) => {
        const m = readMap(src, item, ['amount', 'what', 'state']);
        const text = (f: Field): string => String(isScalar(f.node) ? f.node.value : '');
        return { amount: text(m.amount!), what: text(m.what!), state: readEnum(m.state!, ['claimed', 'promised', 'paid', 'refused'] as const) };
      });
    case 'optional-text':
    case 'optional-time':
      if (scalar === null) return null;
      break;
    default:
      break;
  }
  if (typeof scalar !== 'string' && typeof scalar !== 'number') {
    throw new ConfigError(field.at, `${field.path} must be ${type.endsWith('time') ? 'a time' : 'text'}`, { hint: 'write a single value, quoted if in doubt' });
  }
  const text = String(scalar);
  if (type.endsWith('time') && Number.isNaN(Date.parse(text))) {
    throw new ConfigError(field.at, `${field.path} is not a time: "${text}"`, { hint: 'write an ISO 8601 time such as 2026-11-24T10:15:00+09:00' });
  }
  return text;
}
