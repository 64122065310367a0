// rules/playbook.yaml: which template answers which situation, and how (approval, auto, notify,
// ignore). Read strictly (file:line errors), matched top to bottom.
import { readFileSync } from 'node:fs';
import { isScalar } from 'yaml';
import { ConfigError } from '../shared/errors.ts';
import { parseRulesFile, readBoolean, readEnum, readList, readMap, readNumber, readStrings, stringOf, compilePattern, type Field, type Source } from '../shared/rules-file.ts';
import { INTENTS, KINDS, type Intent, type Kind } from '../understand/kinds.ts';
import { sentences } from '../understand/extract.ts';
import { STEPS, type Step } from './ladder.ts';

export const MODES = ['approval', 'auto', 'notify', 'ignore'] as const;
export type Mode = (typeof MODES)[number];

interface Range {
  min?: number;
  max?: number;
}

export interface PlayEntry {
  id: string;
  at: string;
  when: {
    kind: Kind[];
    intents?: Intent[] | 'none';
    question?: boolean;
    fulfilment?: 'fba' | 'merchant';
    marketplace?: string[];
    support?: { answers?: Range; daysOpen?: Range; boilerplate?: boolean; previousCase?: boolean; step?: Step[] };
  };
  template: string | null;
  mode: Mode;
  /** What the approvers are told, in their language. */
  note: { ja: string; en: string } | null;
}

export interface Playbook {
  entries: PlayEntry[];
  boilerplate: { minPhrases: number; repeatShare: number; phrases: RegExp[] };
}

/** The facts of the message being answered that the playbook matches on. */
export interface Situation {
  kind: Kind;
  intents: Intent[];
  question: boolean;
  fulfilment: 'fba' | 'merchant';
  marketplace: string | null;
  /** For Seller Support cases: the case history, and the ladder's step for it (ladder.ts). */
  support?: { answers: number; daysOpen: number; boilerplate: boolean; previousCase: boolean; step: Step };
}

export function loadPlaybook(path: string): Playbook {
  return parsePlaybook(readFileSync(path, 'utf8'), path);
}

