// Reads an approver's reply to an approval mail: the command on its first line, and the draft between
// the marker lines. Pure: tokens, senders and the comparison with the sent draft are the caller's job.

import { compile } from 'html-to-text';
import { htmlToPlainText } from '../ingest/html-text.ts';
import { convertHtmlBounded } from '../shared/html.ts';
import { DRAFT_BEGIN_PATTERN, DRAFT_END_PATTERN } from './markers.ts';
import { matchQuoteHeader, RULE_LINE } from './quote-headers.ts';
import { signatureStart } from './signatures.ts';

export type ApprovalCommand = 'approve' | 'reject';

export interface ParsedApprovalReply {
  /** The command on the first meaningful line of the approver's own text, or null. */
  command: ApprovalCommand | null;
  /** The text between the draft markers (marker lines excluded, quote prefixes like "> " removed, trailing/leading blank lines trimmed), or null when no complete marker pair exists. */
  draftBlock: string | null;
  /** Where the block was found: in the approver's own (unquoted) text, or only inside quoted history. */
  draftBlockSource: 'own' | 'quoted' | null;
  /** The approver's own text with quoted history and signature removed (for logs and for help replies). */
  ownText: string;
}

const APPROVE_WORDS = ['approve', 'approved', 'ok', 'okay', 'yes', 'send', '承認', '承認します', '承認です', 'はい', '送信', '送信してください'];
// "no" is left out on purpose: "No problem, send it" means the opposite.
const REJECT_WORDS = ['reject', 'rejected', 'ng', "don't send", 'do not send', '却下', '却下します', '送らない', '不要', '中止'];
// What a phone user types after the word: "承認でお願いします", "OKです", "送らないでください".
const POLITE_ENDINGS = ['です', 'で', 'します', 'しました', 'お願いします', 'おねがいします', 'でお願いします', 'でおねがいします', 'ください', '下さい', 'でください', 'で下さい', 'してください', 'して下さい'];

const longestFirst = (words: readonly string[]): readonly string[] => [...words].sort((a, b) => b.length - a.length);
const APPROVE = longestFirst(APPROVE_WORDS);
const REJECT = longestFirst(REJECT_WORDS);
const ENDINGS = longestFirst(POLITE_ENDINGS);

const QUOTED_LINE = /^[ \t]*>/;
// ">>> http://example.com <<<" is emphasis, not a quote: no client closes a quoted line with "<<".
const EMPHASIS_LINE = /^[ \t]*>{2,}.*<{2,}[ \t]*$/;
// All levels ("> > ", ">> "), then one space, so the quoted text keeps its own indentation.
const QUOTE_PREFIX = /^(?:[ \t]*>)+[ \t]?/;

