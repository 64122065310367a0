// Facts read out of a message: IDs, the buyer's name and relay alias, the buyer's own words, the
// language. Pure functions over text; they never decide the kind.
import { matchQuoteHeader } from '../approval/quote-headers.ts';
import { domainOf } from '../shared/ids.ts';
import type { Language } from './kinds.ts';
import type { ClassifyRules } from './rules.ts';

/** Full-width digits and hyphens (１２３－４５６) become ASCII before any ID is matched. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[‐‑‒–—―−]/g, '-');
}

const ORDER_ID = /(?<!\d)(\d{3})\s?-\s?(\d{7})\s?-\s?(\d{7})(?!\d)/;
const CASE_ID = /(?:Case\s*ID|ケース\s*ID|ケース番号|\[CASE)\s*[:：#]?\s*(\d{10,11})(?!\d)/i;
const CASE_IDS = new RegExp(CASE_ID.source, 'gi');
const ASIN = /(?<![A-Za-z])(B0[A-Z0-9]{8})/;
// "SKU: X", "SKU X", "SKU「X」"; a SKU has a digit or a hyphen, which keeps words like "SKU and" out.
const SKU = /\bSKU\s*[:：「『]?\s*((?=[\w.-]*[\d-])[A-Za-z0-9][\w.-]{0,39})/;

export function findOrderId(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    const m = text ? ORDER_ID.exec(normalise(text)) : null;
    if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  }
  return null;
}

export function findCaseId(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    const m = text ? CASE_ID.exec(normalise(text)) : null;
    if (m) return m[1]!;
  }
  return null;
}

/** Every Seller Support case ID the text mentions (a new case cites the old one: "ケースID:…の件で"). */
export function findAllCaseIds(text: string | null): string[] {
  if (!text) return [];
  return [...normalise(text).matchAll(CASE_IDS)].map((m) => m[1]!);
}

export function findAsin(text: string | null): string | null {
  return text ? (ASIN.exec(text)?.[1] ?? null) : null;
}

const ITEM_LINE = /^(?:1 of|1 点[:：]|Item[:：]|商品名[:：]|Order Item[:：])\s*(.+?)(?:\s*\[ASIN[:：]?\s*[A-Z0-9]{10}\])?\s*$/m;

/** The item's title as Amazon's mail names it ("1 of <title> [ASIN: …]", "商品名：…"). */
export function findItemTitle(text: string | null): string | null {
  const title = text ? ITEM_LINE.exec(text)?.[1]?.trim() : undefined;
  return title ? title.slice(0, 200) : null;
}

/** A SKU after "SKU:", or in the SKU column of Amazon's return table. */
export function findSku(text: string | null): string | null {
  if (!text) return null;
  const labelled = SKU.exec(text);
  if (labelled) return labelled[1]!;
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = lines[i]!.split('|').map((c) => c.trim());
    const column = header.findIndex((c) => /^SKU$/i.test(c));
    if (column >= 0 && header.length > 2) return lines[i + 1]!.split('|')[column]?.trim() || null;
  }
  return null;
}

const RELAY_SUFFIX = /\s*-\s*Amazon(?:\s+Marketplace|\.co\.jp|\.com)?\s*$/i;

/** "Josh - Amazon Marketplace" → "Josh"; an empty display name → null. */
export function buyerDisplayName(fromName: string | null | undefined): string | null {
  const name = (fromName ?? '').replace(RELAY_SUFFIX, '').trim();
  return name === '' ? null : name;
}

/** The Amazon domain a sender's domain belongs to (itself or a parent), or null for anyone else. */
export function amazonDomainOf(domain: string, rules: ClassifyRules): string | null {
  return rules.amazonDomains.find((d) => domain === d || domain.endsWith(`.${d}`)) ?? null;
}

/** Amazon's buyer relay: <alias>@marketplace.<Amazon domain>. */
export function isRelayAddress(address: string | null | undefined, rules: ClassifyRules): boolean {
  const domain = domainOf(address);
  return domain.startsWith('marketplace.') && amazonDomainOf(domain, rules) === domain.slice('marketplace.'.length);
}

/**
 * ja when the text has kana, en when it has Latin words and next to no kana; kanji alone ("承認")
 * counts as Japanese only when there is no Latin word either. Otherwise null.
 */
