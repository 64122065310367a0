// Reading a seller-editable YAML file (rules, playbook) strictly: every value is checked against the
// shape kotae needs, and every problem names the file and line so that a seller who edited the file
// can find the mistake.
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './errors.ts';

export interface Source {
  readonly file: string;
  readonly lines: LineCounter;
}

/** A value in the file and where it is (its own line, or its key's line when it is empty). */
export interface Field {
  readonly node: unknown;
  readonly at: string;
  readonly path: string;
}

export function locate(src: Source, node: unknown, fallback = 1): string {
  const line = isNode(node) && node.range ? src.lines.linePos(node.range[0]).line : fallback;
  return `${src.file}:${line}`;
}

/** Parse the file's YAML; the top-level value comes back as a Field to read with readMap. */
export function parseRulesFile(yamlText: string, fileLabel: string): { src: Source; top: Field } {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    throw new ConfigError(`${fileLabel}:${error.linePos?.[0].line ?? 1}`, `not valid YAML: ${error.message.split('\n')[0]}`, {
      hint: 'check the indentation and quoting near this line',
    });
  }
  return { src: { file: fileLabel, lines }, top: { node: doc.contents, at: `${fileLabel}:1`, path: '' } };
}

/** The fields of a mapping, by key; unknown keys and missing required keys are errors. */
export function readMap(src: Source, field: Field, keys: readonly string[], optional: readonly string[] = []): Record<string, Field> {
  if (!isMap(field.node)) {
    throw new ConfigError(field.at, `${field.path || 'the rules file'} must be a mapping of keys to values`, {
      hint: `expected keys: ${[...keys, ...optional].join(', ')}`,
    });
  }
  const out: Record<string, Field> = {};
  for (const pair of field.node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyAt = locate(src, pair.key);
    const path = field.path === '' ? key : `${field.path}.${key}`;
    if (!keys.includes(key) && !optional.includes(key)) {
      throw new ConfigError(keyAt, `unknown key "${path}"`, { hint: `expected one of: ${[...keys, ...optional].join(', ')}` });
    }
    out[key] = { node: pair.value, at: isNode(pair.value) && pair.value.range ? locate(src, pair.value) : keyAt, path };
  }
  const missing = keys.find((k) => !(k in out));
  if (missing !== undefined) {
    const where = field.path === '' ? 'the top level' : field.path;
    throw new ConfigError(field.at, `missing key "${missing}" in ${where}`, {
      hint: 'every required key of the shipped file must be there; copy it from the original in the repo',
    });
  }
  return out;
}

export function readNumber(field: Field, range: { min: number; max: number; integer?: boolean }): number {
  const value = isScalar(field.node) ? field.node.value : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max ||
    (range.integer === true && !Number.isInteger(value))) {
    const kind = range.integer === true ? 'a whole number' : 'a number';
    throw new ConfigError(field.at, `${field.path} must be ${kind} from ${range.min} to ${range.max}`, {
      hint: `write a bare number, e.g. ${field.path.split('.').at(-1)}: ${range.max}`,
    });
  }
  return value;
}

/** A list of non-empty strings; an empty value (only comments under the key) is an empty list. */
export function readStrings(src: Source, field: Field): Field[] {
  if (isScalar(field.node) && field.node.value === null) return [];
  if (!isSeq(field.node)) {
    throw new ConfigError(field.at, `${field.path} must be a list`, { hint: 'write one "- item" per line, or [] for none' });
  }
  return field.node.items.map((item, i) => {
    const at = locate(src, item);
    const path = `${field.path}[${i}]`;
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
      throw new ConfigError(at, `${path} must be a non-empty string`, { hint: "quote it: - '…'" });
    }
    return { node: item.value, at, path };
  });
}

export function stringOf(field: Field): string {
  return field.node as string;
}

/**
 * Compiles a pattern case-insensitively for Unicode text: global for scanning a text (the default), or
 * other flags for a single test. An invalid pattern, or one that matches empty text (it would block
 * every message), is an error.
 */
export function compilePattern(field: Field, flags: 'giu' | 'iu' | 'imu' = 'giu'): RegExp {
  let pattern: RegExp;
  try {
    pattern = new RegExp(stringOf(field), flags);
  } catch (err) {
    throw new ConfigError(field.at, `${field.path} is not a valid regular expression (${(err as Error).message})`, {
      hint: 'check brackets and escapes; patterns are JavaScript regular expressions with flags i and u',
      cause: err,
    });
  }
  if (new RegExp(pattern.source, 'iu').test('')) {
    throw new ConfigError(field.at, `${field.path} matches empty text, so it would block every message`, {
      hint: 'remove the ? or * that makes the whole pattern optional',
    });
  }
  return pattern;
}

export function readBoolean(field: Field): boolean {
  const value = isScalar(field.node) ? field.node.value : undefined;
  if (typeof value !== 'boolean') {
    throw new ConfigError(field.at, `${field.path} must be true or false`, { hint: `write ${field.path.split('.').at(-1)}: true or false` });
  }
  return value;
}

/** A single string value of a mapping (a file name). */
export function readText(field: Field): string {
  const value = isScalar(field.node) ? field.node.value : undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(field.at, `${field.path} must be a non-empty string`, { hint: `write ${field.path.split('.').at(-1)}: name` });
  }
  return value;
}

/** One of a fixed set of words (a kind, a mode, a language). */
export function readEnum<T extends string>(field: Field, allowed: readonly T[]): T {
  // A list item from readStrings holds its plain value; a mapping value holds its YAML node.
  const value = isScalar(field.node) ? field.node.value : field.node;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(field.at, `${field.path} must be one of: ${allowed.join(', ')}`, { hint: `found ${JSON.stringify(value ?? null)}` });
  }
  return value as T;
}

/** A list of mappings (each rule of a rules file), each read by `read` with its own location. */
export function readList<T>(src: Source, field: Field, read: (item: Field) => T): T[] {
  if (isScalar(field.node) && field.node.value === null) return [];
  if (!isSeq(field.node)) {
    throw new ConfigError(field.at, `${field.path} must be a list`, { hint: 'write one "- …" entry per item' });
  }
  return field.node.items.map((item, i) => read({ node: item, at: locate(src, item), path: `${field.path}[${i}]` }));
}
