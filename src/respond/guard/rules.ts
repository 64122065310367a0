// The rules file (rules/guard.yaml): word lists, patterns, thresholds and allowed links the seller may
// edit. Parsed once, validated strictly, compiled into the GuardRules the checks read.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../../shared/errors.ts';
import type { AttachmentRules } from './attachments.ts';
import { compileDomainPattern, type LinkRules } from './contact.ts';
import type { HtmlRules } from './html.ts';
import { loadJudge, type Judge } from './judge.ts';
import type { LanguageRules } from './language.ts';
import { parseMeaning, type MeaningRules } from './meaning.ts';
import { compileLabelPattern, type PhoneLabels } from './phone.ts';
import { PHRASE_RULES, type PhraseRule } from './rule-names.ts';
import { compilePattern, parseRulesFile, readMap, readNumber, readStrings, readText, stringOf, type Field } from '../../shared/rules-file.ts';

export interface GuardRules {
  readonly phrases: Readonly<Record<PhraseRule, readonly RegExp[]>>;
  readonly phoneLabels: PhoneLabels;
  readonly link: LinkRules;
  readonly html: HtmlRules;
  readonly extraEmoji: readonly RegExp[];
  readonly maxLineBreaksInARow: number;
  readonly language: LanguageRules;
  readonly maxLength: { readonly ja: number; readonly en: number };
  readonly attachments: AttachmentRules;
  readonly meaning: MeaningRules;
  /** The learned second opinion (rules/guard-judge.json), when the rules file names one. */
  readonly judge: Judge | null;
}

const TOP_KEYS = ['version', 'phrases', 'phone', 'link', 'html', 'emoji', 'lineBreaks', 'language', 'length', 'attachments', 'meaning'];

export function parseGuardRules(yamlText: string, fileLabel: string): GuardRules {
  const { src, top: root } = parseRulesFile(yamlText, fileLabel);
  const top = readMap(src, root, TOP_KEYS, ['judge']);
  // Format 1 is the only one; the number lets a later format be told apart.
  readNumber(top.version!, { min: 1, max: 1, integer: true });

  const phraseFields = readMap(src, top.phrases!, PHRASE_RULES);
  const phrases = Object.fromEntries(
    PHRASE_RULES.map((rule) => [rule, readStrings(src, phraseFields[rule]!).map((f) => compilePattern(f))]),
  ) as Record<PhraseRule, RegExp[]>;

  const phone = readMap(src, top.phone!, ['notPhoneLabels', 'phoneLabels']);
  const labels = readStrings(src, phone.notPhoneLabels!);
  const phoneLabels = readStrings(src, phone.phoneLabels!);
  // Checked one by one so a bad label names its own line (an empty match would exempt every number).
  [...labels, ...phoneLabels].forEach((f) => compilePattern(f));

  const link = readMap(src, top.link!, ['allowedPrefixes', 'allowedNames', 'topLevelDomains']);
  const allowedNames = readStrings(src, link.allowedNames!).map((f) => checked(f, /^[a-z0-9.-]+\.[a-z]+$/i, 'must be a bare domain name'));
  // "{amazon}" in a prefix stands for each marketplace name above, so one line allows a help page everywhere.
  const allowedPrefixes = readStrings(src, link.allowedPrefixes!)
    .map((f) => checked(f, /^https?:\/\/[^\s/]+\.[^\s/]+/i, 'must be a full URL prefix starting with https:// and a host'))
    .flatMap((prefix) => (prefix.includes('{amazon}') ? allowedNames.map((name) => prefix.replaceAll('{amazon}', name)) : [prefix]));
  const tlds = readStrings(src, link.topLevelDomains!).map((f) => checked(f, /^[a-z]{2,}$/i, 'must be letters only, without the dot'));

  const html = readMap(src, top.html!, ['allowedTags', 'forbiddenAttributes']);
  const name = /^[a-z][a-z0-9-]*$/i;
  const emoji = readMap(src, top.emoji!, ['extraPatterns']);
  const lineBreaks = readMap(src, top.lineBreaks!, ['maxInARow']);
  const language = readMap(src, top.language!, ['minLetters', 'ja', 'en']);
  const ja = readMap(src, language.ja!, ['minJapaneseShare', 'minHiraganaShare']);
  const en = readMap(src, language.en!, ['maxHiraganaShare']);
  const share = { min: 0, max: 1 };
  const length = readMap(src, top.length!, ['ja', 'en']);
  const attachments = readMap(src, top.attachments!, ['allowedTypes', 'allowedExtensions', 'maxBytes']);
  // The model file is named relative to the rules file (fileLabel is its path): a seller's own rulesDir
  // holds its own copy of guard-judge.json.
  const judgeField = top.judge ? readMap(src, top.judge, ['file', 'threshold']) : null;
  const judge = judgeField
    ? loadJudge(resolve(dirname(fileLabel), readText(judgeField.file!)), readNumber(judgeField.threshold!, { min: 0.5, max: 1 }))
    : null;

  return {
    phrases,
    phoneLabels: { notPhone: compileLabelPattern(labels.map(stringOf)), phone: compileLabelPattern(phoneLabels.map(stringOf)) },
    link: { allowedPrefixes, allowedNames, domain: compileDomainPattern(tlds) },
    html: {
      allowedTags: lowerSet(readStrings(src, html.allowedTags!).map((f) => checked(f, name, 'must be a tag name'))),
      forbiddenAttributes: lowerSet(readStrings(src, html.forbiddenAttributes!).map((f) => checked(f, name, 'must be an attribute name'))),
    },
    extraEmoji: readStrings(src, emoji.extraPatterns!).map((f) => compilePattern(f)),
    maxLineBreaksInARow: readNumber(lineBreaks.maxInARow!, { min: 1, max: 10, integer: true }),
    language: {
      minLetters: readNumber(language.minLetters!, { min: 0, max: 10_000, integer: true }),
      ja: { minJapaneseShare: readNumber(ja.minJapaneseShare!, share), minHiraganaShare: readNumber(ja.minHiraganaShare!, share) },
      en: { maxHiraganaShare: readNumber(en.maxHiraganaShare!, share) },
    },
    maxLength: {
      ja: readNumber(length.ja!, { min: 1, max: 100_000, integer: true }),
      en: readNumber(length.en!, { min: 1, max: 100_000, integer: true }),
    },
    attachments: {
      allowedTypes: lowerSet(readStrings(src, attachments.allowedTypes!).map((f) => checked(f, /^[a-z]+\/[a-z0-9.+-]+$/i, 'must be a MIME type like application/pdf'))),
      allowedExtensions: lowerSet(readStrings(src, attachments.allowedExtensions!).map((f) => checked(f, /^[a-z0-9]+$/i, 'must be an extension without the dot'))),
      maxBytes: readNumber(attachments.maxBytes!, { min: 1, max: 100_000_000, integer: true }),
    },
    meaning: parseMeaning(src, top.meaning!),
    judge,
  };
}

export function loadGuardRules(path: string): GuardRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, 'cannot read the guard rules file', {
      hint: 'restore rules/guard.yaml from the kotae distribution',
      cause: err,
    });
  }
  return parseGuardRules(text, path);
}

function checked(field: Field, shape: RegExp, problem: string): string {
  const value = stringOf(field);
  if (!shape.test(value)) throw new ConfigError(field.at, `${field.path} ${problem}: "${value}"`);
  return value;
}

function lowerSet(values: readonly string[]): ReadonlySet<string> {
  return new Set(values.map((v) => v.toLowerCase()));
}
