// HTML to text, bounded. html-to-text parses with htmlparser2, which keeps the open elements in an
// array it inserts into at the front: its time grows with the square of the nesting. Mail of 100,000
// unclosed tags took 4 s, a few MB of them would take minutes and hold up the mailbox. Real mail has
// a few thousand tags (a long HTML report, ten thousand or so); past the limit the text is
// read by dropping the tags instead, which is enough to classify the mail and is linear.

export const MAX_HTML_TAGS = 20_000;

/** `convert(html)`, or the tag-stripped text when the HTML has more tags than real mail has. */
export function convertHtmlBounded(convert: (html: string) => string, html: string): string {
  return countTags(html) > MAX_HTML_TAGS ? stripTags(html) : convert(html);
}

function countTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1 && count <= MAX_HTML_TAGS; at = html.indexOf('<', at + 1)) count += 1;
  return count;
}

/** An HTML character reference: decimal, hexadecimal, or one of the names mail uses (other names stay as written). */
export const HTML_ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/giu;

/** The text a matched reference stands for (names from `named`); no valid code point stays as written. */
export function entityText(match: readonly (string | undefined)[], named: Readonly<Record<string, string>>): string {
  const [whole = '', dec, hex, name] = match;
  if (name !== undefined) return named[name.toLowerCase()] ?? whole;
  const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text without tags: scripts and styles dropped, line breaks where blocks end, common entities decoded. */
export function stripTags(html: string): string {
  return withoutScriptsAndStyles(html)
    .replace(/<(?:br|\/p|\/div|\/tr|\/li|\/h\d)\b[^<>]*>/gi, '\n')
    .replace(/<[^<>]*>?/g, '')
    .replace(HTML_ENTITY, (...match: (string | undefined)[]) => entityText(match, NAMED_ENTITIES))
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Drops <script> and <style> elements with their content (to the end, when one is never closed). */
function withoutScriptsAndStyles(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let from = 0;
  for (;;) {
    const script = lower.indexOf('<script', from);
    const style = lower.indexOf('<style', from);
    const start = script === -1 ? style : style === -1 ? script : Math.min(script, style);
    if (start === -1) return out + html.slice(from);
    out += html.slice(from, start);
    const end = lower.indexOf(start === script ? '</script' : '</style', start);
    if (end === -1) return out;
    const close = lower.indexOf('>', end);
    from = close === -1 ? html.length : close + 1;
  }
}
