import { readdirSync, readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { DRAFT_BEGIN, DRAFT_END } from '../../src/approval/markers.ts';
import { htmlToPlainText } from '../../src/ingest/html-text.ts';
import { parseApprovalReply } from '../../src/approval/reply-text.ts';
import type { ApprovalCommand, ParsedApprovalReply } from '../../src/approval/reply-text.ts';

const FIXTURES = new URL('../fixtures/approval-replies/', import.meta.url);

interface Expectation {
  file: string;
  command?: ApprovalCommand | null;
  draftBlock?: null;
  draftBlockSource?: ParsedApprovalReply['draftBlockSource'];
  draftBlockIncludes?: string[];
  draftBlockExcludes?: string[];
  draftBlockEquals?: string;
  ownTextIncludes?: string[];
  ownTextExcludes?: string[];
  ownTextEquals?: string;
}

const expectations = JSON.parse(readFileSync(new URL('expectations.json', FIXTURES), 'utf8')) as Expectation[];

async function readFixture(file: string): Promise<{ text: string | null; html: string | null }> {
  const parsed = await simpleParser(readFileSync(new URL(file, FIXTURES)));
  return { text: parsed.text ?? null, html: typeof parsed.html === 'string' ? parsed.html : null };
}

/** Replies that carry an HTML alternative (some carriers' and Apple Mail's are text only). */
const withHtml = new Set<string>();
for (const e of expectations) if ((await readFixture(e.file)).html !== null) withHtml.add(e.file);

const text = (body: string): ParsedApprovalReply => parseApprovalReply({ text: body, html: null });

describe('parseApprovalReply on replies as mail clients write them', () => {
  it('has an expectation for every fixture', () => {
    const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(expectations.map((e) => e.file).sort()).toEqual(files.sort());
  });

  it.each(expectations)('$file', async (expected) => {
    const result = parseApprovalReply(await readFixture(expected.file));
    if ('command' in expected) expect(result.command).toBe(expected.command);
    if ('draftBlockSource' in expected) expect(result.draftBlockSource).toBe(expected.draftBlockSource);
    if ('draftBlock' in expected) expect(result.draftBlock).toBe(expected.draftBlock);
    if (expected.draftBlockEquals !== undefined) expect(result.draftBlock).toBe(expected.draftBlockEquals);
    for (const part of expected.draftBlockIncludes ?? []) expect(result.draftBlock).toContain(part);
    for (const part of expected.draftBlockExcludes ?? []) expect(result.draftBlock ?? '').not.toContain(part);
    if (expected.ownTextEquals !== undefined) expect(result.ownText).toBe(expected.ownTextEquals);
    for (const part of expected.ownTextIncludes ?? []) expect(result.ownText).toContain(part);
    for (const part of expected.ownTextExcludes ?? []) expect(result.ownText).not.toContain(part);
  });

  // The HTML part alone (as an HTML-only client would send it) must mean the same as the text part.
  it.each(expectations.filter((e) => e.command !== undefined && withHtml.has(e.file)))('$file: its HTML part alone gives the same command', async (expected) => {
    const { html } = await readFixture(expected.file);
    const result = parseApprovalReply({ text: null, html });
    expect(result.command).toBe(expected.command);
    if (expected.draftBlockSource !== undefined) expect(result.draftBlockSource).toBe(expected.draftBlockSource);
    // HTML collapses the trailing space of a "-- " line.
    if (expected.draftBlockEquals !== undefined) expect(result.draftBlock).toBe(expected.draftBlockEquals.replace(/^-- $/m, '--'));
  });
});

describe('commands', () => {
  it.each([
    ['承認', 'approve'],
    ['承認します。', 'approve'],
    ['承認です', 'approve'],
    ['承認でお願いします！', 'approve'],
    ['はい、お願いします', 'approve'],
    ['送信してください', 'approve'],
    ['ＯＫ', 'approve'],
    ['ｏｋです', 'approve'],
    ['Ok', 'approve'],
    ['okay!', 'approve'],
    ['APPROVED.', 'approve'],
    ['Yes please', 'approve'],
    ['send it', 'approve'],
    ['OK👍', 'approve'],
    ['却下', 'reject'],
    ['却下します。', 'reject'],
    ['ＮＧ', 'reject'],
    ['ng', 'reject'],
    ['Reject', 'reject'],
    ['Rejected, thanks', 'reject'],
    ["Don't send", 'reject'],
    ['Don’t send this one', 'reject'],
    ['do not send', 'reject'],
    ['送らないでください', 'reject'],
    ['不要です', 'reject'],
    ['中止', 'reject'],
    ['却下します。返金はいりません', 'reject'],
  ] as const)('%s → %s', (line, command) => {
    expect(text(`${line}\n\nmore text`).command).toBe(command);
  });

  it.each([
    'No problem, send it',
    'no',
    'No.',
    'OK? I am not sure',
    'OK, reject it',
    "Yes, but don't send it",
    '承認しないでください',
    '承認？',
    'Okinawa',
    'sending later',
    'Nothing to add',
    'thing',
    '送信済みです',
    'NG、いや承認で',
    '確認しました。OKです',
    '',
  ])('%j → null', (line) => {
    expect(text(`${line}\n\nmore text`).command).toBeNull();
  });

  it('reads only the first non-empty own line', () => {
    expect(text('\n\n  \nOK\n').command).toBe('approve');
    expect(text('Thanks!\nOK').command).toBeNull();
  });

  it('ignores a command that only appears in the quoted history', () => {
    expect(text('> 承認\n> OK\n').command).toBeNull();
  });

  it('does not take a signature line as the first line', () => {
    expect(text('iPhoneから送信').command).toBeNull();
    expect(text('iPhoneから送信').ownText).toBe('');
  });
});

describe('draft block', () => {
  const block = (inner: string): string => `${DRAFT_BEGIN}\n${inner}\n${DRAFT_END}`;

  it('keeps signatures, quote headers and quote marks inside an own block', () => {
    const inner = [
      'Hi Josh,',
      '',
      '> Your message: it does not charge.',
      'On Mon, Nov 23, 2026 at 10:00 AM Josh wrote:',
      '________________________________',
      'From: Josh',
      'Sent: Monday',
      'To: Shop',
      'Subject: charger',
      'Sent from my iPhone',
      'よろしくお願いいたします。',
      '-- ',
      'Shop Name',
    ].join('\n');
    const result = text(`${block(inner)}\n\n-- \nOwner`);
    expect(result.draftBlockSource).toBe('own');
    expect(result.draftBlock).toBe(inner);
    expect(result.ownText).toContain('Shop Name');
    expect(result.ownText).not.toContain('Owner');
  });

  it('normalises CRLF and trims blank lines around the block', () => {
    const result = text(`OK\r\n${DRAFT_BEGIN}\r\n\r\n  本文です。\r\n\r\n${DRAFT_END}\r\n`);
    expect(result.draftBlock).toBe('  本文です。');
    expect(result.command).toBe('approve');
  });

  it('does not NFKC the block text', () => {
    expect(text(block('ＡＢＣ　ｱｲｳ ①')).draftBlock).toBe('ＡＢＣ　ｱｲｳ ①');
  });

  it('strips nested quote prefixes from a quoted block', () => {
    const result = text(`OK\n\n> > ${DRAFT_BEGIN}\n> > line one\n> >\n> >   indented\n>> ${DRAFT_END}\n`);
    expect(result.draftBlockSource).toBe('quoted');
    expect(result.draftBlock).toBe('line one\n\n  indented');
  });

  it('prefers the own block over the quoted one', () => {
    const result = text(`${block('edited')}\n\nOn Mon, Nov 23, 2026 at 10:00 AM kotae <shop@example.com> wrote:\n> ${DRAFT_BEGIN}\n> original\n> ${DRAFT_END}\n`);
    expect(result.draftBlockSource).toBe('own');
    expect(result.draftBlock).toBe('edited');
  });

  it('gives no block when the own copy lost a marker, even if the history has a complete pair', () => {
    const result = text(`${DRAFT_END}\nedited\n\n> ${DRAFT_BEGIN}\n> original\n> ${DRAFT_END}\n`);
    expect(result.draftBlock).toBeNull();
    expect(result.draftBlockSource).toBeNull();
  });

  it('gives no block without markers', () => {
    expect(text('OK').draftBlock).toBeNull();
    expect(parseApprovalReply({ text: null, html: null })).toEqual({ command: null, draftBlock: null, draftBlockSource: null, ownText: '' });
  });
});

describe('quoted history in text', () => {
  it.each([
    ['Gmail EN wrapped', 'On Mon, Nov 23, 2026 at 10:00 AM kotae <\nshop@example.com> wrote:\n> x'],
    ['Gmail JA', '2026年11月23日(月) 10:00 kotae <shop@example.com>:\n> x'],
    ['Apple Mail JA', '2026/11/23 10:00、kotae <shop@example.com>のメール:\n\n> x'],
    ['Thunderbird JA', '2026/11/23 10:00 に kotae さんは書きました:\n> x'],
    ['an attribution without ">" lines', 'On Mon, Nov 23, 2026 at 10:00 AM kotae <shop@example.com> wrote:\nunprefixed history'],
    ['Outlook JA block', '差出人: kotae <shop@example.com>\n送信日時: 2026年11月23日 10:00\n宛先: owner@example.com\n件名: x\n\nx'],
    ['Outlook EN block', 'From: kotae <shop@example.com>\nSent: Monday, November 23, 2026 10:00 AM\nTo: owner@example.com\nSubject: x\n\nx'],
    ['Outlook JA separator', '-----元のメッセージ-----\nx'],
    ['---- Original Message ----', '---- Original Message ----\nx'],
    ['Outlook rule', '________________________________\nx'],
  ])('%s', (_client, history) => {
    expect(text(`OK\n\n${history}\n`).ownText).toBe('OK');
  });

  it('keeps own text written below a quote (bottom posting)', () => {
    expect(text('On 11/23/26 10:00 AM, kotae wrote:\n> draft\n\nOK\n\n-- \nTaro').ownText).toBe('OK');
  });

  it('keeps a lone "From:" line that is not an Outlook header block', () => {
    expect(text('OK\nFrom: the warehouse, the box is ready').ownText).toBe('OK\nFrom: the warehouse, the box is ready');
  });
});

describe('HTML-only replies', () => {
  it.each([
    ['Gmail', '<div dir="ltr">承認</div><div class="gmail_quote"><div class="gmail_attr">2026年11月23日(月) 10:00 kotae:</div><blockquote class="gmail_quote">却下</blockquote></div>'],
    ['Apple Mail', '<div dir="ltr">承認</div><blockquote type="cite">On Nov 23, 2026, at 10:00, kotae wrote:</blockquote><blockquote type="cite">却下</blockquote>'],
    ['Thunderbird', '<p>承認</p><div class="moz-cite-prefix">On 11/23/26 10:00 AM, kotae wrote:</div><blockquote>却下</blockquote>'],
    ['Outlook', '<div>承認</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> kotae</div><div>却下</div>'],
  ])('%s quote structure', (_client, html) => {
    const result = parseApprovalReply({ text: null, html });
    expect(result.command).toBe('approve');
    expect(result.ownText).toBe('承認');
  });

  it('does not wrap long draft lines', () => {
    const long = 'This sentence is long enough that an eighty column wrap would have split it in two lines, which must not happen.';
    const html = `<div>${DRAFT_BEGIN}</div><div>${long}</div><div>${DRAFT_END}</div>`;
    expect(parseApprovalReply({ text: null, html }).draftBlock).toBe(long);
  });

  it('reads <div><br></div> as one empty line', () => {
    const html = `<div>${DRAFT_BEGIN}</div><div>a</div><div><br></div><div dir="auto"><br /></div><div>b</div><div>${DRAFT_END}</div>`;
    expect(parseApprovalReply({ text: null, html }).draftBlock).toBe('a\n\n\nb');
  });
});

describe('text part and HTML part', () => {
  // Outlook writes one <p> per line and an empty <p> per blank line; read as HTML, every blank line doubled.
  it("reads a client's own text part as written, even when it says the same as its HTML", () => {
    const draftLines = ['鈴木様', '', '領収書はAmazonの注文履歴から発行できます。', '', 'みなとストア'];
    const text = ['却下', '', DRAFT_BEGIN, ...draftLines, DRAFT_END].join('\r\n');
    const html = [...text.split('\r\n')].map((line) => (line === '' ? '<p class=MsoNormal>&nbsp;</p>' : `<p class=MsoNormal>${line}</p>`)).join('\n');
    const result = parseApprovalReply({ text, html });
    expect(result.draftBlock).toBe(draftLines.join('\n'));
    expect(result.ownText).toBe(text.replace(/\r\n/g, '\n'));
  });

  it("recognises the text kotae's parser made from an HTML-only reply, and reads the HTML", () => {
    const html = '<div>却下</div><div>電話します。</div><div><br></div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>差出人:</b> みなとストア<br><b>送信日時:</b> 2026年11月23日 9:47<br><b>宛先:</b> owner@example.com<br><b>件名:</b> 承認</div><div>承認</div>';
    const result = parseApprovalReply({ text: htmlToPlainText(html), html });
    expect(result.ownText).toBe('却下\n電話します。');
  });
});

describe('quoted lines', () => {
  it('keeps an answer typed between quoted lines', () => {
    expect(text('> Is the size right?\nYes, M\n> Send today?\n').ownText).toBe('Yes, M');
  });

  it('takes a wrapped-off line between quoted lines as quoted only when it starts with a space or a sign', () => {
    expect(text('OK\n\n> see (https://example.com/a\n_b=1)\n> end\n').ownText).toBe('OK');
    expect(text('OK\n\n> see\n承認\n> end\n').ownText).toBe('OK\n\n承認');
  });
});

describe('hostile HTML', () => {
  // Found by a test: the reply-container and empty-line patterns let a tag run on past `<`, so mail
  // full of unclosed tags was rescanned from each one (400 KB of `<a` took about 47 s; now 20 ms).
  it('reads long lines that start like an attribution, a signature or a quote in linear time', () => {
    const inputs = [
      `OK\nOn ${'1 '.repeat(100_000)}x`,
      `OK\nreply ${'On 1 '.repeat(40_000)} wrote:`,
      `OK\n2026年11月23日 ${'10:00 '.repeat(50_000)}`,
      `OK\n${'On 11/23 a wrote:\n'.repeat(20_000)}`,
      `OK\n${'Thanks,\n'.repeat(20_000)}`,
      `OK\n${'> a\n(b\n'.repeat(50_000)}`,
      `OK\n> a${'\n'.repeat(200_000)}x`,
    ];
    const started = performance.now();
    for (const input of inputs) expect(text(input).command).toBe('approve');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('reads a reply of 400 KB of unclosed tags, and still finds the command before them', () => {
    expect(parseApprovalReply({ text: null, html: `<p>${'<a'.repeat(200_000)}</p>` }).command).toBeNull();
    const reply = parseApprovalReply({ text: null, html: `<div>承認</div><div>${'<div '.repeat(80_000)}</div>` });
    expect(reply.command).toBe('approve');
  });
});
