// The lines mail clients write above quoted history, by style rather than by client: attributions
// ("On … wrote:", date-first, wrapped over several lines, run onto the reply's last line), separators
// ("-----Original Message-----", rules), and header blocks (From/Sent/Date/To/Subject, bold or not).
// No quote-stripping library knows the Japanese ones, so they are listed here with a fixture for each
// (test/fixtures/approval-replies/, test/fixtures/approval-replies-styles/).

/**
 * An attribution introduces a ">"-quoted block; the approver may write on below it (bottom posting).
 * A weak attribution ("Name wrote:") counts only when ">" lines follow it.
 * A separator (Outlook and most Japanese clients) starts unprefixed history that runs to the end.
 * A forward ("---------- Forwarded message ----------") starts text the sender chose to include: it is
 * kept whole, headers and all.
 */
export type QuoteHeaderKind = 'attribution' | 'weak-attribution' | 'separator' | 'forward';

export interface QuoteHeader {
  kind: QuoteHeaderKind;
  /** How many lines the header takes: clients wrap a long attribution over two, three or more. */
  lineCount: number;
  /** The approver's own text on the header's first line, before an attribution run onto it ("reply On … wrote:"). */
  ownPrefix?: string;
}

/** A quote prefix, as a line that is part of the history may carry it after wrapping. */
const QUOTE_PREFIX = /^(?:[ \t]*>)+[ \t]?/;

// A date or a time somewhere in the line: "2026/11/23", "2014-10-17", "11:28", "Nov 23", "23 November".
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DATE_OR_TIME = new RegExp(`\\d{1,4}[-/.年]\\d{1,2}|\\d{1,2}:\\d{2}|\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+${MONTH}`, 'i');
/** A mail address, bare or in angle brackets that a wrap may have split ("<\naddr>"). */
/** A line that starts with a date, a time, a weekday or a month: "2014-10-17", "11:00 AM,", "Wednesday, 17 …", "Nov 23". */
const DATE_FIRST = new RegExp(`^(?:\\d{1,4}[-/.年:]\\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,|${MONTH}\\s+\\d)`, 'i');
const ADDRESS = /[^\s<>()[\]]+@[^\s<>()[\]]+\.[a-z]{2,}/i;

