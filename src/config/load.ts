// Loading the configuration: which file, YAML with line numbers, validation, absolute paths.
// Every problem becomes a ConfigError naming the file, line and key, with the fix (the CLI exits 2).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../shared/errors.ts';
import type { StoreLocation } from '../store/index.ts';
import { configSchema, type AccountConfig, type ParsedConfig } from './schema.ts';

/** The folder kotae ships from: its default templates/ and rules/ live there. */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const DEFAULT_CONFIG_FILE = 'kotae.config.yaml';

export interface Config extends Omit<ParsedConfig, 'templatesDir' | 'rulesDir'> {
  /** The file the configuration came from, or null when kotae runs on defaults. */
  file: string | null;
  /** Absolute paths: relative ones in the file resolve against the file's folder. */
  dataDir: string;
  templatesDir: string;
  rulesDir: string;
  accounts: AccountConfig[];
}

/** One of the seller-editable rules files in rulesDir. */
export function rulesFile(config: Pick<Config, 'rulesDir'>, name: 'classify' | 'playbook' | 'guard'): string {
  return join(config.rulesDir, `${name}.yaml`);
}

/** The config file to use: --config, then KOTAE_CONFIG, then ./kotae.config.yaml if present. */
export function findConfigFile(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  if (flag) return resolve(cwd, flag);
  if (env.KOTAE_CONFIG) return resolve(cwd, env.KOTAE_CONFIG);
  const local = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(local) ? local : null;
}

export function loadConfig(file: string | null, cwd = process.cwd()): Config {
  if (file === null) return finish(configSchema.parse({}), null, cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A bind mount of a missing file makes Docker create a folder in its place (compose.yaml avoids it).
    if (code === 'EISDIR') {
      throw new ConfigError(file, 'is a folder, not a configuration file (Docker creates an empty folder when a file it should mount is missing)', {
        hint: 'On the host: `sudo rmdir kotae.config.yaml && cp kotae.config.example.yaml kotae.config.yaml`, fill it in, and start again.',
      });
    }
    throw new ConfigError(file, `cannot read the configuration file (${code ?? 'error'})`, {
      hint: 'Check the path given by --config or KOTAE_CONFIG.',
    });
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new ConfigError(`${file}:${line}`, `not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      hint: 'Fix the YAML syntax (indentation, colons, quotes) at that line.',
    });
  }
  const raw: unknown = doc.toJS() ?? {};
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    // Report every problem at once (up to a few), each with its line: one round of fixes, not ten.
    // Unknown keys first (a misspelt key is also why a required one is "missing"), one problem per key,
    // each at its own line and path, not at the mapping that holds it.
    const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    const problems = issues
      .flatMap((issue): { issue: z.core.$ZodIssue; path: PropertyKey[] }[] => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ issue, path: [...issue.path, key] })) : [{ issue, path: issue.path }]))
      .slice(0, 5)
      .map(({ issue, path }) => {
        const node = nodeAt(doc.contents, path);
        const line = node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
        const text = issue.code === 'unrecognized_keys' ? unknownKey(String(path.at(-1)), knownKeys(issue.path)) : describeIssue(issue);
        return { where: `${file}${line} ${keyPath(path)}`, text };
      });
    const [first, ...others] = problems;
    const more = others.map((p) => `\n  also ${p.where}: ${p.text}`).join('');
    throw new ConfigError(first!.where, `${first!.text}${more}`, { hint: hintFor(issues[0]!) });
  }
  return finish(result.data, file, dirname(file));
}

/** The secret named by an `…Env` key: the variable itself, or the file named by `<NAME>_FILE`. */
export function resolveSecret(name: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  const direct = env[name];
  if (direct !== undefined && direct !== '') return direct;
  const fileName = env[`${name}_FILE`];
  if (fileName) {
    try {
      return readFileSync(fileName, 'utf8').trim();
    } catch {
      throw new ConfigError(where, `${name}_FILE names ${fileName}, which cannot be read`, { hint: 'Point it at a readable file that holds only the secret.' });
    }
  }
  throw new ConfigError(where, `environment variable ${name} is not set`, {
    hint: `Set ${name} to the secret (or ${name}_FILE to a file holding it) in kotae's environment.`,
  });
}

/**
 * Resolve every secret the configuration names, at start-up: missing ones stop kotae before any
 * work, all named in one message (one round of fixes), with the key and the variable, never a value.
 */