// Outlook's reply container: everything from it on is history, and it is not an ancestor of that history.
// A tag's attributes never hold `<`: without that limit, mail full of unclosed `<a` took quadratic time.
const REPLY_CONTAINER = /<[a-z][^<>]*\sid\s*=\s*["']?(?:divRplyFwdMsg|appendonsend)\b/i;

// Link targets would be appended to the text; <hr> is only Outlook's rule above the history.
const BASE_SELECTORS = [
  { selector: 'a', options: { ignoreHref: true } },
  { selector: 'img', format: 'skip' },
  { selector: 'hr', format: 'skip' },
];
const QUOTE_SELECTORS = ['.gmail_quote', 'blockquote[type=cite]', '.moz-cite-prefix', '.moz-cite-prefix + blockquote'].map(
  (selector) => ({ selector, format: 'skip' }),
);
// mailparser gives up on deeper HTML too; html-to-text walks it recursively.
const LIMITS = { maxDepth: 1000 };
// Without wordwrap: false, html-to-text wraps at 80 columns and would split draft lines.
const htmlToText: (html: string) => string = compile({ wordwrap: false, limits: LIMITS, selectors: BASE_SELECTORS });
const htmlToOwnText: (html: string) => string = compile({
  wordwrap: false,
  limits: LIMITS,
  selectors: [...BASE_SELECTORS, ...QUOTE_SELECTORS],
});
// What mailparser puts in `text` when a mail has no text part.
const mailparserHtmlToText: (html: string) => string = compile({ limits: LIMITS });
// Mail editors write an empty line as <div><br></div>, which html-to-text would turn into two.
const EMPTY_LINE_BLOCK = /<div(\s[^<>]*)?>\s*<br\b[^<>]*>\s*<\/div>/gi;
// That &nbsp; (also under blockquote's "> ") must read as an empty line, as it did on screen.
const WHITESPACE_ONLY_LINE = /^((?:> ?)*)[ \t\u00a0]+$/gm;

function convertHtml(convert: (html: string) => string, html: string): string {
  return convertHtmlBounded(convert, html.replace(EMPTY_LINE_BLOCK, '<div$1>&nbsp;</div>')).replace(WHITESPACE_ONLY_LINE, '$1');
}

type Range = readonly [begin: number, end: number];

interface OwnPart {
  /** The approver's own lines, verbatim, in order. */
  lines: string[];
  /** Indices in `lines` of the first complete marker pair (both marker lines). */
  block: Range | null;
  /** A marker line outside any complete pair: the approver tried to edit and lost a marker. */
  strayMarker: boolean;
}

export function parseApprovalReply(input: { text: string | null; html: string | null }): ParsedApprovalReply {
  const { text, html } = input;
  if (html !== null && isHtmlOnly(text, html)) {
    const container = html.search(REPLY_CONTAINER);
    const ownHtml = container === -1 ? html : html.slice(0, container);
    return analyse(convertHtml(htmlToOwnText, ownHtml), convertHtml(htmlToText, html));
  }
  const plain = text ?? '';
  return analyse(plain, plain);
}

/**
 * A mail with no text part reaches here with `text` made from its HTML: by kotae's parser
 * (src/ingest/html-text.ts) or by mailparser (80-column wrap), as Outlook on phones sends. Such a
 * text is recognised, exactly, so the HTML is read by its structure and without wrapping; a client's
 * own text part is read as written, even when it says the same as the HTML.
 */
function isHtmlOnly(text: string | null, html: string): boolean {
  if (text === null || text.trim() === '') return true;
  return text === htmlToPlainText(html) || text === convertHtmlBounded(mailparserHtmlToText, html);
}

function analyse(ownSource: string, wholeSource: string): ParsedApprovalReply {
  const own = splitOwnText(toLines(ownSource));
  let draftBlock: string | null = null;
  let draftBlockSource: ParsedApprovalReply['draftBlockSource'] = null;
  if (own.block !== null) {
    draftBlock = blockText(own.lines.slice(own.block[0] + 1, own.block[1]));
    draftBlockSource = 'own';
  } else if (!own.strayMarker) {
    // A lone own marker means a broken edit; the untouched draft in the history must not stand in for it.
    draftBlock = findQuotedBlock(toLines(wholeSource));
    draftBlockSource = draftBlock === null ? null : 'quoted';
  }
  const ownLines = trimBlankLines(stripSignature(own));
  const firstLine = ownLines.find((line) => line.trim() !== '');
  return {
    command: firstLine === undefined ? null : parseCommand(firstLine),
    draftBlock,
    draftBlockSource,
    ownText: ownLines.join('\n'),
  };
}

function toLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** Marker pairs among the lines `consider` accepts; a later begin line replaces an unmatched earlier one. */
function findMarkerPairs(lines: readonly string[], consider: (line: string, index: number) => boolean): Range[] {
  const pairs: Range[] = [];
  let open: number | null = null;
  lines.forEach((line, index) => {
    if (!consider(line, index)) return;
    if (DRAFT_BEGIN_PATTERN.test(line)) open = index;
    else if (DRAFT_END_PATTERN.test(line) && open !== null) {
      pairs.push([open, index]);
      open = null;
    }
  });
  return pairs;
}

/**
 * Which lines are quoted history: ">" lines, and a line that lost its ">" when a client wrapped a long
 * quoted line: alone between two ">" lines, it starts with a space or a sign (" (http://…) >", "_nonce=…)"),
 * never with a letter or a digit, so an answer typed between quoted lines stays the approver's.
 */
function quotedLines(lines: readonly string[]): boolean[] {
  const prefixed = lines.map((line) => QUOTED_LINE.test(line) && !EMPHASIS_LINE.test(line));
  return lines.map((line, index) => {
    if (prefixed[index]) return true;
    if (!prefixed[index - 1] || !prefixed[index + 1] || line.trim() === '') return false;
    return /^(?:\s|[^\p{L}\p{N}])/u.test(line) && !DRAFT_BEGIN_PATTERN.test(line) && !DRAFT_END_PATTERN.test(line);
  });
}

/**
 * The reply minus quoted history: ">" lines, attribution lines above them, and everything from a separator
 * on. An unquoted marker pair is taken whole, so nothing inside a draft is ever mistaken for history.
 */
function splitOwnText(lines: readonly string[]): OwnPart {
  const quoted = quotedLines(lines);
  const pairs = findMarkerPairs(lines, (_line, index) => !quoted[index]);
  const own: string[] = [];
  let block: Range | null = null;
  let strayMarker = false;
  let forwarded = false;
  // Blank lines right after a removed quote belong to it: "reply\n> quote\n\nmore" reads "reply\nmore".
  let afterQuote = false;
  /** Blank lines and a rule left above a separator are the client's, not the approver's. */
  const dropTrailingRules = (): void => {
    const blockEnd = block === null ? -1 : block[1];
    while (own.length - 1 > blockEnd && ((own.at(-1) ?? '').trim() === '' || RULE_LINE.test(own.at(-1) ?? ''))) own.pop();
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const pair = pairs.find(([begin]) => begin === index);
    if (pair !== undefined) {
      block ??= [own.length, own.length + pair[1] - pair[0]];
      own.push(...lines.slice(pair[0], pair[1] + 1));
      index = pair[1] + 1;
      afterQuote = false;
      continue;
    }
    if (!forwarded) {
      if (quoted[index] || (afterQuote && line.trim() === '')) {
        afterQuote = true;
        index += 1;
        continue;
      }
      const header = matchQuoteHeader(lines, index);
      const after = header === null ? index : index + header.lineCount;
      const quoteFollows = header !== null && quotedBlockFollows(lines, quoted, after);
      if (header !== null && header.kind === 'forward') {
        forwarded = true;
      } else if (header !== null && (header.kind !== 'weak-attribution' || quoteFollows)) {
        if (header.ownPrefix !== undefined) own.push(header.ownPrefix);
        if (header.kind === 'separator' || !quoteFollows) {
          dropTrailingRules();
          break;
        }
        index = after;
        afterQuote = true;
        continue;
      }
    }
    afterQuote = false;
    if (DRAFT_BEGIN_PATTERN.test(line) || DRAFT_END_PATTERN.test(line)) strayMarker = true;
    own.push(line);
    index += 1;
  }
  return { lines: own, block, strayMarker };
}

/** An attribution only stands for quoted history when ">" lines (or nothing) follow it. */
function quotedBlockFollows(lines: readonly string[], quoted: readonly boolean[], from: number): boolean {
  for (let index = from; index < lines.length; index += 1) if ((lines[index] ?? '').trim() !== '') return quoted[index] === true;
  return true;
}

function findQuotedBlock(lines: readonly string[]): string | null {
  const unquoted = lines.map((line) => line.replace(QUOTE_PREFIX, ''));
  const [pair] = findMarkerPairs(unquoted, () => true);
  return pair === undefined ? null : blockText(unquoted.slice(pair[0] + 1, pair[1]));
}

function blockText(lines: readonly string[]): string {
  return trimBlankLines(lines).join('\n');
}

function trimBlankLines(lines: readonly string[]): string[] {
  const isBlank = (index: number): boolean => (lines[index] ?? '').trim() === '';
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(start)) start += 1;
  while (end > start && isBlank(end - 1)) end -= 1;
  return lines.slice(start, end);
}

