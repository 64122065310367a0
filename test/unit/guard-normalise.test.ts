// The views the guard's detectors read, and the index map that quotes a match from the original body.
import { describe, expect, it } from 'vitest';
import { identity, rewrite, sourceSpan, type Mapped } from '../../src/respond/guard/mapped.ts';
import { baseView, contactView, htmlView, phoneView } from '../../src/respond/guard/normalise.ts';

/** The original text behind the first occurrence of `needle` in a view. */
function quote(view: Mapped, needle: string): string {
  const at = view.text.indexOf(needle);
  expect(at, `"${needle}" in "${view.text}"`).toBeGreaterThanOrEqual(0);
  const span = sourceSpan(view, at, at + needle.length);
  return view.source.slice(span.start, span.end);
}

const base = (text: string): Mapped => baseView(identity(text));

describe('index map', () => {
  it('keeps untouched text mapped one to one', () => {
    const view = rewrite(identity('abc-def'), /-/g, () => '');
    expect(view.text).toBe('abcdef');
    expect(quote(view, 'cd')).toBe('c-d');
    expect(quote(view, 'ef')).toBe('ef');
  });

  it('maps a replacement to the whole span it replaced, and grows or shrinks text', () => {
    const view = rewrite(identity('x[at]y'), /\[at\]/g, () => '@');
    expect(view.text).toBe('x@y');
    expect(quote(view, '@')).toBe('[at]');
    expect(quote(view, 'x@y')).toBe('x[at]y');
    const longer = rewrite(identity('a㈱b'), /㈱/g, () => '(株)');
    expect(longer.text).toBe('a(株)b');
    expect(quote(longer, '株')).toBe('㈱');
  });

  it('composes through several rewrites back to the first source', () => {
    const view = phoneView(base('携帯：〇九〇ー１２３４ー\n５６７８まで'));
    expect(view.text).toContain('090ー1234ー 5678');
    expect(quote(view, '090ー1234ー 5678')).toBe('〇九〇ー１２３４ー\n５６７８');
  });

  it('indexes code units, so text after an emoji or a rare kanji still quotes exactly', () => {
    const view = phoneView(base('😊𠮷様 ０９０-１２３４-５６７８'));
    expect(view.starts).toHaveLength(view.text.length);
    expect(quote(view, '090-1234-5678')).toBe('０９０-１２３４-５６７８');
    expect(quote(view, '😊')).toBe('😊');
  });

  it('refuses a non-global pattern rather than rewriting only the first match', () => {
    expect(() => rewrite(identity('a'), /a/, () => 'b')).toThrow(/global/);
  });
});

describe('base view', () => {
  it('applies NFKC: full-width letters, digits, ＠, ．, ：／／ and the ideographic space', () => {
    expect(base('ｈｔｔｐｓ：／／ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ　０９０＠').text).toBe('https://www.example.com 090@');
  });

  it('joins half-width kana with their voicing marks', () => {
    expect(base('ｶﾞｲﾄﾞ').text).toBe('ガイド');
  });

  it('removes zero-width characters and variation selectors', () => {
    const view = base('09\u200B0-12\u200D34\uFEFF-5678');
    expect(view.text).toBe('090-1234-5678');
    expect(quote(view, '090-1234-5678')).toBe('09\u200B0-12\u200D34\uFEFF-5678');
  });

  it('joins a wrapped Japanese line with nothing and an English one with a space', () => {
    expect(base('レビューを\nお願いします').text).toBe('レビューをお願いします');
    expect(base('please leave\n  a review').text).toBe('please leave a review');
    expect(base('first line\r\nsecond').text).toBe('first line second');
  });

  it('keeps a blank line as one paragraph break', () => {
    expect(base('段落一\n\n\n段落二').text).toBe('段落一\n段落二');
  });
});

describe('phone view', () => {
  it('turns kanji digits (and 零) into digits', () => {
    expect(phoneView(base('〇九〇-一二三四-五六七八 零')).text).toBe('090-1234-5678 0');
  });
});

describe('contact view', () => {
  it.each([
    ['info[at]shop.jp', 'info@shop.jp', 'info[at]shop.jp'],
    ['info (at) shop (dot) jp', 'info@shop.jp', 'info (at) shop (dot) jp'],
    ['info at shop dot jp', 'info@shop.jp', 'info at shop dot jp'],
    ['info＠shop．jp', 'info@shop.jp', 'info＠shop．jp'],
    ['infoアットマークshop.jp', 'info@shop.jp', 'infoアットマークshop.jp'],
    ['info あっとまーく shop どっと jp', 'info@shop.jp', 'info あっとまーく shop どっと jp'],
    ['info★shop.jp', 'info@shop.jp', 'info★shop.jp'],
    ['example ドット com', 'example.com', 'example ドット com'],
    ['example。com', 'example.com', 'example。com'],
    ['example . com', 'example.com', 'example . com'],
  ])('reads %s as %s', (written, normal, quoted) => {
    const view = contactView(base(written));
    expect(view.text).toBe(normal);
    expect(quote(view, normal)).toBe(quoted);
  });

  it('leaves ordinary prose alone', () => {
    expect(contactView(base('We arrive at 10. Thank you.')).text).toBe('We arrive at 10. Thank you.');
    expect(contactView(base('5★ではありません')).text).toBe('5★ではありません');
  });
});

describe('HTML view', () => {
  it('shows what the buyer reads: breaks for <br> and blocks, no tags, entities decoded', () => {
    const view = htmlView('<p>ご注文&amp;お届け</p>\n<p>090-<b>1234</b>-5678<br>&#x1F64F;</p>');
    expect(view.text).toBe('\nご注文&お届け\n090-1234-5678\n🙏\n');
    expect(quote(view, '090-1234-5678')).toBe('090-<b>1234</b>-5678');
    expect(quote(view, '🙏')).toBe('&#x1F64F;');
  });

  it('drops comments, scripts and styles, which the buyer does not read', () => {
    expect(htmlView('a<!-- 090-1234-5678 --><style>p{color:red}</style><script>x()</script>b').text).toBe('ab');
  });
});
