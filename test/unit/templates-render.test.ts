// Rendering: the helpers, partial overrides, the layout rules, placeholders, and errors that point at
// the template line to fix.
import { afterEach, describe, expect, it } from 'vitest';
import type { RenderData } from '../../src/respond/render-data.ts';
import { loadTemplates, PLACEHOLDER, sampleData, TemplateError, type Templates } from '../../src/respond/templates/index.ts';
import { FRONT, removeTemplateFolders, templateFolder } from '../support/template-folder.ts';

const FRONT_LINES = 6;

afterEach(removeTemplateFolders);

function load(files: Record<string, string>): Templates {
  const loaded = loadTemplates(templateFolder(files));
  expect(loaded.problems).toEqual([]);
  return loaded;
}

/** Renders one body (after the standard front matter) with the sample data for `language` and `overrides`. */
function renderBody(body: string, language: 'ja' | 'en', overrides: object = {}): string {
  return load({ [`buyer/t.${language}.hbs`]: `${FRONT}${body}` }).render('buyer/t', language, sampleData(language, overrides)).text;
}

function thrown(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('date helpers', () => {
  const at = '2026-11-24T01:15:00Z';

  it('write the date and time in Japanese, in Asia/Tokyo', () => {
    const tokyo = { timezone: 'Asia/Tokyo', now: at };
    expect(renderBody('{{date now}}', 'ja', tokyo)).toBe('2026年11月24日（火）');
    expect(renderBody('{{datetime now}}', 'ja', tokyo)).toBe('2026年11月24日（火）10:15');
    expect(renderBody('{{datetime now}}', 'ja', { timezone: 'Asia/Tokyo', now: '2026-11-24T00:05:00+09:00' })).toBe('2026年11月24日（火）0:05');
  });

  it('write the date and time in English, in America/New_York (the previous evening there)', () => {
    const newYork = { timezone: 'America/New_York', now: at };
    expect(renderBody('{{date now}}', 'en', newYork)).toBe('Monday, November 23, 2026');
    expect(renderBody('{{datetime now}}', 'en', newYork)).toBe('Nov 23, 2026, 8:15 PM');
    expect(renderBody('{{datetime now}}', 'en', { timezone: 'America/New_York', now: '2026-11-24T10:15:00-05:00' })).toBe('Nov 24, 2026, 10:15 AM');
  });

  it('keep a bare date on its calendar day in any time zone', () => {
    expect(renderBody('{{date case.replyBy}}', 'en', { timezone: 'America/New_York', case: { replyBy: '2026-11-30' } })).toBe('Monday, November 30, 2026');
    expect(renderBody('{{date case.replyBy}}', 'ja', { timezone: 'Asia/Tokyo', case: { replyBy: '2026-11-30' } })).toBe('2026年11月30日（月）');
  });

  it('leave a placeholder for a missing date, and stop at one that is not a date, with its line', () => {
    expect(renderBody('{{date case.replyBy}}', 'ja', { case: { replyBy: null } })).toBe('【要記入: 日付】');
    expect(renderBody('{{datetime case.replyBy}}', 'en', { case: { replyBy: null } })).toBe('[FILL IN: date and time]');
    const error = thrown(() => renderBody('一行目\n{{date message.subject}}', 'ja'));
    expect(error.line).toBe(FRONT_LINES + 2);
    expect(error.file).toMatch(/buyer\/t\.ja\.hbs$/);
    expect(error.message).toContain('is not a date');
    expect(error.hint).toContain('ISO 8601');
  });
});

describe('wording helpers', () => {
  it('honorific: 山田様 or お客様 in Japanese, the name or "there" in English', () => {
    expect(renderBody('{{honorific buyer.name}}', 'ja', { buyer: { name: '山田' } })).toBe('山田様');
    expect(renderBody('{{honorific buyer.name}}', 'ja', { buyer: { name: '山田 太郎様' } })).toBe('山田 太郎様');
    expect(renderBody('{{honorific buyer.name}}', 'ja', { buyer: { name: null } })).toBe('お客様');
    expect(renderBody('{{honorific buyer.name}}', 'ja', { buyer: { name: '  ' } })).toBe('お客様');
    expect(renderBody('Hi {{honorific buyer.name}},', 'en', { buyer: { name: 'Josh' } })).toBe('Hi Josh,');
    expect(renderBody('Hi {{honorific buyer.name}},', 'en', { buyer: { name: null } })).toBe('Hi there,');
  });

  it('caseRef and orderRef label the ID in the reader\'s language, or ask for it', () => {
    expect(renderBody('{{caseRef case.supportCaseId}}', 'ja', { case: { supportCaseId: '12345678901' } })).toBe('ケースID: 12345678901');
    expect(renderBody('{{caseRef case.supportCaseId}}', 'en', { case: { supportCaseId: '12345678901' } })).toBe('Case ID: 12345678901');
    expect(renderBody('{{orderRef order.id}}', 'ja', { order: { id: '250-1234567-1234567' } })).toBe('注文番号: 250-1234567-1234567');
    expect(renderBody('{{orderRef order.id}}', 'en', { order: { id: '111-1234567-1234567' } })).toBe('Order ID: 111-1234567-1234567');
    expect(renderBody('{{caseRef case.supportCaseId}}', 'ja', { case: { supportCaseId: null } })).toBe('ケースID: 【要記入: ケースID】');
    expect(renderBody('{{orderRef order.id}}', 'en', { order: { id: null } })).toBe('Order ID: [FILL IN: order ID]');
  });

  it('eq, or, and, not decide conditions the way {{#if}} does', () => {
    const body = [
      '{{#if (eq order.fulfilment "fba")}}fba{{else}}merchant{{/if}}',
      '{{#if (or buyer.name order.id)}}or{{/if}}',
      '{{#if (and buyer.name order.id)}}and{{else}}not-and{{/if}}',
      '{{#if (not message.intents)}}no-intents{{/if}}',
      '{{or buyer.name "お客様"}}',
    ].join('\n');
    expect(renderBody(body, 'ja', { buyer: { name: null }, order: { id: '250-1234567-1234567', fulfilment: 'fba' }, message: { intents: [] } }))
      .toBe('fba\nor\nnot-and\nno-intents\nお客様');
    expect(renderBody(body, 'ja', { buyer: { name: '山田' }, order: { id: '250-1234567-1234567', fulfilment: 'merchant' }, message: { intents: ['return'] } }))
      .toBe('merchant\nor\nand\n\n山田');
  });
});

describe('partials', () => {
  const files = {
    'partials/signature.ja.hbs': '通常の署名\n',
    'partials/signature.JP.ja.hbs': '日本向けの署名\n',
    'partials/signature.acme.ja.hbs': 'acme の署名\n',
    'partials/signature.en.hbs': 'Plain signature\n',
    'buyer/t.ja.hbs': `${FRONT}本文\n{{> signature}}\n`,
    'buyer/t.en.hbs': `${FRONT}Body\n{{> signature}}\n`,
  };

  it('resolve account first, then marketplace, then the plain one', () => {
    const templates = load(files);
    const signature = (language: 'ja' | 'en', id: string, marketplace: string) =>
      templates.render('buyer/t', language, sampleData(language, { account: { id }, marketplace })).text.split('\n').at(-1);
    expect(signature('ja', 'acme', 'JP')).toBe('acme の署名');
    expect(signature('ja', 'other', 'JP')).toBe('日本向けの署名');
    expect(signature('ja', 'other', 'US')).toBe('通常の署名');
    expect(signature('ja', 'acme', 'US')).toBe('acme の署名');
    expect(signature('en', 'acme', 'JP')).toBe('Plain signature');
  });

  it('keep the blank line after a partial that stands on its own line', () => {
    const templates = load({ 'partials/greeting.en.hbs': 'Hi {{honorific buyer.name}},', 'buyer/t.en.hbs': `${FRONT}{{> greeting}}\n\nBody` });
    expect(templates.render('buyer/t', 'en', sampleData('en')).text).toBe('Hi Josh,\n\nBody');
  });

  it('name the partial\'s own file and line when it fails inside', () => {
    const templates = load({ 'partials/when.ja.hbs': '日付:\n{{date message.subject}}\n', 'buyer/t.ja.hbs': `${FRONT}本文\n{{> when}}\n` });
    const error = thrown(() => templates.render('buyer/t', 'ja', sampleData('ja')));
    expect(error.file).toMatch(/partials\/when\.ja\.hbs$/);
    expect(error.line).toBe(2);
  });
});

describe('rendering', () => {
  it('never HTML-escapes', () => {
    expect(renderBody('{{order.itemTitle}}', 'en', { order: { itemTitle: 'Salt & Pepper <Set> "2-pack" it\'s' } })).toBe('Salt & Pepper <Set> "2-pack" it\'s');
  });

  it('collapses three or more line breaks to two, drops trailing spaces and trims the ends', () => {
    const body = '\n\n一行目   \n{{#if buyer.name}}\n\n\n{{/if}}\n\n\n\n二行目\u3000\n\t\n\n\n三行目\n\n\n';
    expect(renderBody(body, 'ja')).toBe('一行目\n\n二行目\n\n三行目');
  });

  it('renders the subject on one line, and lists placeholders from subject and text once each, in order', () => {
    const templates = load({
      'buyer/t.ja.hbs': '---\ndescription: x\naudience: buyer\nanswers:\n  kinds: [buyer_message]\nsubject: "Re: {{message.subject}} 【要記入: 件名】"\n---\n【要記入: 回答】\n【要記入：全角コロン】\n【要記入: 回答】\n',
    });
    const result = templates.render('buyer/t', 'ja', sampleData('ja', { message: { subject: '返品\nについて' } }));
    expect(result.subject).toBe('Re: 返品 について 【要記入: 件名】');
    expect(result.placeholders).toEqual(['【要記入: 件名】', '【要記入: 回答】', '【要記入：全角コロン】']);
  });

  it('gives no subject when the template has none', () => {
    expect(load({ 'buyer/t.en.hbs': `${FRONT}Body` }).render('buyer/t', 'en', sampleData('en')).subject).toBeNull();
  });

  it('refuses a case that lacks a field the template needs, pointing at the needs line', () => {
    const templates = load({ 'buyer/t.en.hbs': '---\ndescription: x\naudience: buyer\nanswers:\n  kinds: [buyer_message]\nneeds:\n  - buyer.name\n  - order.id\n---\n{{order.id}}' });
    const data = (id: string | null): RenderData => sampleData('en', { order: { id } });
    expect(templates.render('buyer/t', 'en', data('111-1234567-1234567')).text).toBe('111-1234567-1234567');
    for (const id of [null, '  ']) {
      const error = thrown(() => templates.render('buyer/t', 'en', data(id)));
      expect(error.line).toBe(8);
      expect(error.message).toContain('this case has no order.id, which the template needs');
      expect(error.hint).toContain('by hand');
    }
  });

  it('refuses an unknown template name, naming the file it looked for', () => {
    const templates = load({ 'buyer/t.ja.hbs': `${FRONT}本文` });
    const error = thrown(() => templates.render('buyer/t', 'en', sampleData('en')));
    expect(error.file).toMatch(/buyer\/t\.en\.hbs$/);
    expect(error.line).toBeNull();
    expect(error.message).toContain('there is no template "buyer/t" in English');
  });
});

describe('PLACEHOLDER', () => {
  it('matches both forms, with a full-width colon or none, and can be tested repeatedly', () => {
    for (const text of ['【要記入: 回答】', '【要記入：回答】', '【要記入】', '[FILL IN: the answer]', '[fill in: x]', '[FILL IN]']) {
      expect(PLACEHOLDER.test(text), text).toBe(true);
      expect(PLACEHOLDER.test(text), text).toBe(true);
    }
    for (const text of ['要記入', '[FILL]', 'fill in the form', '【注意】']) expect(PLACEHOLDER.test(text), text).toBe(false);
  });
});

describe('sampleData', () => {
  it('gives a full case per language, merges overrides group by group, and keeps the language', () => {
    expect(sampleData('ja')).toMatchObject({ language: 'ja', marketplace: 'JP', timezone: 'Asia/Tokyo', buyer: { name: '山田' } });
    expect(sampleData('en')).toMatchObject({ language: 'en', marketplace: 'US', timezone: 'America/New_York', buyer: { name: 'Josh' } });
    const merged = sampleData('ja', { language: 'en', order: { id: null }, message: { intents: ['cancel'] } });
    expect(merged.language).toBe('ja');
    expect(merged.order).toEqual({ ...sampleData('ja').order, id: null });
    expect(merged.message.intents).toEqual(['cancel']);
    // Each call is a fresh copy: changing one sample never changes the defaults.
    merged.buyer.name = 'changed';
    expect(sampleData('ja').buyer.name).toBe('山田');
  });
});
