// Phone numbers in any disguise. Runs on the phone view (NFKC, kanji digits as digits). Digit groups
// joined by short separator runs (spaces, hyphens, dots, brackets, line breaks) form a run; any
// stretch of whole groups in a run that spells a Japanese or US number is a phone. Order IDs, postal
// codes, prices, dates, identifiers glued to letters and numbers after a label (追跡番号, Case ID…)
// are not phones.
import { sourceSpan, type Mapped, type Span } from './mapped.ts';

// の joins groups as people read numbers aloud (〇三の五九八一の四四〇七); a slash splits them too (07700 900 / 461).
const SEPARATORS = /^[\s\-‐‑‒–—―−ー・.,、()[\]の/]{1,3}$/u;
const DASH = String.raw`[\s\-‐‑‒–—―−ー]?`;
const ORDER_ID = new RegExp(String.raw`(?<!\d)\d{3}${DASH}\d{7}${DASH}\d{7}(?!\d)`, 'gu');
const POSTAL_CODE = new RegExp(String.raw`〒\s*\d{3}${DASH}\d{4}(?!\d)`, 'gu');
// A UPS tracking number (1Z and 16 letters or digits, often spaced): its digits are not a phone.
const UPS_TRACKING = /\b1Z(?:\s?[0-9A-Z]){16}\b/giu;
// Letters glued to digits make an identifier (ASIN B0…, SKU, 500ml) unless they say "telephone".
const PHONE_WORD = /(?:tel|fax|phone|mobile|call)$/i;
const UNIT_AFTER = /^\s*(?:[年月日時分秒円個点件枚本台回箱%]|yen\b|jpy\b|usd\b)/iu;
const CURRENCY_BEFORE = /[¥$€£]\s*$/u;
// A "+" just before the first digit belongs to the number, and so does "(" when the first group closes
// it ("(555) 123-4567"), not when the number is written inside brackets ("携帯（090-…）").
const PLUS = /\+\s*\(?\s*$/u;
const OPEN = /\(\s*$/u;
const JP_MOBILE = /^0[5789]0\d{8}$/;
// Japan's numbering plan: a 0, then nine digits, or ten after 050/070/080/090/0800. An 11-digit number
// starting 03 is the UK's shape, not Japan's.
const JP_NUMBER = /^0(?:[1-9]\d{8}|[5789]0\d{8})$/;

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Builds the pattern for "a label, then a number": label, optional "No."/番号, punctuation or an opening quote, end. */
export function compileLabelPattern(labels: readonly string[]): RegExp | null {
  if (labels.length === 0) return null;
  return new RegExp(String.raw`(?:${labels.join('|')})\s*(?:no\.?|番号)?[\s:#=.№()\-はがを、「『"“]*$`, 'iu');
}

export interface PhoneLabels {
  /** Labels after which a number is an identifier (追跡番号, tracking number). */
  notPhone: RegExp | null;
  /** Labels after which a number is a phone whatever its shape (TEL, direct line, 電話). */
  phone: RegExp | null;
}

/** `language` is the text's: in a Japanese reply, a labelled number is a phone only in Japan's shape. */
export function findPhones(view: Mapped, labels: PhoneLabels, language: 'ja' | 'en'): Span[] {
  const text = view.text;
  const blocked = [...text.matchAll(ORDER_ID), ...text.matchAll(POSTAL_CODE), ...text.matchAll(UPS_TRACKING)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const found: Span[] = [];
  for (const run of digitRuns(text, blocked)) {
    const first = run[0]!;
    const before = text.slice(Math.max(0, first.start - 40), first.start);
    // Named a phone, any number long enough to dial is one (an Australian 1300 number, a number abroad).
    const total = run.reduce((n, g) => n + g.digits.length, 0);
    if (labels.phone?.test(before) && total >= 8 && total <= 13) {
      found.push(sourceSpan(view, first.start, run.at(-1)!.end));
      continue;
    }
    const labelled = labels.notPhone !== null && labels.notPhone.test(before);
    if (isIdentifierLayout(run, labelled, PLUS.test(text.slice(Math.max(0, first.start - 4), first.start)))) continue;
    for (let i = 0; i < run.length; i++) {
      for (let j = Math.min(run.length - 1, i + 10); j >= i; j--) {
        const groups = run.slice(i, j + 1);
        const start = groups[0]!.start;
        const end = groups.at(-1)!.end;
        const digits = groups.map((g) => g.digits).join('');
        const before = text.slice(Math.max(0, start - 4), start);
        const plusLead = PLUS.exec(before)?.[0];
        const plus = plusLead !== undefined;
        const bracketed = /^\s*\)/.test(text.slice(groups[0]!.end));
        const lead = plusLead ?? (bracketed ? (OPEN.exec(before)?.[0] ?? '') : '');
        const lengths = spelledGroupLengths(text, groups);
        if (!isPhone(digits, lengths, plus)) continue;
        if (UNIT_AFTER.test(text.slice(end)) || CURRENCY_BEFORE.test(text.slice(0, start))) continue;
        // A label exempts an identifier written as one block of digits (a case ID, a tracking number),
        // never a number grouped like a phone, a mobile or an international one: "お問い合わせ番号
        // 03-5981-4407" and "part number 310-555-0142" are phone numbers whatever they are called.
        // Grouped as no phone is written (the last group of 5 or more digits, or of 2: 04465-47070,
        // 0800-1124-77), a number after a label is the label's identifier.
        const lastGroup = lengths.at(-1)!;
        // In a Japanese reply the number must also be Japan's shape (西濃運輸の問い合わせ番号 0312-7764-905 is not).
        const phoneLike = plus || JP_MOBILE.test(digits) || (groups.length > 1 && lastGroup >= 3 && lastGroup <= 4 && (language === 'en' || JP_NUMBER.test(digits)));
        if (labelled && !phoneLike) continue;
        found.push(sourceSpan(view, start - lead.length, end));
        i = j;
        break;
      }
    }
  }
  return found;
}

/**
 * A run written the way identifiers are and no phone number is: in fours past 12 digits (a tracking or
 * card number, "9261 2901 5555 0148 7701 22"), a barcode as printed under its bars (UPC "0 84791 55501 4",
 * EAN "4 901234 567894"), or, after a label, a 13-digit JAN/EAN with a valid check digit. Any stretch
 * of it would otherwise be read as a phone.
 */
function isIdentifierLayout(run: readonly Group[], labelled: boolean, plus: boolean): boolean {
  const lengths = run.map((g) => g.digits.length);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (run.length >= 3 && total >= 12 && lengths.slice(0, -1).every((n) => n === 4) && lengths.at(-1)! <= 4) return true;
  if (run.length >= 3 && lengths[0] === 1 && (lengths[1] === 5 || lengths[1] === 6) && (total === 12 || total === 13)) return true;
  return labelled && !plus && total === 13 && validGtin(run.map((g) => g.digits).join(''));
}

/** The GS1 check digit (JAN, EAN, UPC): weights 3 and 1 from the right, before the check digit. */
function validGtin(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

function digitRuns(text: string, blocked: readonly Span[]): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  for (const m of text.matchAll(/\d+/g)) {
    const group = { start: m.index, end: m.index + m[0].length, digits: m[0] };
    const usable = !blocked.some((b) => group.start < b.end && b.start < group.end) && !gluedToLetters(text, group);
    const previous = run.at(-1);
    if (previous === undefined || !usable || !SEPARATORS.test(text.slice(previous.end, group.start))) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (usable) run.push(group);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * The lengths of a run's groups, a number spelled digit by digit ("7.1.8 - 5.5.5 - 0.6.2.9", "7 1 8") read
 * as the groups it spells: single digits one dot or space apart are one group.
 */
function spelledGroupLengths(text: string, groups: readonly Group[]): number[] {
  const lengths: number[] = [];
  groups.forEach((group, i) => {
    const previous = groups[i - 1];
    const spelled = previous !== undefined && previous.digits.length === 1 && group.digits.length === 1 && /^[. ]$/.test(text.slice(previous.end, group.start));
    if (spelled) lengths.push(lengths.pop()! + 1);
    else lengths.push(group.digits.length);
  });
  return lengths;
}

// A hyphen glues letters to digits as well: "416-555-0187-BLK" is a stock code.
function gluedToLetters(text: string, group: Group): boolean {
  if (/^-?[a-z]/i.test(text.slice(group.end, group.end + 2))) return true;
  const before = text.slice(Math.max(0, group.start - 2), group.start);
  return /[a-z]-?$/i.test(before) && !PHONE_WORD.test(text.slice(0, group.start).replace(/-$/, ''));
}

function isPhone(digits: string, lengths: readonly number[], plus: boolean): boolean {
  // Japan: 0 + 9 digits (landlines, 0120), or 070/080/090/050/0800 + 8 digits; any grouping.
  if (JP_NUMBER.test(digits)) return true;
  // Elsewhere (the UK's 020 7946 0958, 0161 496 0734): a trunk 0, ten digits, in groups.
  if (/^0[1-9]\d{9}$/.test(digits) && lengths.length > 1) return true;
  // Any country with "+": 8 to 15 digits.
  if (plus && digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0')) return true;
  // Japan from abroad: +81, or a separate "81" group, then the number without its 0 (or "(0)").
  if (/^810?[1-9]\d{8,9}$/.test(digits) && (plus || lengths[0] === 2)) return true;
  // North America: optional 1, then 10 digits (area code 2-9; exchanges are not checked, so the
  // fictional 555-123-4567 counts); without "+" the groups must fall on 3-3-4 boundaries.
  if (!/^1?[2-9]\d{9}$/.test(digits)) return false;
  if (plus) return true;
  const country = digits.length - 10;
  // Without "+", a leading country code 1 must stand apart ("1-800-…"); a bare 11-digit number
  // starting with 1 is more likely a case or tracking number.
  if (country === 1 && lengths[0] !== 1) return false;
  let offset = -country;
  for (const length of lengths.slice(0, -1)) {
    offset += length;
    if (![0, 3, 6].includes(offset)) return false;
  }
  return true;
}