export function detectLanguage(text: string | null | undefined): Language | null {
  if (!text) return null;
  const kana = (text.match(/[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  if (kana >= 2 || (kana > 0 && latin < 3)) return 'ja';
  if (latin > 0) return 'en';
  return /[\u4e00-\u9fff]/.test(text) ? 'ja' : null;
}

/** The buyer's name as Amazon's notices and copies write it (rules `buyerNames`). */
export function buyerNameIn(texts: (string | null | undefined)[], rules: ClassifyRules): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const re of rules.buyerNames) {
      const name = re.exec(text)?.[1]?.trim();
      if (name) return name;
    }
  }
  return null;
}

// Starts only where an address can start: without the look-behind, a long run of letters (a line of
// base64 shown as text) is rescanned from every position, and its time grows with its square.
const RELAY_IN_TEXT = /(?<![a-z0-9+.-])[a-z0-9][a-z0-9+.-]*@marketplace\.amazon\.[a-z.]+[a-z]/i;

/** A relay address quoted in the text (Amazon's copy of a message the seller sent names the buyer's). */
export function relayAddressIn(text: string | null | undefined, rules: ClassifyRules): string | null {
  const found = text ? RELAY_IN_TEXT.exec(text)?.[0].toLowerCase() : undefined;
  return found && isRelayAddress(found, rules) ? found : null;
}

/** Sentences of a buyer's text: lines wrapped mid-sentence (HTML converted to text) are joined first. */
export function sentences(text: string): string[] {
  const joined = text.replace(/\r\n?/g, '\n').replace(/([^\n。！？!?.:：])\n(?=[^\n])/g, (_, c: string) => (/[\u3000-\u9fff]/.test(c) ? c : `${c} `));
  return joined
    .split(/(?<=[。！？!?])|(?<=\.)\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const QUESTION = /[?？]$|(?:ますか|でしょうか|ですか|ませんか|いただけますか|ください)[。.]?$/;

export function isQuestion(sentence: string): boolean {
  return QUESTION.test(sentence);
}

/**
 * The buyer's own words: between the relay's Begin/End markers, or after the labels of Amazon's
 * notices ("Details:", "お客様のコメント："), without quoted history or Amazon's footer. Text without
 * markers or labels counts as the buyer's own only when `ownTextFallback` is set (relay mail).
 */
export function buyerText(text: string | null, rules: ClassifyRules, ownTextFallback = true): string {
  if (!text) return '';
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const begin = lines.findIndex((l) => rules.buyerText.begin.some((re) => re.test(l.trim())));
  if (begin >= 0) {
    const body: string[] = [];
    for (let i = begin + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (rules.buyerText.end.some((re) => re.test(line.trim())) || isHistory(lines, i, rules)) break;
      body.push(line);
    }
    return body.join('\n').trim();
  }
  const labelled = labelledText(lines, rules);
  if (labelled || !ownTextFallback) return labelled;
  return ownText(lines, rules);
}

function isHistory(lines: string[], i: number, rules: ClassifyRules): boolean {
  const line = lines[i]!;
  return /^\s*>/.test(line) || matchQuoteHeader(lines, i) !== null || rules.buyerText.footers.some((re) => re.test(line.trim()));
}

function ownText(lines: string[], rules: ClassifyRules): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (isHistory(lines, i, rules)) break;
    out.push(lines[i]!);
  }
  return out.join('\n').trim();
}

/** Values after buyer labels, and the matching cells of a "Return Reason | Customer's Comment" table. */
function labelledText(lines: string[], rules: ClassifyRules): string {
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^[\s-]*/, '');
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 2) {
      const wanted = cells.map((c, index) => (rules.buyerText.labels.some((re) => re.test(c)) ? index : -1)).filter((x) => x >= 0);
      if (wanted.length && lines[i + 1]) {
        const values = lines[i + 1]!.split('|').map((c) => c.trim());
        found.push(...wanted.map((index) => values[index] ?? '').filter(Boolean));
      }
      continue;
    }
    for (const re of rules.buyerText.labelled) {
      const m = re.exec(line);
      if (m && m[1]) {
        found.push(m[1].replace(/^[「『"]|[」』"]$/g, ''));
        break;
      }
    }
  }
  return found.join('\n').trim();
}
