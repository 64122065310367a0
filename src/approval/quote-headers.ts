// The lines mail clients write above quoted history, per client. No quote-stripping library knows the
// Japanese ones, so they are listed here with a fixture for each (test/fixtures/approval-replies/).

/**
 * An attribution introduces a ">"-quoted block; the approver may write on below it (bottom posting).
 * A separator (Outlook and most Japanese clients) starts unprefixed history that runs to the end.
 */
export type QuoteHeaderKind = 'attribution' | 'separator';

export interface QuoteHeader {
  kind: QuoteHeaderKind;
  /** How many lines the header takes: Gmail wraps a long attribution over two. */
  lineCount: number;
}

const ATTRIBUTIONS: readonly RegExp[] = [
  // Gmail, Apple Mail and Thunderbird in English: "On Mon, Nov 23, 2026 at 10:00 AM kotae <a@b> wrote:",
  // "On Nov 23, 2026, at 10:00, kotae <a@b> wrote:", "On 11/23/26 10:00 AM, kotae wrote:".
  /^On\s.+\swrote:$/i,
  // Gmail JA: "2026年11月23日(月) 10:00 kotae <shop@example.com>:".
  /^\d{4}年\d{1,2}月\d{1,2}日.*\d{1,2}:\d{2}.*[:：]$/,
  // Apple Mail JA "2026/11/23 10:00、kotae <a@b>のメール:", Thunderbird JA "2026/11/23 10:00 に kotae さんは書きました:".
  /^\d{2,4}\/\d{1,2}\/\d{1,4}.*(?:のメール|書きました)[:：]$/,
];

const SEPARATORS: readonly RegExp[] = [
  // Outlook "-----Original Message-----", Outlook JA "-----元のメッセージ-----", "---- Original Message ----".
  /^-{2,}\s*(?:Original Message|元のメッセージ)\s*-{2,}$/i,
  // Outlook's rule above the From/Sent block ("_" x 32).
  /^_{10,}$/,
];

// Outlook's "From: / Sent: / To: / Subject:" block, in Japanese "差出人: / 送信日時: / 宛先: / 件名:".
const HEADER_BLOCK_FROM = /^(?:From|差出人|送信者)\s*[:：]/i;
const HEADER_BLOCK_FIELD = /^(?:Sent|Date|To|Cc|Subject|送信日時|日時|宛先|件名)\s*[:：]/i;
/** A lone "From:" line is too common in ordinary text; Outlook always follows it with at least two of the other fields. */
const HEADER_BLOCK_MIN_FIELDS = 2;
const HEADER_BLOCK_SPAN = 4;

function isAttribution(line: string): boolean {
  return ATTRIBUTIONS.some((pattern) => pattern.test(line));
}

function isHeaderBlock(lines: readonly string[], index: number): boolean {
  if (!HEADER_BLOCK_FROM.test(lines[index]?.trim() ?? '')) return false;
  const following = lines.slice(index + 1, index + 1 + HEADER_BLOCK_SPAN);
  return following.filter((line) => HEADER_BLOCK_FIELD.test(line.trim())).length >= HEADER_BLOCK_MIN_FIELDS;
}

/** The quote header starting at lines[index], if any. Lines are unquoted (no ">" prefix). */
export function matchQuoteHeader(lines: readonly string[], index: number): QuoteHeader | null {
  const line = lines[index]?.trim() ?? '';
  if (line === '') return null;
  if (SEPARATORS.some((pattern) => pattern.test(line)) || isHeaderBlock(lines, index)) {
    return { kind: 'separator', lineCount: 1 };
  }
  if (isAttribution(line)) return { kind: 'attribution', lineCount: 1 };
  const next = lines[index + 1]?.trim() ?? '';
  // Only join when neither half is a header alone, so an ordinary line is never swallowed by the next one.
  if (next !== '' && !isAttribution(next) && isAttribution(`${line} ${next}`)) {
    return { kind: 'attribution', lineCount: 2 };
  }
  return null;
}
