// Loading the configuration: which file, YAML with line numbers, validation, absolute paths.
// Every problem becomes a ConfigError naming the file, line and key, with the fix (the CLI exits 2).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../shared/errors.ts';
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
    throw new ConfigError(file, `cannot read the configuration file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, {
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
    const problems = result.error.issues.slice(0, 5).map((issue) => {
      // An unknown key is shown at its own line, not at the line of the mapping that holds it.
      const node = nodeAt(doc.contents, issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path);
      const line = node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
      return { where: `${file}${line} ${keyPath(issue.path)}`, text: describeIssue(issue) };
    });
    const [first, ...others] = problems;
    const more = others.map((p) => `\n  also ${p.where}: ${p.text}`).join('');
    throw new ConfigError(first!.where, `${first!.text}${more}`, { hint: hintFor(result.error.issues[0]!) });
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
 * Resolve every secret the configuration names, at start-up: a missing one stops kotae before any
 * work, with the key and the variable (never the value) in the message.
 */
export function checkSecrets(config: Config, env: NodeJS.ProcessEnv = process.env): void {
  for (const account of config.accounts) {
    for (const [part, settings] of [['imap', account.imap], ['smtp', account.smtp]] as const) {
      if (!settings) continue;
      for (const key of ['passwordEnv', 'accessTokenEnv'] as const) {
        const name = settings[key];
        if (name) resolveSecret(name, `accounts[${account.id}].${part}.${key}`, env);
      }
    }
  }
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `is required (${issue.expected})`;
  return issue.message.replace(/^Invalid input: /, '');
}

function hintFor(issue: z.core.$ZodIssue): string {
  // A rule of schema.ts that knows the fix better than "fix the value" says it.
  if (issue.code === 'custom' && typeof issue.params?.hint === 'string') return issue.params.hint;
  if (issue.code === 'unrecognized_keys') return 'Remove it or check its spelling; the README lists every configuration key.';
  return 'Fix the value at that key; the README lists every configuration key with its default.';
}