const ATTRIBUTIONS: readonly RegExp[] = [
  // Gmail, Apple Mail and Thunderbird in English: "On Mon, Nov 23, 2026 at 10:00 AM kotae <a@b> wrote:",
  // "On Nov 23, 2026, at 10:00, kotae <a@b> wrote:", "On 11/23/26 10:00 AM, kotae wrote:"; some clients
  // leave out the colon or the space before "wrote" ("<a@b>wrote:"), write "sent:" or frame it in dashes
  // ("---- On Wed, 24 Feb 2021 … wrote ----" in Zoho, "------On 12/29 … wrote-----").
  /^-*\s*On\s.*\d.*(?:\s|>|")(?:wrote|sent|writes)\s*:\s*-*$/i,
  /^-{2,}\s*On\s.*\d.*\s(?:wrote|sent|writes)\s*:?\s*-{2,}$/i,
  // Without the colon, only with the sender's address or a time: "On Wed, 14 Nov 2018 08:14:43 -0200 Name <a@b> wrote".
  /^On\s.*(?:@|\d:\d\d).*(?:\s|>|")(?:wrote|sent|writes)$/i,
  // Android and Zoho without a date: "---- Taro Yamada wrote ----".
  /^-{2,}\s*\S.{0,120}\swrote\s*:?\s*-{2,}$/i,
  // Gmail JA: "2026年11月23日(月) 10:00 kotae <shop@example.com>:".
  /^\d{4}年\d{1,2}月\d{1,2}日.*\d{1,2}:\d{2}.*[:：]$/,
  // Apple Mail JA "2026/11/23 10:00、kotae <a@b>のメール:", Thunderbird JA "2026/11/23 10:00 に kotae さんは書きました:".
  /^\d{2,4}\/\d{1,2}\/\d{1,4}.*(?:のメール|書きました)[:：]$/,
];

/**
 * Date first, then the sender's address, ending in ":" (Gmail in many languages and other clients:
 * "2014-10-17 11:28 GMT+03:00 Name <a@b>:", "11:00 AM, November 17, 2021, "Name" <a@b>:",
 * "Wednesday, 17 November 2021, 3:32 PM +0300 from a@b <a@b>:").
 */
function isDateAddressAttribution(line: string): boolean {
  return line.length <= 240 && /[:：]$/.test(line) && DATE_FIRST.test(line) && DATE_OR_TIME.test(line) && ADDRESS.test(line);
}

/** "2011/4/7 Name <a@b>" (old Gmail): a date, a name and an address, nothing else. Weak: only above ">" lines. */
const DATE_NAME_ADDRESS = /^\d{4}[/-]\d{1,2}[/-]\d{1,2}(?:\s+\d{1,2}:\d{2})?\s+[^<>]{1,80}<[^<>\s]+@[^<>\s]+>$/;
/** "Taro wrote:" (older Thunderbird, Becky!, mailing lists) without a date. Weak: only above ">" lines. */
const NAME_WROTE = /^\S.{0,100}\s?(?:wrote|writes|a écrit|schrieb)\s*:$/i;

/** Longer lines are text, and the patterns below would take quadratic time on them. */
const MAX_HEADER_LINE = 300;

function attributionKind(line: string): QuoteHeaderKind | null {
  if (line.length > MAX_HEADER_LINE) return null;
  if (ATTRIBUTIONS.some((pattern) => pattern.test(line)) || isDateAddressAttribution(line)) return 'attribution';
  if (DATE_NAME_ADDRESS.test(line) || NAME_WROTE.test(line)) return 'weak-attribution';
  return null;
}

/** How an attribution that a client wrapped may begin: "On <date>…", or a date or weekday first. */
const WRAPPED_START = new RegExp(`^(?:-*\\s*On\\s.*\\d|${DATE_FIRST.source.slice(1)})`, 'i');
const WRAP_MAX_LINES = 5;

const SEPARATORS: readonly RegExp[] = [
  // Outlook "-----Original Message-----", "-----Reply Message-----", Outlook JA "-----元のメッセージ-----",
  // Samsung/Android "-------- オリジナルメッセージ --------", "---- Original Message ----".
  /^-{2,}\s*(?:Original Message|Reply Message|Message d'origine|元のメッセージ|オリジナルメッセージ|返信メッセージ)\s*-{2,}$/i,
  // Outlook's rule above the From/Sent block ("_" x 32).
  /^_{10,}$/,
];

const FORWARDS: readonly RegExp[] = [/^-{2,}\s*Forwarded message\s*-{2,}$/i, /^Begin forwarded message\s*:$/i, /^-{2,}\s*転送(?:された)?メッセージ\s*-{2,}$/];

/** A rule: a line of one repeated drawing character, which clients put above history and people above signatures. */
export const RULE_LINE = /^[ \t]*(?:-{3,}|_{3,}|={3,}|\*{3,}|~{3,}|[━─―＝＿]{3,})[ \t]*$/;

// Outlook's "From: / Sent: / To: / Subject:" block, bold in text made from its HTML ("*From:*"), in
// Japanese "差出人: / 送信日時: / 宛先: / 件名:"; other clients start it with "Date:".
const HEADER_FIELD = /^[ \t]*(?:\*{1,2})?(From|Sent|Date|To|Cc|Bcc|Subject|Reply-To|差出人|送信者|送信日時|日時|日付|宛先|件名)(?:\*{1,2})?\s*[:：]\s*(?:\*{1,2})?(.*)$/i;
const FIRST_FIELDS = new Set(['from', 'sent', 'date', '差出人', '送信者', '送信日時', '日時', '日付']);
const DATE_FIELDS = new Set(['sent', 'date', '送信日時', '日時', '日付']);

/**
 * A header block starting at lines[index]: at least three fields, or two when one is a date ("From:"
 * and "Date:", "Date:" and "To:"). A lone "From:" line is too common in ordinary text. A field wrapped
 * onto a second line ("[mailto:\n  bob@example.com]") is allowed.
 */
function isHeaderBlock(lines: readonly string[], index: number): boolean {
  const first = HEADER_FIELD.exec(lines[index] ?? '');
  if (first === null || !FIRST_FIELDS.has(first[1]!.toLowerCase())) return false;
  let fields = 0;
  let dated = false;
  let continuation = 0;
  for (let i = index; i < lines.length && i < index + 10; i += 1) {
    const line = lines[i] ?? '';
    const field = HEADER_FIELD.exec(line);
    if (field !== null) {
      fields += 1;
      continuation = 0;
      if (DATE_FIELDS.has(field[1]!.toLowerCase()) && /\d/.test(field[2] ?? '')) dated = true;
    } else if (line.trim() === '' || continuation >= 1 || fields === 0) break;
    else continuation += 1;
  }
  return fields >= 3 || (fields >= 2 && dated);
}

function nextNonBlank(lines: readonly string[], from: number, within: number): number {
  for (let i = from; i < lines.length && i < from + within; i += 1) if ((lines[i] ?? '').trim() !== '') return i;
  return -1;
}

/** An attribution at lines[index], alone or wrapped over the following lines (blank or ">"-quoted ones too). */
function attributionAt(lines: readonly string[], index: number): QuoteHeader | null {
  const line = (lines[index] ?? '').trim();
  const kind = attributionKind(line);
  if (kind !== null) return { kind, lineCount: 1 };
  if (line.length > MAX_HEADER_LINE || !WRAPPED_START.test(line)) return null;
  let joined = line;
  for (let count = 2; count <= WRAP_MAX_LINES && index + count - 1 < lines.length; count += 1) {
    const raw = lines[index + count - 1] ?? '';
    const next = raw.replace(QUOTE_PREFIX, '').trim();
    if (next === '') continue;
    // Only join when the next line is no header on its own, so an ordinary line is never swallowed by it.
    if (attributionKind(next) === 'attribution' || isHeaderBlock(lines, index + count - 1) || next.length > 120) return null;
    joined = `${joined} ${next}`.replace(/<\s+/g, '<').replace(/\s+>/g, '>');
    const joinedKind = attributionKind(joined);
    if (joinedKind !== null) return { kind: joinedKind, lineCount: count };
  }
  return null;
}

/** "reply On Wed, Apr 4, 2012 at 3:59 PM, a@b wrote:": an attribution some clients run onto the reply's last line. */
const RUN_ON_ATTRIBUTION = /^(.*?\S)[\s-]*(On\s.*\d.*\s(?:wrote|sent):)$/i;

/** The quote header starting at lines[index], if any. Lines are unquoted (no ">" prefix). */
export function matchQuoteHeader(lines: readonly string[], index: number): QuoteHeader | null {
  const line = lines[index]?.trim() ?? '';
  if (line === '') return null;
  if (FORWARDS.some((pattern) => pattern.test(line))) return { kind: 'forward', lineCount: 1 };
  if (SEPARATORS.some((pattern) => pattern.test(line)) || isHeaderBlock(lines, index)) return { kind: 'separator', lineCount: 1 };
  if (RULE_LINE.test(line)) {
    // A rule right above a header block or an attribution belongs to the history (Outlook, Gmail's forward).
    const next = nextNonBlank(lines, index + 1, 3);
    if (next !== -1 && (isHeaderBlock(lines, next) || attributionAt(lines, next) !== null)) return { kind: 'separator', lineCount: 1 };
    return null;
  }
  const runOn = line.length <= 2 * MAX_HEADER_LINE && /(?:wrote|sent):$/i.test(line) ? RUN_ON_ATTRIBUTION.exec(line) : null;
  const ownPrefix = runOn?.[1]?.replace(/[\s-]+$/, '') ?? '';
  if (runOn !== null && ownPrefix !== '' && attributionKind(runOn[2]!) === 'attribution') {
    return { kind: 'weak-attribution', lineCount: 1, ownPrefix };
  }
  return attributionAt(lines, index);
}
