// Who a raw message is, before any parsing: its Message-ID (or a synthetic one), a hash of its bytes,
// and the dedup key that makes the same mail from two sources or two syncs one stored message.
// Pure functions over bytes: they must work on mail that mailparser would choke on.
import { sha256Hex } from '../shared/ids.ts';

export interface MessageIdentity {
  sha256: string;
  dedupKey: string;
  messageId: string;
  synthetic: boolean;
}

const MBOX_FROM_LINE = /^From [^\r\n]*\r?\n/;

/**
 * Split raw mail into its header block and body, tolerating a BOM, a leading mbox `From ` line and
 * LF-only endings. `start` is where the mail itself begins (after the BOM and the `From ` line).
 */
export function splitHeaderBody(raw: Buffer): { header: string; body: Buffer; start: number } {
  let start = 0;
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) start = 3;
  const head = raw.subarray(start, start + 200).toString('latin1');
  const from = MBOX_FROM_LINE.exec(head);
  if (from) start += from[0].length;
  const crlf = raw.indexOf('\r\n\r\n', start);
  const lf = raw.indexOf('\n\n', start);
  let end: number;
  let sep: number;
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) {
    end = crlf;
    sep = 4;
  } else if (lf >= 0) {
    end = lf;
    sep = 2;
  } else {
    end = raw.length;
    sep = 0;
  }
  // Header bytes may be 8-bit (raw Shift_JIS or UTF-8): latin1 keeps every byte one char for hashing.
  return { header: raw.subarray(start, end).toString('latin1'), body: raw.subarray(Math.min(raw.length, end + sep)), start };
}

/** The unfolded value of the first header named `name` (case-insensitive), or null. */
export function firstHeader(header: string, name: string): string | null {
  const re = new RegExp(`^${name}[ \\t]*:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im');
  const m = re.exec(header);
  if (!m) return null;
  return m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** The boundary parameter of a Content-Type value, or null. */
export function multipartBoundary(contentType: string): string | null {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

/** True when the block looks like mail headers at all: at least one `Name: value` line first. */
export function hasHeaderFields(header: string): boolean {
  return /^[!-9;-~]+[ \t]*:/.test(header);
}

/** Reused by normaliseBody: the normalised body is hashed in one call, not one call per line. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The body's hash with line endings as \n and trailing whitespace gone: transports change those, the
 * content is what identifies the mail.
 */
function normaliseBody(body: Buffer): string {
  let end = body.length;
  while (end > 0 && (body[end - 1] === 0x20 || body[end - 1] === 0x09 || body[end - 1] === 0x0d || body[end - 1] === 0x0a)) end -= 1;
  if (scratch.length < end) scratch = Buffer.allocUnsafe(end);
  let length = 0;
  let start = 0;
  for (;;) {
    const cr = body.indexOf(0x0d, start);
    if (cr < 0 || cr >= end) {
      length += body.copy(scratch, length, start, end);
      break;
    }
    length += body.copy(scratch, length, start, cr);
    scratch[length++] = 0x0a;
    start = body[cr + 1] === 0x0a ? cr + 2 : cr + 1;
  }
  const hash = sha256Hex(scratch.subarray(0, length));
  // A huge message's scratch is not kept for the rest of the run.
  if (scratch.length > 1024 * 1024) scratch = Buffer.allocUnsafe(64 * 1024);
  return hash;
}

function cleanMessageId(value: string | null): string | null {
  if (!value) return null;
  const bracketed = /<[^<>\s]+>/.exec(value);
  if (bracketed) return bracketed[0];
  const bare = value.trim().split(/\s+/)[0];
  return bare && bare.includes('@') ? `<${bare}>` : null;
}

export function identify(raw: Buffer): MessageIdentity {
  const { header, body } = splitHeaderBody(raw);
  const bodyHash = normaliseBody(body);
  const headerId = cleanMessageId(firstHeader(header, 'Message-ID'));
  if (headerId) {
    return { sha256: sha256Hex(raw), dedupKey: sha256Hex(`${headerId}\0${bodyHash}`), messageId: headerId, synthetic: false };
  }
  // No Message-ID (both Node parsers leave it empty): the identity is what a human would use to tell
  // two such mails apart: date, sender, recipients, subject and the body.
  const who = ['Date', 'From', 'To', 'Subject'].map((h) => (firstHeader(header, h) ?? '').replace(/\s+/g, ' ')).join('\n');
  // Without even those (junk, a file that is not mail), the whole content is the identity.
  const what = who.trim() === '' ? sha256Hex(header.replace(/\r\n?/g, '\n')) : '';
  const dedupKey = sha256Hex(`synthetic\0${who}\0${what}\0${bodyHash}`);
  return { sha256: sha256Hex(raw), dedupKey, messageId: `<${dedupKey.slice(0, 32)}@kotae.invalid>`, synthetic: true };
}
