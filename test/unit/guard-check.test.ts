// checkBuyerMessage beyond the plain-text corpus: the HTML alternative, the subject, attachments,
// length and language limits, and how violations are reported (all of them, once each, quoted exactly).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules, type GuardInput } from '../../src/respond/guard/index.ts';

const rules = loadGuardRules(join(import.meta.dirname, '..', '..', 'rules', 'guard.yaml'));
const OK_TEXT = 'ご注文ありがとうございます。交換品を本日発送いたしました。今しばらくお待ちください。';

function check(input: Partial<GuardInput>): [string, string][] {
  return checkBuyerMessage({ text: OK_TEXT, ...input }, rules).violations.map((v) => [v.rule, v.excerpt]);
}

describe('HTML alternative', () => {
  it('passes basic markup without styling', () => {
    expect(check({ html: '<p>ご注文ありがとうございます。</p><p><b>交換品</b>を発送しました。<br>よろしくお願いいたします。</p><ul><li>一</li></ul>' })).toEqual([]);
  });

  it('blocks centring, fonts, images, links and styling attributes, quoting each opening tag', () => {
    expect(
      check({
        html: '<center>A</center><font face="Meiryo">B</font><img src="cid:x"><a href="#top">C</a><p class="x">D</p><b style="color:red">E</b><div>F</div>',
      }),
    ).toEqual([
      ['html', '<center>'],
      ['html', '<font face="Meiryo">'],
      ['html', '<img src="cid:x">'],
      ['html', '<a href="#top">'],
      ['html', '<p class="x">'],
      ['html', '<b style="color:red">'],
      ['html', '<div>'],
    ]);
  });

  it('checks what the HTML says, quoting the HTML source', () => {
    expect(check({ html: '<p>お急ぎの方は 090-<b>1234</b>-5678 まで&#x1F64F;</p>' })).toEqual([
      ['contact-phone', '090-<b>1234</b>-5678'],
      ['emoji', '&#x1F64F;'],
    ]);
  });

  it('counts rendered line breaks, not source newlines', () => {
    expect(check({ html: '<p>A</p>\n\n\n\n<p>B</p>' })).toEqual([]);
    expect(check({ html: '<p>A<br><br><br>B</p>' })).toEqual([['line-breaks', '<br><br><br>']]);
    expect(check({ html: '<p>A</p><p></p><ul><li>B</li></ul>' })).toEqual([]);
    expect(check({ html: '<p>A</p><p>&nbsp;</p><p>&nbsp;</p><p>B</p>' })).toEqual([
      ['line-breaks', '</p><p>&nbsp;</p><p>&nbsp;</p><p>'],
    ]);
  });

  it('reports a violation present in both text and HTML once', () => {
    const text = 'お急ぎの方は 03-1234-5678 まで。';
    expect(check({ text, html: `<p>${text}</p>` })).toEqual([['contact-phone', '03-1234-5678']]);
  });
});

describe('HTML typed into the plain text', () => {
  it('blocks real elements but leaves bracketed words alone', () => {
    expect(check({ text: '<Important> 返品期限は30日です。<ご注意> 箱は捨てないでください。' })).toEqual([]);
    expect(check({ text: '<span style="font-size:20px">返品期限は30日です。</span>' })).toEqual([
      ['html', '<span style="font-size:20px">'],
    ]);
  });
});

describe('subject', () => {
  it('is checked for contact details, links, promotion and emoji', () => {
    expect(check({ subject: '【重要】ご注文について🙏 shop.example.jp' })).toEqual([
      ['link', 'shop.example.jp'],
      ['emoji', '🙏'],
    ]);
    expect(check({ subject: '[重要] ご注文 250-1234567-1234567 について' })).toEqual([]);
  });
});

describe('attachments', () => {
  const file = (filename: string, contentType: string, size = 1000) => ({ filename, contentType, size });

  it('allows PDF, JPEG, PNG, GIF and plain text within 10 MB', () => {
    expect(
      check({
        attachments: [
          file('invoice.pdf', 'application/pdf'),
          file('photo.JPG', 'image/jpeg'),
          file('step.png', 'image/png'),
          file('anim.gif', 'image/gif'),
          file('readme.txt', 'text/plain; charset=utf-8'),
        ],
      }),
    ).toEqual([]);
  });

  it('blocks other types, and a safe type under a dangerous name', () => {
    expect(
      check({
        attachments: [
          file('manual.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
          file('setup.exe', 'application/pdf'),
          file('clip.mp4', 'video/mp4'),
        ],
      }),
    ).toEqual([
      ['attachment-type', 'manual.docx'],
      ['attachment-type', 'setup.exe'],
      ['attachment-type', 'clip.mp4'],
    ]);
  });

  it('blocks a file over 10 MB, and files that are too big together', () => {
    expect(check({ attachments: [file('scan.pdf', 'application/pdf', 10_000_000)] })).toEqual([]);
    expect(check({ attachments: [file('scan.pdf', 'application/pdf', 10_000_001)] })).toEqual([
      ['attachment-size', 'scan.pdf'],
    ]);
    expect(
      check({ attachments: [file('a.jpg', 'image/jpeg', 6_000_000), file('b.jpg', 'image/jpeg', 6_000_000)] }),
    ).toEqual([['attachment-size', 'a.jpg, b.jpg']]);
  });
});

describe('length and language', () => {
  it('applies the limit of the buyer language, quoting where the excess starts', () => {
    const text = 'あ'.repeat(1500);
    expect(check({ text, language: 'ja' })).toEqual([]);
    expect(check({ text: `${text}いうえお`, language: 'ja' })).toEqual([['length', 'いうえお']]);
    const english = `${'Thank you. '.repeat(200)}`;
    expect(check({ text: english, language: 'en' })).toEqual([]);
    expect(check({ text: english, language: null })).toEqual([]);
  });

  it('checks the language only when the buyer language is given', () => {
    const english = 'Thank you for your order. The replacement has shipped today.';
    expect(check({ text: english, language: null })).toEqual([]);
    // The excerpt is the first line, up to 40 characters.
    expect(check({ text: english, language: 'ja' })).toEqual([['language', english.slice(0, 40)]]);
    expect(check({ text: OK_TEXT, language: 'en' })).toEqual([['language', OK_TEXT.slice(0, 40)]]);
    expect(check({ text: 'OK', language: 'ja' })).toEqual([]);
  });
});

describe('reporting', () => {
  it('reports every violation once, in rule order, with a sentence for each rule', () => {
    const text = '090-1234-5678 または 090-1234-5678 へ。info@shop.jp、セール中😊';
    const verdict = checkBuyerMessage({ text }, rules);
    expect(verdict.ok).toBe(false);
    expect(verdict.violations.map((v) => [v.rule, v.excerpt])).toEqual([
      ['contact-phone', '090-1234-5678'],
      ['contact-email', 'info@shop.jp'],
      ['marketing', 'セール'],
      ['emoji', '😊'],
    ]);
    for (const v of verdict.violations) expect(v.message).toMatch(/^[A-Z][^.]*\.$/);
  });

  it('reports a blank body', () => {
    expect(check({ text: ' \n\u3000\u200B\n' })).toEqual([['empty', ' \n\u3000\u200B\n']]);
  });
});
