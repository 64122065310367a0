// Where the signature starts at the end of an approver's own text, by style: a mail app's footer
// ("Sent from my iPhone", "iPhoneから送信", "Get Outlook for iOS"), the "-- " delimiter, a rule above
// a block of short lines (the ━━━ company block of Japanese business mail), a sign-off ("Thanks,",
// "Regards,") above a name, a "-Name" line, or a last paragraph of short lines holding a phone number,
// an address or a web site. A first line is never a signature: whatever the approver wrote first stays.
import { RULE_LINE } from './quote-headers.ts';

/** Lines a mail app adds on its own; they are dropped wherever they stand, the first line too. */
const DEVICE_LINES: readonly RegExp[] = [
  // "Sent from my iPhone", "Sent from Yahoo Mail for iPhone", "Sent wirelessly from my BlackBerry device on
  // the Bell network.", "Sent with Sparrow": a few words, no clause after a comma ("Sent from my desk, is …").
  /^sent\s(?:\S+\s)?(?:from|with|via|using)\s[^,]{1,60}$/i,
  /^(?:from|via)\s(?:my\s)?(?:mobile|phone|cell(?:phone)?|smartphone)\b[^,]{0,30}$/i,
  /^get outlook for\s[^,]{1,40}$/i,
  /^.{0,30}outlook.{0,30}を入手$/i, // "Outlook for iOS を入手"
  /^.{1,40}から送信(?:しました|されました)?$/, // "iPhoneから送信", "Android搭載携帯から送信", carrier footers
];

/** A sign-off above a name ("Thanks,\nRoman", "Regards,\n\nJohn Doe\nCEO"). */
const SIGN_OFFS = /^(?:thanks|thank you|thanks (?:in advance|again|so much)|many thanks|thx|regards|best regards|kind regards|warm regards|best wishes|best|cheers|sincerely|yours(?: truly| sincerely)?|br)\s*[,.!]*$/i;
/** "-Abhishek", "- roman", "–Lev.": a name after a dash, as the last line. */
const DASH_NAME = /^[-–—]\s?\p{L}[\p{L}.' ]{0,30}$/u;
/** "Stavros Xxxxxx", "Taro": one to three capitalised words, the name people type above an app's footer. */
const NAME_LINE = /^\p{Lu}[\p{L}.'-]*(?:\s\p{Lu}[\p{L}.'-]*){0,2}$/u;
/** A mailing list's footer: the list's name, its listinfo page, how to unsubscribe. */
const LIST_FOOTER = /\bmailing list\b|\/listinfo\b|\bunsubscribe\b|メーリングリスト|配信停止/i;
const CONTACT = /[^\s@]+@[^\s@]+\.[a-z]{2,}|https?:\/\/|\bwww\.|(?:\+|\b)\(?\d{2,4}\)?[\s.-]?\d{2,4}[\s.-]\d{3,4}\b/i;

const SHORT_LINE = 60;
const SIGNATURE_MAX_LINES = 12;

/** Text as written, not a signature's: it ends like a sentence and has enough words to be one, or ends with "。". */
function isSentence(line: string): boolean {
  const trimmed = line.trim();
  return /[。．]$/.test(trimmed) || (/[.!?！？]$/.test(trimmed) && trimmed.split(/\s+/).length >= 6);
}

function isDeviceLine(line: string): boolean {
  if (line.length > 200) return false;
  // Outlook for phones appends its link in text parts: "Outlook for iOS を入手<https://aka.ms/…>".
  const normalised = line.normalize('NFKC').replace(/<https?:\/\/[^<>\s]*>$/, '').trim();
  return DEVICE_LINES.some((pattern) => pattern.test(normalised));
}

/** A block of short lines that reads like a signature: no sentences, at most `max` lines. */
function isSignatureBlock(lines: readonly string[], max: number, lineLength = SHORT_LINE): boolean {
  const content = lines.map((line) => line.trim()).filter((line) => line !== '');
  return content.length <= max && content.every((line) => line.length <= lineLength && !isSentence(line));
}

/**
 * The index in `lines` where the signature starts, or `lines.length` when there is none.
 * Lines up to `protectedUntil` (the draft block) are never part of it.
 */
export function signatureStart(lines: readonly string[], protectedUntil: number): number {
  // Cut again above each cut: "-Lev.\n\nSent from my HTC smartphone!" is two signatures, one above the other.
  let end = lines.length;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let kept = end;
    while (kept > 0 && (lines[kept - 1] ?? '').trim() === '') kept -= 1;
    // A contact block is only the last paragraph as written, not one that a cut below laid bare.
    const cut = firstSignatureLine(lines.slice(0, kept), protectedUntil, round === 0);
    if (cut >= kept) break;
    end = cut;
  }
  return end;
}
const MAX_ROUNDS = 4;

function firstSignatureLine(lines: readonly string[], protectedUntil: number, contactBlocks: boolean): number {
  const content = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]));
  const firstContent = content[0] ?? lines.length;
  const lastContent = content.at(-1) ?? -1;
  // Sign-offs, rules, "-Name" and contact blocks are looked for only among the last lines, where they can be.
  const tail = content[Math.max(0, content.length - SIGNATURE_MAX_LINES - 1)] ?? lines.length;
  const isBlank = (index: number): boolean => (lines[index] ?? '').trim() === '';
  const rest = (index: number): readonly string[] => lines.slice(index + 1);
  for (let index = protectedUntil + 1; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    if (isDeviceLine(line)) {
      // The name typed above an app's footer goes with it ("Taro\nSent from my iPhone").
      const above = index - 1;
      const nameAbove = above > firstContent && above > protectedUntil && NAME_LINE.test((lines[above] ?? '').trim()) && isBlank(above - 1);
      return nameAbove ? above : index;
    }
    if (index <= firstContent) continue;
    if (/^--\s*$/.test(line)) return index;
    if (index < tail) continue;
    if (RULE_LINE.test(line) && isSignatureBlock(rest(index), SIGNATURE_MAX_LINES, 80)) return index;
    if (SIGN_OFFS.test(line) && index < lastContent && isSignatureBlock(rest(index), 5)) return index;
    if (index === lastContent && DASH_NAME.test(line)) {
      const previous = lines.slice(0, index).findLast((l) => l.trim() !== '')?.trim() ?? '';
      if (!/^[-–—*・•]/.test(previous) && !/[:：]$/.test(previous)) return index;
    }
    if (contactBlocks && isBlank(index - 1) && isContactBlock(lines.slice(index))) return index;
    if (isBlank(index - 1) && isListFooter(lines.slice(index))) return index;
  }
  return lines.length;
}

/** A last paragraph that a mailing list appends (Mailman's "__ / name mailing list / address / listinfo link"). */
function isListFooter(lines: readonly string[]): boolean {
  const content = lines.map((line) => line.trim());
  return !content.includes('') && content.length <= 6 && content.some((line) => LIST_FOOTER.test(line)) && !content.some(isSentence);
}

/** A last paragraph of two to eight short lines, one of them a phone number, a mail address or a web site. */
function isContactBlock(lines: readonly string[]): boolean {
  const content = lines.map((line) => line.trim());
  if (content.includes('')) return false;
  return content.length >= 2 && content.length <= 8 && isSignatureBlock(content, 8, 50) && content.some((line) => CONTACT.test(line));
}
