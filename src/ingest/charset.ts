// Japanese charset repair. mailparser decodes a text part with no charset (or a wrong us-ascii label)
// as UTF-8, which turns ISO-2022-JP into escape-sequence residue and Shift_JIS/EUC-JP into U+FFFD.
// When a parse looks broken, kotae rewrites the MIME headers with the charset it detects from the
// bytes and parses again; clean mail never pays for this pass.
import Encoding from 'encoding-japanese';
import { Joiner, Splitter } from '@zone-eu/mailsplit';
import { Readable } from 'node:stream';
import { multipartBoundary } from './identity.ts';

/** Labels seen in the wild for CP932, which iconv knows under its own name. */
const CP932_ALIASES = /^(?:shift[-_]?jis|x-sjis|sjis|windows-31j|ms932|ms_kanji|csshiftjis|cp932)$/i;

/**
 * Decoded text that shows the symptoms of a wrong or missing charset: U+FFFD, escape-sequence residue,
 * or C1 control characters (raw 8-bit bytes read as latin1; real text never contains them).
 */
export function looksMisdecoded(text: string | null | undefined): boolean {
  if (!text) return false;
  return /[\uFFFD\x1b\u0080-\u009f]/.test(text);
}

/** The charset the bytes are in, among those Japanese mail uses; null when they are plain ASCII. */
export function detectJapaneseCharset(bytes: Buffer): string | null {
  const detected = Encoding.detect(bytes);
  switch (detected) {
    case 'JIS':
      return 'ISO-2022-JP';
    case 'SJIS':
      return 'CP932';
    case 'EUCJP':
      return 'EUC-JP';
    case 'UTF8':
      return 'UTF-8';
    default:
      return null;
  }
}

interface SplitChunk {
  type: 'node' | 'data' | 'body';
  value?: Buffer;
  contentType?: string | false;
  charset?: string | false;
  encoding?: string | false;
  multipart?: string | false;
  setCharset?: (charset: string) => void;
  getHeaders?: () => Buffer;
  headers?: { update(key: string, value: string): void };
}

/**
 * Rewrite the MIME headers of every part so mailparser reads it right: the charset of text parts whose
 * label is missing, us-ascii or wrong for their bytes (Shift_JIS aliases become CP932), a base64 label
 * on a body that is plainly not base64, and header blocks written in raw Shift_JIS or EUC-JP bytes
 * (re-encoded as UTF-8). The bodies pass through untouched.
 */
export async function repairCharsets(raw: Buffer): Promise<Buffer> {
  const splitter = new Splitter({ ignoreEmbedded: false });
  Readable.from([raw]).pipe(splitter);
  const chunks: SplitChunk[] = [];
  for await (const chunk of splitter) chunks.push(chunk as SplitChunk);

  const out: (SplitChunk | Buffer)[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const node = chunks[i]!;
    if (node.type !== 'node') {
      out.push(node);
      continue;
    }
    if (!node.multipart) repairLeaf(node, chunks, i);
    out.push(utf8Headers(node.getHeaders!()) ?? node);
  }

  const joiner = new Joiner();
  const parts: Buffer[] = [];
  const done = (async () => {
    for await (const part of joiner) parts.push(part as Buffer);
  })();
  for (const chunk of out) joiner.write(chunk);
  joiner.end();
  await done;
  return Buffer.concat(parts);
}

function repairLeaf(node: SplitChunk, chunks: SplitChunk[], index: number): void {
  const type = (node.contentType || 'text/plain').toLowerCase();
  if (!type.startsWith('text/')) return;
  const body: Buffer[] = [];
  for (let j = index + 1; j < chunks.length && chunks[j]!.type === 'body'; j++) body.push(chunks[j]!.value!);
  const rawBody = Buffer.concat(body);
  let encoding = node.encoding || '';
  if (encoding.toLowerCase() === 'base64' && !looksLikeBase64(rawBody)) {
    node.headers!.update('Content-Transfer-Encoding', '8bit');
    encoding = '8bit';
  }
  const bytes = decodeTransfer(rawBody, encoding);
  const label = node.charset ? String(node.charset) : '';
  const detected = detectJapaneseCharset(bytes);
  if (detected && !labelFits(label, detected)) node.setCharset!(detected);
  else if (label && CP932_ALIASES.test(label)) node.setCharset!('CP932');
}

/** Base64 bodies carry only the alphabet and whitespace; a few stray characters are tolerated. */
function looksLikeBase64(body: Buffer): boolean {
  let stray = 0;
  for (const b of body) {
    if (b >= 0x80) return false;
    const c = String.fromCharCode(b);
    if (!/[A-Za-z0-9+/=\s]/.test(c)) stray += 1;
  }
  return stray <= body.length * 0.05;
}

/** A header block in raw Shift_JIS or EUC-JP, re-encoded as UTF-8 (which mailparser reads); else null. */
function utf8Headers(header: Buffer): Buffer | null {
  if (!header.some((b) => b >= 0x80) || isUtf8(header)) return null;
  const charset = detectJapaneseCharset(header);
  if (charset !== 'CP932' && charset !== 'EUC-JP') return null;
  return Buffer.from(new TextDecoder(charset === 'CP932' ? 'shift_jis' : 'euc-jp').decode(header), 'utf8');
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function labelFits(label: string, detected: string): boolean {
  const l = label.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!l || l === 'usascii' || l === 'ascii') return false;
  if (detected === 'CP932') return CP932_ALIASES.test(label);
  if (detected === 'ISO-2022-JP') return l.startsWith('iso2022jp');
  if (detected === 'EUC-JP') return l === 'eucjp' || l === 'xeucjp';
  // A UTF-8 guess never overrides a declared charset: latin1 text can pass for UTF-8.
  return true;
}

function decodeTransfer(bytes: Buffer, encoding: string): Buffer {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(bytes.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    const text = bytes.toString('latin1').replace(/=\r?\n/g, '');
    return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  }
  return bytes;
}


/**
 * Repairs to the top-level structure, checked before every parse (they cost a header scan): a
 * multipart without a boundary parameter gets the one its body uses; a multipart whose boundary
 * never occurs is read as the plain text it is.
 */
export function repairRootStructure(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
  if (end < 0) return raw;
  const header = raw.subarray(0, end).toString('latin1');
  const ct = /^content-type[ \t]*:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(header);
  if (!ct || !/^\s*multipart\//i.test(ct[1]!)) return raw;
  const value = ct[1]!;
  const body = raw.subarray(end);
  const boundary = multipartBoundary(value);
  let replacement: string;
  if (!boundary) {
    const first = /^--([^\s-][^\r\n]*?)\s*$/m.exec(body.toString('latin1'));
    if (!first) return raw;
    replacement = `${value.trimEnd()}; boundary="${first[1]}"`;
  } else {
    if (body.includes(`--${boundary}`)) return raw;
    replacement = 'text/plain';
  }
  const start = ct.index + ct[0].length - value.length;
  const fixed = header.slice(0, start) + replacement + header.slice(ct.index + ct[0].length);
  return Buffer.concat([Buffer.from(fixed, 'latin1'), body]);
}