/** Cuts the own text where its signature starts (signatures.ts), never inside the draft block (it is sent as written). */
function stripSignature(own: OwnPart): string[] {
  return own.lines.slice(0, signatureStart(own.lines, own.block === null ? -1 : own.block[1]));
}

function normaliseCommandLine(line: string): string {
  return line
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'") // phones type curly apostrophes: "don’t send"
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** End of line, or anything but a letter, digit or "?" ("OK?" asks, it does not approve). */
function isBoundary(rest: string): boolean {
  return !/^[\p{L}\p{N}?]/u.test(rest);
}

function startsWithCommand(line: string, words: readonly string[]): boolean {
  return words.some((word) => {
    if (!line.startsWith(word)) return false;
    const rest = line.slice(word.length);
    return isBoundary(rest) || ENDINGS.some((ending) => rest.startsWith(ending) && isBoundary(rest.slice(ending.length)));
  });
}

/**
 * ASCII words must stand alone ("ng" is not in "thing"). Japanese has no spaces: kanji words match anywhere,
 * but "はい" only where a word can start ("心配はいりません" says nothing about approving).
 */
function wordPattern(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (/^[\x20-\x7e]+$/.test(word)) return new RegExp(`(?<![a-z0-9])${escaped}(?![a-z0-9])`, 'g');
  if (/^\p{Script=Hiragana}+$/u.test(word)) return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'gu');
  return new RegExp(escaped, 'g');
}

function parseCommand(rawLine: string): ApprovalCommand | null {
  const line = normaliseCommandLine(rawLine);
  // "don't send" contains "send": reject phrases are taken out before looking for approve words.
  const withoutRejects = REJECT.reduce((rest, word) => rest.replace(wordPattern(word), ' '), line);
  const hasReject = withoutRejects !== line;
  const hasApprove = APPROVE.some((word) => wordPattern(word).test(withoutRejects));
  if (hasApprove && hasReject) return null;
  if (startsWithCommand(line, APPROVE)) return 'approve';
  if (startsWithCommand(line, REJECT)) return 'reject';
  return null;
}
