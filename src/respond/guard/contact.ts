// Email addresses and links, on the contact view (NFKC, spelled-out and bracketed "at"/"dot" undone).
import { sourceSpan, type Mapped, type Span } from './mapped.ts';

export interface LinkRules {
  /** URL prefixes the seller allows, compared case-insensitively. */
  readonly allowedPrefixes: readonly string[];
  /** Bare names that are a marketplace's name rather than a link ("Amazon.co.jp"). */
  readonly allowedNames: readonly string[];
  readonly domain: RegExp;
}

interface Found {
  readonly from: number;
  readonly to: number;
}

const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?![a-z0-9-])/giu;
// A spelled-out " at " in prose ("available at example dot com", "the manual at …") introduces a
// place, not a mailbox: there the domain is reported as a link rather than the phrase as an email.
const PROSE_BEFORE_AT = new Set(
  'look looking looked us me him her them it is are was were be been arrive arrived arrives available sold buy bought found find visit here there online or and to from on in via by'.split(' '),
);
// Amazon's own sites: a spoken "at" before one of them names a page, not a mailbox.
const AMAZON_DOMAIN = /^amazon\.(?:com|ca|com\.mx|com\.br|co\.uk|de|fr|it|es|nl|se|pl|com\.be|com\.tr|ae|sa|eg|in|co\.jp|sg|com\.au)$/i;
const ARTICLE_BEFORE = /\b(?:the|a|an|our|your|this|that|its|their|his|her|my)\s+$/i;
// Characters a URL may contain once the text is NFKC (ASCII, without spaces, quotes and angle brackets).
const URL_CHARS = `[!#-&(-;=?-~]`;
const SCHEME_OR_WWW = new RegExp(String.raw`(?:\b(?:h?t?tps?|hxxps?|ftp)\s*:\s*\/\s*\/\s*|(?<![a-z0-9.-])www\d{0,3}\.)${URL_CHARS}+`, 'giu');
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/u;

/** The pattern for a bare domain ending in one of the given top-level domains, with any path. */
export function compileDomainPattern(topLevelDomains: readonly string[]): RegExp {
  const tlds = [...topLevelDomains].sort((a, b) => b.length - a.length).join('|');
  return new RegExp(
    String.raw`(?<![a-z0-9._%+-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${tlds})(?![a-z0-9-])(?:[/?#:]${URL_CHARS}*)?`,
    'giu',
  );
}

export function findEmails(view: Mapped): { spans: Span[]; taken: Found[] } {
  const spans: Span[] = [];
  const taken: Found[] = [];
  for (const m of view.text.matchAll(EMAIL)) {
    const from = m.index;
    const to = from + m[0].length;
    const span = sourceSpan(view, from, to);
    const written = view.source.slice(span.start, span.end);
    const at = m[0].indexOf('@');
    const local = m[0].slice(0, at).toLowerCase();
    const prose = PROSE_BEFORE_AT.has(local) || ARTICLE_BEFORE.test(view.text.slice(Math.max(0, from - 8), from));
    // "the returns page at amazon.com.au": Amazon's own site, spelled with a spoken "at", is a page.
    const amazon = AMAZON_DOMAIN.test(m[0].slice(at + 1));
    if (/\sat\s/i.test(written) && (prose || amazon)) continue;
    // "an address ending in @marketplace.amazon.com": Amazon's relay named, as the buyer sees it, is no mailbox
    // (and, taken, its domain is no link either).
    if (!(prose && /^marketplace\.amazon\./i.test(m[0].slice(at + 1)))) spans.push(span);
    taken.push({ from, to });
  }
  return { spans, taken };
}

export function findLinks(view: Mapped, rules: LinkRules, taken: readonly Found[]): Span[] {
  const spans: Span[] = [];
  const claimed = [...taken];
  const consider = (from: number, raw: string, bare: boolean): void => {
    const url = raw.replace(TRAILING_PUNCTUATION, '');
    const to = from + url.length;
    if (url.length === 0 || claimed.some((c) => from < c.to && c.from < to)) return;
    claimed.push({ from, to });
    if (bare && isProse(url)) return;
    if (bare && rules.allowedNames.some((name) => name.toLowerCase() === url.toLowerCase())) return;
    if (isAllowed(url, rules.allowedPrefixes)) return;
    spans.push(sourceSpan(view, from, to));
  };
  for (const m of view.text.matchAll(SCHEME_OR_WWW)) consider(m.index, m[0], false);
  for (const m of view.text.matchAll(rules.domain)) consider(m.index, m[0], true);
  return spans;
}

/** "…arrived.It works": a missing space after a full stop, not the domain "arrived.it". */
function isProse(url: string): boolean {
  const dot = url.indexOf('.');
  if (dot !== url.lastIndexOf('.') || /[/?#:]/.test(url)) return false;
  return /^[A-Z][a-z]+$/.test(url.slice(dot + 1));
}

function isAllowed(url: string, prefixes: readonly string[]): boolean {
  // "amazon.com/your-orders" is the page "https://www.amazon.com/your-orders" names: "www." is not compared.
  const absolute = withoutWww((/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`).toLowerCase());
  return prefixes.some((prefix) => {
    const p = withoutWww(prefix.toLowerCase());
    if (!absolute.startsWith(p)) return false;
    // The prefix must end at a path boundary: "https://www.amazon.co.jp" does not allow
    // "https://www.amazon.co.jp.example.net".
    return p.endsWith('/') || absolute.length === p.length || '/?#'.includes(absolute.charAt(p.length));
  });
}

function withoutWww(url: string): string {
  return url.replace(/^([a-z]+:\/\/)www\./, '$1');
}