export function parsePlaybook(yamlText: string, fileLabel: string): Playbook {
  const { src, top: root } = parseRulesFile(yamlText, fileLabel);
  const top = readMap(src, root, ['version', 'entries', 'boilerplate']);
  readNumber(top.version!, { min: 1, max: 1, integer: true });
  const bp = readMap(src, top.boilerplate!, ['minPhrases', 'repeatShare', 'phrases']);
  const entries = readList(src, top.entries!, (item) => readEntry(src, item));
  const ids = entries.map((e) => e.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new ConfigError(fileLabel, `playbook entry id "${duplicate}" is used twice`, { hint: 'give every entry its own id' });
  return {
    entries,
    boilerplate: {
      minPhrases: readNumber(bp.minPhrases!, { min: 1, max: 20, integer: true }),
      repeatShare: readNumber(bp.repeatShare!, { min: 0.1, max: 1 }),
      phrases: readStrings(src, bp.phrases!).map((f) => compilePattern(f, 'iu')),
    },
  };
}

function readEntry(src: Source, item: Field): PlayEntry {
  const f = readMap(src, item, ['id', 'when', 'mode'], ['template', 'note']);
  const id = text(f.id!);
  const w = readMap(src, f.when!, ['kind'], ['intents', 'question', 'fulfilment', 'marketplace', 'support']);
  const when: PlayEntry['when'] = { kind: readStrings(src, w.kind!).map((k) => readEnum(k, KINDS)) };
  if (w.intents) when.intents = isScalar(w.intents.node) && w.intents.node.value === 'none' ? 'none' : readStrings(src, w.intents).map((i) => readEnum(i, INTENTS));
  if (w.question) when.question = readBoolean(w.question);
  if (w.fulfilment) when.fulfilment = readEnum(w.fulfilment, ['fba', 'merchant'] as const);
  if (w.marketplace) when.marketplace = readStrings(src, w.marketplace).map(stringOf);
  if (w.support) {
    const s = readMap(src, w.support, [], ['answers', 'daysOpen', 'boilerplate', 'previousCase', 'step']);
    when.support = {};
    if (s.answers) when.support.answers = readRange(src, s.answers);
    if (s.daysOpen) when.support.daysOpen = readRange(src, s.daysOpen);
    if (s.boilerplate) when.support.boilerplate = readBoolean(s.boilerplate);
    if (s.previousCase) when.support.previousCase = readBoolean(s.previousCase);
    if (s.step) when.support.step = isScalar(s.step.node) ? [readEnum(s.step, STEPS)] : readStrings(src, s.step).map((x) => readEnum(x, STEPS));
  }
  const mode = readEnum(f.mode!, MODES);
  const template = f.template ? text(f.template) : null;
  if (template === null && (mode === 'approval' || mode === 'auto')) {
    throw new ConfigError(item.at, `playbook entry "${id}" has mode ${mode} but no template`, { hint: 'name the template that answers it (e.g. template: buyer/fba-return), or use mode notify or ignore' });
  }
  return { id, at: item.at, when, template, mode, note: f.note ? readNote(src, f.note) : null };
}

/** A note in both languages ({ ja: …, en: … }), or one text used for both. */
function readNote(src: Source, field: Field): { ja: string; en: string } {
  if (isScalar(field.node)) {
    const one = text(field);
    return { ja: one, en: one };
  }
  const n = readMap(src, field, ['ja', 'en']);
  return { ja: text(n.ja!), en: text(n.en!) };
}

function readRange(src: Source, field: Field): Range {
  const r = readMap(src, field, [], ['min', 'max']);
  const out: Range = {};
  if (r.min) out.min = readNumber(r.min, { min: 0, max: 10_000 });
  if (r.max) out.max = readNumber(r.max, { min: 0, max: 10_000 });
  return out;
}

function text(field: Field): string {
  const value = isScalar(field.node) ? field.node.value : undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(field.at, `${field.path} must be text`, { hint: 'write it on the same line, quoted if it contains a colon' });
  return value.trim();
}

/** The first entry that matches, or null (nothing to do). */
export function choosePlay(playbook: Playbook, s: Situation): PlayEntry | null {
  return playbook.entries.find((e) => matches(e, s)) ?? null;
}

function matches(e: PlayEntry, s: Situation): boolean {
  const w = e.when;
  if (!w.kind.includes(s.kind)) return false;
  if (w.intents === 'none' && s.intents.length > 0) return false;
  if (Array.isArray(w.intents) && !w.intents.some((i) => s.intents.includes(i))) return false;
  if (w.question !== undefined && w.question !== s.question) return false;
  if (w.fulfilment !== undefined && w.fulfilment !== s.fulfilment) return false;
  if (w.marketplace !== undefined && (s.marketplace === null || !w.marketplace.includes(s.marketplace))) return false;
  if (w.support) {
    if (!s.support) return false;
    if (!inRange(s.support.answers, w.support.answers)) return false;
    if (!inRange(s.support.daysOpen, w.support.daysOpen)) return false;
    if (w.support.boilerplate !== undefined && w.support.boilerplate !== s.support.boilerplate) return false;
    if (w.support.previousCase !== undefined && w.support.previousCase !== s.support.previousCase) return false;
    if (w.support.step !== undefined && !w.support.step.includes(s.support.step)) return false;
  }
  return true;
}

function inRange(value: number, range: Range | undefined): boolean {
  return range === undefined || ((range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max));
}

/**
 * Whether Amazon's answer is a stock answer: enough stock phrases, or mostly sentences that an
 * earlier answer on the case already said.
 */
export function looksLikeBoilerplate(answer: string, earlierAnswers: string[], rules: Playbook['boilerplate']): boolean {
  const hits = rules.phrases.filter((re) => re.test(answer)).length;
  if (hits >= rules.minPhrases) return true;
  const split = (t: string) => sentences(t).map((x) => x.replace(/\s+/g, ' ')).filter((x) => x.length >= 8);
  const said = split(answer);
  if (said.length === 0 || earlierAnswers.length === 0) return false;
  const seen = new Set(earlierAnswers.flatMap(split));
  return said.filter((x) => seen.has(x)).length / said.length >= rules.repeatShare;
}
