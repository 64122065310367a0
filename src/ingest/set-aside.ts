// Attachments are most of a mailbox's bytes (in a seller's backlog, a 5% share of PDFs and photos is
// ~90% of them), and mailparser decodes them through its streams line by line only for kotae to keep
// their size and hash: their bytes stay in the raw mail. So before mailparser runs, each large base64
// attachment body is set aside: its size and hash are taken with Node's native decoder, and mailparser
// reads a short stand-in in its place. A structure this walker does not fully understand (a missing
// closing boundary, a part without a header block) is left whole for mailparser, which is the judge of
// MIME; parse.ts checks that every stand-in came back as an attachment, or parses the message whole.
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../shared/ids.ts';
import { firstHeader, multipartBoundary } from './identity.ts';

export interface SetAside {
  size: number;
  sha256: string;
}

export interface SetAsideResult {
  /** The message with stand-ins for the set-aside bodies. */
  input: Buffer;
  /** Stand-in content (as mailparser decodes it) → the real body's size and hash. */
  asides: Map<string, SetAside>;
}

/** Bodies smaller than this are left to mailparser: setting them aside saves nothing worth the copy. */
const MIN_BODY_BYTES = 8 * 1024;
/** Nested multiparts deeper than this are left whole (mailparser has its own limit). */
const MAX_DEPTH = 8;
/** Per process: a stand-in can never be mistaken for a real attachment's bytes. */
const NONCE = randomBytes(12).toString('hex');

interface Cut {
  start: number;
  end: number;
}

/** The message with its large base64 attachment bodies set aside, or null when there is nothing to set aside. */
export function setAsideAttachments(raw: Buffer): SetAsideResult | null {
  if (raw.length < MIN_BODY_BYTES) return null;
  // latin1: one character per byte, so string offsets are byte offsets.
  const text = raw.toString('latin1');
  const cuts: Cut[] = [];
  const root = headerEnd(text, 0, text.length);
  if (!root || !walkEntity(raw, text, text.slice(0, root.header), root.body, text.length, 0, cuts) || cuts.length === 0) return null;

  const asides = new Map<string, SetAside>();
  const pieces: Buffer[] = [];
  let at = 0;
  cuts.forEach((cut, n) => {
    const decoded = Buffer.from(text.slice(cut.start, cut.end), 'base64');
    const marker = `kotae-set-aside:${NONCE}:${n}`;
    asides.set(marker, { size: decoded.length, sha256: sha256Hex(decoded) });
    pieces.push(raw.subarray(at, cut.start), Buffer.from(Buffer.from(marker).toString('base64') + '\r\n', 'latin1'));
    at = cut.end;
  });
  pieces.push(raw.subarray(at));
  return { input: Buffer.concat(pieces), asides };
}

/** Where the header block that starts at `from` ends, and where its body starts; null without a blank line. */
function headerEnd(text: string, from: number, limit: number): { header: number; body: number } | null {
  // A part with no header lines at all starts with its blank line.
  if (text.startsWith('\r\n', from)) return { header: from, body: from + 2 };
  if (text.startsWith('\n', from)) return { header: from, body: from + 1 };
  const crlf = text.indexOf('\r\n\r\n', from);
  const lf = text.indexOf('\n\n', from);
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
  if (end < 0 || end >= limit) return null;
  return { header: end, body: end + (end === crlf ? 4 : 2) };
}

/**
 * One entity (the message, or a part) whose body is text[bodyStart, bodyEnd). Records the bodies to
 * set aside in `cuts`; false when the structure is not one this walker is sure of.
 */
function walkEntity(raw: Buffer, text: string, header: string, bodyStart: number, bodyEnd: number, depth: number, cuts: Cut[]): boolean {
  const contentTypeValue = firstHeader(header, 'content-type') ?? 'text/plain';
  const contentType = contentTypeValue.toLowerCase();
  if (contentType.startsWith('multipart/')) {
    if (depth >= MAX_DEPTH) return false;
    const boundary = multipartBoundary(contentTypeValue);
    if (!boundary) return false;
    return walkMultipart(raw, text, boundary, bodyStart, bodyEnd, depth, cuts);
  }
  // Text is what kotae reads, and a forwarded message is parsed as mail: both stay with mailparser.
  if (contentType.startsWith('text/') || contentType.startsWith('message/')) return true;
  if (firstHeader(header, 'content-transfer-encoding')?.toLowerCase() !== 'base64') return true;
  if (bodyEnd - bodyStart < MIN_BODY_BYTES) return true;
  if (oneBase64Run(raw, bodyStart, bodyEnd)) cuts.push({ start: bodyStart, end: bodyEnd });
  return true;
}

/**
 * True when Node's decoder reads the body as mailparser would: padding (`=`) only at the end (Node
 * stops at the first, mailparser decodes each padded run) and no `-` or `_` (Node reads them as
 * base64url, mailparser drops them). Other stray characters both skip. Searched with native
 * indexOf: a character-by-character check of every attachment cost more than the decoding.
 */
function oneBase64Run(raw: Buffer, start: number, end: number): boolean {
  const within = (c: number) => {
    const at = raw.indexOf(c, start);
    return at >= 0 && at < end;
  };
  if (within(0x2d) || within(0x5f)) return false;
  const padding = raw.indexOf(0x3d, start);
  if (padding < 0 || padding >= end) return true;
  for (let i = padding; i < end; i++) {
    const c = raw[i];
    if (c !== 0x3d && c !== 0x0d && c !== 0x0a && c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/** The parts between `--boundary` lines; false without a closing `--boundary--` line. */
function walkMultipart(raw: Buffer, text: string, boundary: string, bodyStart: number, bodyEnd: number, depth: number, cuts: Cut[]): boolean {
  const delimiter = `--${boundary}`;
  let line = findDelimiter(text, delimiter, bodyStart, bodyEnd);
  while (line) {
    if (line.closing) return true;
    const next = findDelimiter(text, delimiter, line.next, bodyEnd);
    if (!next) return false;
    const part = headerEnd(text, line.next, next.start);
    if (!part) return false;
    if (!walkEntity(raw, text, text.slice(line.next, part.header), part.body, next.start, depth + 1, cuts)) return false;
    line = next;
  }
  return false;
}

/**
 * The next delimiter line at or after `from`: `start` is where the line break before it begins (the
 * break belongs to the delimiter, not to the part before), `next` is the first byte after its line.
 */
function findDelimiter(text: string, delimiter: string, from: number, limit: number): { start: number; next: number; closing: boolean } | null {
  let at = from;
  for (;;) {
    const found = text.indexOf(delimiter, at);
    if (found < 0 || found >= limit) return null;
    const atLineStart = found === from || text[found - 1] === '\n';
    const after = found + delimiter.length;
    const closing = text.startsWith('--', after);
    const eol = text.indexOf('\n', after);
    const rest = text.slice(closing ? after + 2 : after, eol < 0 ? text.length : eol);
    // Only transport padding may follow the boundary on its line.
    if (atLineStart && /^[ \t]*\r?$/.test(rest)) {
      const start = found === from ? found : found - (text[found - 2] === '\r' ? 2 : 1);
      return { start, next: eol < 0 ? text.length : eol + 1, closing };
    }
    at = found + 1;
  }
}
