// Raw bytes → the parts of a message kotae reads. mailparser does the MIME work; kotae adds what it
// lacks for Japanese mail (charset detection, CP932 labels) and refuses input that is not mail at all.
import { simpleParser, type AddressObject, type ParsedMail as MailparserResult } from 'mailparser';
import { MessageError } from '../shared/errors.ts';
import { sha256Hex } from '../shared/ids.ts';
import { looksMisdecoded, repairCharsets, repairRootStructure } from './charset.ts';
import { htmlToPlainText } from './html-text.ts';
import { hasHeaderFields, splitHeaderBody } from './identity.ts';
import { setAsideAttachments, type SetAside } from './set-aside.ts';

export interface Address {
  address: string;
  name: string;
}

export interface ParsedAttachment {
  filename: string | null;
  contentType: string;
  disposition: string | null;
  contentId: string | null;
  /** Decoded bytes; the bytes themselves stay in the raw mail. */
  size: number;
  sha256: string;
}

export interface ParsedMail {
  messageId: string | null;
  date: Date | null;
  subject: string | null;
  from: Address | null;
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  inReplyTo: string | null;
  references: string[];
  text: string | null;
  html: string | null;
  /** True when the message has no plain-text part: `text` was made from the HTML. */
  htmlOnly: boolean;
  /** Lowercased header name → value (several occurrences joined by "\n"), for the headers kotae reads. */
  headers: Record<string, string>;
  attachments: ParsedAttachment[];
}

/** Mail larger than this is stored but not parsed: mailparser would hold all of it in memory at once. */
export const MAX_PARSE_BYTES = 100 * 1024 * 1024;

/** Headers kept for classification (auto-replies, lists), approvals (Authentication-Results) and display. */
const KEPT_HEADERS = new Set([
  'auto-submitted', 'precedence', 'x-autoreply', 'x-autorespond', 'x-auto-response-suppress', 'x-loop',
  'return-path', 'list-id', 'list-unsubscribe', 'list-post', 'list-help', 'x-failed-recipients',
  'authentication-results', 'delivered-to', 'x-original-to', 'content-type', 'x-mailer', 'user-agent',
  'feedback-id', 'x-kotae-draft', 'sender',
]);

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  if (raw.length === 0) throw new MessageError('empty message: the source delivered 0 bytes');
  if (raw.length > MAX_PARSE_BYTES) {
    throw new MessageError(`message too large to parse: ${Math.round(raw.length / 1048576)} MB (limit ${MAX_PARSE_BYTES / 1048576} MB); the raw mail is kept`);
  }
  const { header, start } = splitHeaderBody(raw);
  if (!hasHeaderFields(header)) throw new MessageError('not a mail message: no header fields found at the start');

  // mailparser reads from the first header line: no BOM, no mbox `From ` line.
  const input = repairRootStructure(raw.subarray(start));
  let parsed = await parseSettingAside(input);
  if (looksBroken(parsed.mail)) {
    const repaired = await runMailparser(await repairCharsets(input));
    if (!looksBroken(repaired)) parsed = { mail: repaired, asides: new Map() };
  }
  const mail = toParsedMail(parsed.mail, parsed.asides);
  const attached = FORWARD_SUBJECT.test(mail.subject ?? '') ? await attachedForward(parsed.mail, parsed.asides) : await returnedMessage(parsed.mail, parsed.asides);
  return attached === null ? mail : { ...mail, text: `${mail.text ?? ''}\n\n${attached}` };
}

/** "Fwd:", "FW:", "Fw：", "転送:", "Tr:" (French), "WG:" (German), after any "Re:". */
export const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|sv)\s*[:：]\s*)*(?:fwd?|tr|wg|転送)\s*[:：]\s*/i;

/** An attached message larger than this is left as an attachment: its text is not read. */
const MAX_ATTACHED_FORWARD_BYTES = 1024 * 1024;

/**
 * A forward sent as an attachment (Outlook's "Forward as attachment", some Japanese clients' default):
 * the attached message, written out as an inline forward is ("---------- Forwarded message ---------",
 * its From and Subject, its text), so it reads as every other forward. Only the first attached message,
 * and only when its bytes were not set aside.
 */
async function attachedForward(p: MailparserResult, asides: Map<string, SetAside>): Promise<string | null> {
  const part = p.attachments.find((a) => a.contentType === 'message/rfc822' && !asides.has(standIn(a.content)));
  if (part === undefined || part.content.length > MAX_ATTACHED_FORWARD_BYTES) return null;
  let inner: ParsedMail;
  try {
    inner = toParsedMail(await runMailparser(part.content), new Map());
  } catch {
    return null; // an attached message that is not mail stays an attachment
  }
  const from = inner.from ? `${inner.from.name} <${inner.from.address}>`.trim() : '';
  return ['---------- Forwarded message ---------', `From: ${from}`, `Subject: ${inner.subject ?? ''}`, '', inner.text ?? ''].join('\n');
}

/**
 * A bounce (multipart/report) names the message it returns only in an attached part: the returned
 * message's Subject, where the order ID of the reply that bounced is, is added to the text as a forward's is.
 */
