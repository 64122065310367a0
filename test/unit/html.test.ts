// HTML to text, bounded: mail with more tags than real mail has is read by dropping the tags, so a
// mail of unclosed tags (whose nesting makes the HTML parser's time grow with its square) cannot hold
// up the mailbox; real mail goes through html-to-text as before.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/ingest/parse.ts';
import { MAX_HTML_TAGS, convertHtmlBounded, stripTags } from '../../src/shared/html.ts';

describe('stripTags', () => {
  it('keeps the text, breaks lines where blocks end, decodes entities', () => {
    expect(stripTags('<div>注文番号&#65306;250-1234567-1234567</div><p>A &amp; B&nbsp;&lt;ok&gt; &#x41;&unknown;</p>x<br/>y')).toBe('注文番号：250-1234567-1234567\nA & B\u00a0<ok> A&unknown;\nx\ny');
  });

  it('drops scripts and styles with their content, and an unclosed one to the end', () => {
    expect(stripTags('a<style type="text/css">p { color: red }</style>b<SCRIPT>x<y</SCRIPT >c')).toBe('abc');
    expect(stripTags('a<style>p { color: red }')).toBe('a');
  });

  it('copes with a tag that never ends', () => {
    expect(stripTags('text <a href="x')).toBe('text');
  });
});

describe('convertHtmlBounded', () => {
  const marked = (html: string) => `converted:${html.length}`;

  it('converts real mail with the converter given', () => {
    expect(convertHtmlBounded(marked, '<p>hello</p>')).toBe('converted:12');
    expect(convertHtmlBounded(marked, '<b>'.repeat(MAX_HTML_TAGS))).toBe(`converted:${3 * MAX_HTML_TAGS}`);
  });

  it('strips the tags of mail with more tags than real mail has', () => {
    expect(convertHtmlBounded(marked, `${'<b>'.repeat(MAX_HTML_TAGS + 1)}hello`)).toBe('hello');
  });

  it('reads an HTML-only mail of 300,000 unclosed tags, the words after them included', async () => {
    const html = `<p>${'<b>'.repeat(300_000)}注文番号: 250-1234567-1234567</p>`;
    const parsed = await parseMail(Buffer.from(`From: buyer@example.com\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`));
    expect(parsed.text).toBe('注文番号: 250-1234567-1234567');
  });
});
