// Building the bytes of a message kotae sends (nodemailer's MIME composer). The bytes are built once,
// when the message is queued, and stored: a resend after a crash sends exactly the same mail.
import MailComposer from 'nodemailer/lib/mail-composer';

export interface OutgoingMail {
  /** An address, or a display name with it (the shop's name on replies). */
  from: string | { name: string; address: string };
  to: string[];
  replyTo?: string | undefined;
  subject: string;
  text: string;
  messageId: string;
  date: Date;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  /** Mark mail written by kotae itself (approval mails, notices) so no auto-responder answers it. */
  automatic?: boolean;
  headers?: Record<string, string>;
}

export async function composeMail(mail: OutgoingMail): Promise<Buffer> {
  const headers: Record<string, string> = { ...mail.headers };
  if (mail.automatic) {
    // RFC 3834, and Exchange's own switch: no out-of-office replies to kotae's mail.
    headers['Auto-Submitted'] = 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
    headers.Precedence = 'bulk';
  }
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references?.length ? { references: mail.references } : {}),
    headers,
    // Quoted-printable keeps Japanese readable in raw form and survives 7-bit relays.
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}

/** RFC 5322: a line is at most 998 octets, line break excluded (8BITMIME keeps the limit). */
const MAX_LINE_OCTETS = 998;

/**
 * The same message with its text as UTF-8 8bit, and the encoded words of its Subject and address
 * names decoded (RFC 6532): what a person reads with `cat`. Only a single text/plain UTF-8 part whose
 * lines all stay within 998 octets changes; anything else is returned as it is, still valid.
 */
export function eightBit(raw: Buffer): Buffer {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return raw;
  const head = raw.subarray(0, split).toString('latin1');
  // kotae's composer writes ASCII headers; anything else is not a message this rewrites.
  if (!/^[\x00-\x7f]*$/.test(head)) return raw;
  const fields = unfold(head);
  const value = (name: string) => fields.find((f) => f.line.toLowerCase().startsWith(`${name}:`))?.line.slice(name.length + 1).trim().toLowerCase();
  const type = value('content-type') ?? '';
  const encoding = value('content-transfer-encoding');
  if (!/^text\/plain\b/.test(type) || !/charset="?utf-8"?/.test(type) || (encoding !== 'quoted-printable' && encoding !== 'base64')) return raw;
  const body = raw.subarray(split + 4);
  const text = encoding === 'base64' ? Buffer.from(body.toString('latin1'), 'base64') : decodeQuotedPrintable(body);
  // CRLF only, no NUL, no line too long: otherwise 8bit would not be a legal body.
  const decoded = text.toString('utf8').replace(/\r?\n/g, '\r\n');
  if (/\0|\r(?!\n)/.test(decoded) || decoded.split('\r\n').some((l) => Buffer.byteLength(l) > MAX_LINE_OCTETS)) return raw;
  const header = fields.map(({ line, folded }) => {
    const lower = line.toLowerCase();
    if (lower.startsWith('content-transfer-encoding:')) return 'Content-Transfer-Encoding: 8bit';
    if (!/^(subject|from|to|cc|reply-to):/.test(lower)) return folded;
    const readable = decodeWords(line, !lower.startsWith('subject:'));
    return readable !== null && Buffer.byteLength(readable) <= MAX_LINE_OCTETS ? readable : folded;
  });
  return Buffer.from(`${header.join('\r\n')}\r\n\r\n${decoded}`, 'utf8');
}

/** Header fields, each unfolded (to read) and as written (to keep). */
function unfold(header: string): { line: string; folded: string }[] {
  const fields: { line: string; folded: string }[] = [];
  for (const line of header.split('\r\n')) {
    const last = fields.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last.line += line;
      last.folded += `\r\n${line}`;
    } else fields.push({ line, folded: line });
  }
  return fields;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

/**
 * A header line with its UTF-8 encoded words decoded (adjacent ones joined as bytes, RFC 2047 §6.2: a
 * character may be split between two); null when a word is in another charset or, in an address
 * header, when the decoded name would need quoting.
 */
function decodeWords(line: string, address: boolean): string | null {
  let failed = false;
  const out = line.replace(/(?:=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=(?:[ \t]+(?==\?))?)+/g, (run) => {
    const bytes: Buffer[] = [];
    for (const [, charset, kind, text] of run.matchAll(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g)) {
      if (charset!.toLowerCase() !== 'utf-8') failed = true;
      bytes.push(kind!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1'));
    }
    const word = Buffer.concat(bytes).toString('utf8');
    if (address && /[()<>[\]:;@\\,."]/.test(word)) failed = true;
    return word;
  });
  return failed ? null : out;
}