async function returnedMessage(p: MailparserResult, asides: Map<string, SetAside>): Promise<string | null> {
  const type = p.headers.get('content-type');
  if (typeof type !== 'object' || type === null || !('value' in type) || type.value !== 'multipart/report') return null;
  const part = p.attachments.find((a) => RETURNED_TYPES.has(a.contentType) && !asides.has(standIn(a.content)));
  if (part === undefined || part.content.length > MAX_ATTACHED_FORWARD_BYTES) return null;
  // Its header block alone (latin1 keeps every byte, 8-bit headers included).
  const { header } = splitHeaderBody(part.content);
  try {
    const subject = (await runMailparser(Buffer.from(`${header}\r\n\r\n`, 'latin1'))).subject;
    return subject ? ['---------- Returned message ---------', `Subject: ${subject}`].join('\n') : null;
  } catch {
    return null;
  }
}

const RETURNED_TYPES = new Set(['text/rfc822-headers', 'message/rfc822-headers', 'message/rfc822']);

/**
 * mailparser's reading of the message with its large attachment bodies set aside (see set-aside.ts).
 * If mailparser did not find every stand-in exactly once as an attachment, it read the structure
 * differently from the walker, and the message is parsed whole.
 */
async function parseSettingAside(input: Buffer): Promise<{ mail: MailparserResult; asides: Map<string, SetAside> }> {
  const aside = setAsideAttachments(input);
  if (aside) {
    const mail = await runMailparser(aside.input);
    const found = mail.attachments.map((a) => standIn(a.content)).filter((key) => aside.asides.has(key));
    if (found.length === aside.asides.size && new Set(found).size === found.length) return { mail, asides: aside.asides };
  }
  return { mail: await runMailparser(input), asides: new Map() };
}

/** An attachment's bytes as a possible stand-in key (stand-ins are short ASCII). */
function standIn(content: Buffer): string {
  return content.length <= 64 ? content.toString('latin1') : '';
}

function looksBroken(p: MailparserResult): boolean {
  const fromName = p.from?.value[0]?.name;
  return [p.text, typeof p.html === 'string' ? p.html : null, p.subject, fromName, ...p.attachments.map((a) => a.filename)].some(looksMisdecoded);
}

async function runMailparser(input: Buffer): Promise<MailparserResult> {
  try {
    // skipHtmlToText: kotae converts HTML-only mail itself (see html-text.ts).
    return await simpleParser(input, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, keepCidLinks: true });
  } catch (err) {
    throw overLimit(err) ?? err;
  }
}

/**
 * mailparser's MIME splitter refuses a header block over 1 MB (each line counting at least 64 bytes)
 * and more than 1,000 parts (a part nested in a part counts too, so nesting is bounded by the same
 * number). The same bytes will always be refused: a MessageError quarantines them at once, and says
 * why in words the seller can act on, not in the splitter's.
 */
function overLimit(err: unknown): MessageError | null {
  const e = err as { code?: unknown; message?: unknown };
  if (e.code !== 'EMAXLEN') return null;
  if (/header size/i.test(String(e.message))) {
    return new MessageError('header too large to parse: the header of the message or of one of its parts is over 1 MB (or about 16,000 lines); the raw mail is kept');
  }
  return new MessageError('too many MIME parts to parse: more than 1,000, counting parts nested inside parts; the raw mail is kept');
}

function toParsedMail(p: MailparserResult, asides: Map<string, SetAside>): ParsedMail {
  const headers: Record<string, string> = {};
  for (const line of p.headerLines) {
    if (!KEPT_HEADERS.has(line.key)) continue;
    const value = line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    headers[line.key] = headers[line.key] === undefined ? value : `${headers[line.key]}\n${value}`;
  }
  const html = typeof p.html === 'string' ? p.html : null;
  return {
    messageId: p.messageId ? (p.messageId.startsWith('<') ? p.messageId : `<${p.messageId}>`) : null,
    date: p.date && !Number.isNaN(p.date.getTime()) ? p.date : null,
    // An empty Subject header is "", a missing one null: mailparser reports both as undefined.
    subject: p.subject ?? (p.headerLines.some((h) => h.key === 'subject') ? '' : null),
    from: firstAddress(p.from),
    to: addresses(p.to),
    cc: addresses(p.cc),
    replyTo: addresses(p.replyTo),
    inReplyTo: p.inReplyTo ?? null,
    references: typeof p.references === 'string' ? [p.references] : (p.references ?? []),
    text: p.text || (html !== null ? htmlToPlainText(html) : (p.text ?? null)),
    html,
    htmlOnly: !p.text && html !== null,
    headers,
    attachments: p.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      disposition: a.contentDisposition ?? null,
      contentId: a.contentId ?? null,
      ...(asides.get(standIn(a.content)) ?? { size: a.size, sha256: sha256Hex(a.content) }),
    })),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: Address[] = [];
  for (const group of list) {
    for (const entry of group.value) {
      // Group syntax nests addresses one level down.
      for (const a of entry.group ?? [entry]) {
        if (a.address && /^[^@\s]+@[^@\s]+$/.test(a.address)) out.push({ address: a.address.toLowerCase(), name: a.name ?? '' });
      }
    }
  }
  return out;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): Address | null {
  return addresses(field)[0] ?? null;
}