export function checkSecrets(config: Config, env: NodeJS.ProcessEnv = process.env): void {
  const wanted: { name: string; where: string }[] = [];
  if (config.store.urlEnv) wanted.push({ name: config.store.urlEnv, where: 'store.urlEnv' });
  for (const account of config.accounts) {
    for (const [part, settings] of [['imap', account.imap], ['smtp', account.smtp]] as const) {
      if (!settings) continue;
      for (const key of ['passwordEnv', 'accessTokenEnv'] as const) {
        const name = settings[key];
        if (name) wanted.push({ name, where: `accounts[${account.id}].${part}.${key}` });
      }
    }
  }
  const problems: ConfigError[] = [];
  for (const { name, where } of wanted) {
    try {
      resolveSecret(name, where, env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(err);
    }
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) {
    const where = config.file ?? 'the configuration';
    throw new ConfigError(where, `${problems.length} secrets are missing:\n${problems.map((p) => `  ${p.message}`).join('\n')}`, {
      hint: 'Set each variable to its secret (or NAME_FILE to a file holding it) in kotae\'s environment.',
    });
  }
}

/**
 * Where the store is: the data folder (SQLite), or the PostgreSQL URL in the variable named by
 * store.urlEnv. Checked at start-up; the URL's password is never shown.
 */
export function storeLocation(config: Config, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const name = config.store.urlEnv;
  if (name === undefined) return config.dataDir;
  const url = resolveSecret(name, 'store.urlEnv', env);
  if (!/^postgres(?:ql)?:\/\//i.test(url)) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
    throw new ConfigError('store.urlEnv', `${name} does not hold a postgres:// URL (${scheme ? `it starts with ${scheme}:` : 'it has no scheme'})`, {
      hint: `Set ${name} to postgres://USER:PASSWORD@HOST:5432/DATABASE, or remove store.urlEnv to keep the store in SQLite under dataDir.`,
    });
  }
  return { url };
}

function finish(parsed: ParsedConfig, file: string | null, baseDir: string): Config {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const rulesDir = parsed.rulesDir ? abs(parsed.rulesDir) : resolve(APP_ROOT, 'rules');
  return {
    ...parsed,
    file,
    dataDir: abs(parsed.dataDir),
    templatesDir: parsed.templatesDir ? abs(parsed.templatesDir) : resolve(APP_ROOT, 'templates'),
    rulesDir,
    accounts: parsed.accounts.map((a) => ({ ...a, ...(a.outboxDir ? { outboxDir: abs(a.outboxDir) } : {}) })),
  };
}

function keyPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || '(top level)';
}

function nodeAt(node: unknown, path: PropertyKey[]): Node | undefined {
  let current = node as Node | undefined;
  let last = current;
  for (const part of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      current = (pair?.value ?? pair?.key) as Node | undefined;
    } else if (isSeq(current) && typeof part === 'number') {
      current = current.items[part] as Node | undefined;
    } else {
      break;
    }
    if (current) last = current;
  }
  return last;
}

/** "unknown key", with the closest known key when one is a plausible typo of it. */
function unknownKey(key: string, known: string[]): string {
  const limit = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  const best = known.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= limit ? `unknown key "${key}"; did you mean "${best.k}"?` : `unknown key "${key}"${known.length ? ` (known here: ${known.join(', ')})` : ''}`;
}

/** The keys the schema knows in the mapping at `path` (accounts[0].imap → host, port, …). */
export function knownKeys(path: PropertyKey[]): string[] {
  type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown; in?: unknown };
  const def = (node: unknown) => (node as { _zod?: { def: Def } } | undefined)?._zod?.def;
  // Through optional, default, prefault, nullable and pipe wrappers to the object or array inside.
  const unwrap = (node: unknown): unknown => {
    for (let d = def(node), depth = 0; d && depth < 10; d = def(node), depth += 1) {
      if (d.type === 'object' || d.type === 'array') return node;
      node = d.innerType ?? d.in;
    }
    return node;
  };
  let node: unknown = configSchema;
  for (const part of path) {
    const d = def(unwrap(node));
    node = typeof part === 'number' ? (d?.type === 'array' ? d.element : undefined) : d?.type === 'object' ? d.shape?.[String(part)] : undefined;
  }
  const d = def(unwrap(node));
  return d?.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit (hsot → host). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `is required (${issue.expected})`;
  return issue.message.replace(/^Invalid input: /, '');
}

function hintFor(issue: z.core.$ZodIssue): string {
  // A rule of schema.ts that knows the fix better than "fix the value" says it.
  if (issue.code === 'custom' && typeof issue.params?.hint === 'string') return issue.params.hint;
  if (issue.code === 'unrecognized_keys') return 'Correct its spelling or remove it; the README lists every configuration key.';
  return 'Fix the value at that key; the README lists every configuration key with its default.';
}
