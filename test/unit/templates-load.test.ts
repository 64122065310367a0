// Loading the seller's template files: every kind of mistake is reported with the file and the line,
// and a broken file never stops the others from loading.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplates, sampleData, TemplateError } from '../../src/respond/templates/index.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { FRONT, removeTemplateFolders, templateFolder } from '../support/template-folder.ts';

const broken = join(import.meta.dirname, '..', 'fixtures', 'templates', 'broken');

afterEach(removeTemplateFolders);

describe('broken template fixtures', () => {
  const loaded = loadTemplates(broken);

  it.each([
    ['buyer/bad-yaml.ja.hbs', 2, /^not valid YAML: Nested mappings .*; check the indentation/],
    ['buyer/bad-handlebars.ja.hbs', 9, /not written correctly near "（\{\{orderRef order\.id\}"/],
    ['buyer/unknown-helper.ja.hbs', 9, /^unknown helper "shout"; the helpers are: date, datetime, honorific/],
    ['buyer/missing-partial.ja.hbs', 11, /the partial "footer" has no usable .*partials\/footer\.ja\.hbs/],
    ['buyer/no-language.hbs', null, /no language; rename it to no-language\.ja\.hbs or no-language\.en\.hbs/],
    ['buyer/unknown-key.ja.hbs', 4, /^unknown key "subjcet"; expected one of: description, audience, answers, subject/],
    ['buyer/unknown-intent.ja.hbs', 6, /^unknown intent "refund" in answers\.intents\[1\]; use one of: return/],
    ['buyer/unknown-field.ja.hbs', 9, /^unknown field "buyer\.nmae"; the data has: buyer\.name, buyer\.relayAddress$/],
    ['buyer/auto-placeholder.ja.hbs', 10, /^auto: true, but the template contains a placeholder/],
    ['support/wrong-audience.ja.hbs', 3, /templates in support\/ must have audience: amazon/],
    ['letters/guard-skipped.en.hbs', 3, /reply to buyer_message goes to the buyer, so the policy guard must check it/],
  ])('%s is reported at line %s', (file, line, message) => {
    const found = loaded.problems.filter((p) => p.file === join(broken, file));
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(line);
    expect(found[0]!.message).toMatch(message);
  });

  it('reports nothing else, and still loads the good template next to the broken ones', () => {
    expect(loaded.problems).toHaveLength(11);
    expect(loaded.list().map((t) => t.name)).toEqual(['buyer/ok']);
    expect(loaded.render('buyer/ok', 'ja', sampleData('ja')).text).toBe('山田様\n\nテスト商店です。\n\nお問い合わせいただきました件につきまして、ご案内いたします。');
  });

  it('refuses to render a broken template with its file and line', () => {
    for (const [name, line] of [['buyer/unknown-helper', 9], ['buyer/missing-partial', 11]] as const) {
      const error = (() => {
        try {
          loaded.render(name, 'ja', sampleData('ja'));
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).file).toBe(join(broken, `${name}.ja.hbs`));
      expect((error as TemplateError).line).toBe(line);
    }
  });
});

describe('loading', () => {
  it('stops with a ConfigError when the folder is missing', () => {
    expect(() => loadTemplates(join(broken, 'no-such-folder'))).toThrow(ConfigError);
  });

  it('reads the front matter into the template description, with the sample merged over the defaults', () => {
    const dir = templateFolder({
      'buyer/x.en.hbs': `---
description: "A test: with a colon"
audience: buyer
answers:
  kinds: [buyer_message, cs_inquiry]
  intents: [return, defect]
subject: "Re: {{message.subject}}"
auto: true
needs: [order.id]
sample:
  buyer: { name: Josh }
  case: { supportCaseId: 98765432101 }
---
Hi {{buyer.name}}
`,
    });
    const info = loadTemplates(dir).get('buyer/x', 'en')!;
    expect(info).toMatchObject({
      name: 'buyer/x', language: 'en', file: join(dir, 'buyer/x.en.hbs'), description: 'A test: with a colon', audience: 'buyer',
      kinds: ['buyer_message', 'cs_inquiry'], intents: ['return', 'defect'], auto: true, needs: ['order.id'],
    });
    // A case ID written as a bare number in YAML is still text; the rest comes from the defaults.
    expect(info.sample.case.supportCaseId).toBe('98765432101');
    expect(info.sample.buyer).toEqual({ name: 'Josh', relayAddress: sampleData('en').buyer.relayAddress });
    expect(info.sample.timezone).toBe('America/New_York');
  });

  it('numbers Handlebars errors by the line in the file, after a front matter of any length', () => {
    const dir = templateFolder({
      'buyer/long.ja.hbs': `---\ndescription: x\naudience: buyer\nanswers:\n  kinds: [buyer_message]\n  intents: []\nauto: false\nneeds: []\n---\n一行目\n二行目\n{{#if order.id}}\n三行目\n`,
      'buyer/subject.ja.hbs': `---\ndescription: x\naudience: buyer\nanswers:\n  kinds: [buyer_message]\nsubject: "Re: {{message.subject}"\n---\n本文\n`,
    });
    const problems = loadTemplates(dir).problems;
    expect(problems.find((p) => p.file.endsWith('long.ja.hbs'))).toMatchObject({ line: 13, message: expect.stringMatching(/ends before a \{\{#…\}\} block is closed/) });
    expect(problems.find((p) => p.file.endsWith('subject.ja.hbs'))?.line).toBe(6);
  });

  it('checks the sample and needs against the data templates get', () => {
    const dir = templateFolder({
      'buyer/a.ja.hbs': `${FRONT.replace('---\n', '---\nneeds: [order.idd]\n')}x`,
      'buyer/b.ja.hbs': `${FRONT.slice(0, -4)}sample:\n  buyer:\n    nam: 山田\n---\nx`,
      'buyer/c.ja.hbs': `${FRONT.slice(0, -4)}sample:\n  language: en\n---\nx`,
      'buyer/d.ja.hbs': `${FRONT.slice(0, -4)}sample:\n  message: { intents: [refund] }\n---\nx`,
      'buyer/e.ja.hbs': `${FRONT.slice(0, -4)}sample:\n  case: { openedAt: yesterday }\n---\nx`,
    });
    const byFile = Object.fromEntries(loadTemplates(dir).problems.map((p) => [p.file.slice(dir.length + 1), p]));
    expect(byFile['buyer/a.ja.hbs']).toMatchObject({ line: 2, message: expect.stringContaining('needs: unknown field "order.idd"') });
    expect(byFile['buyer/b.ja.hbs']).toMatchObject({ line: 8, message: expect.stringContaining('unknown key "sample.buyer.nam"') });
    expect(byFile['buyer/c.ja.hbs']).toMatchObject({ line: 7, message: expect.stringContaining('set by the file name') });
    expect(byFile['buyer/d.ja.hbs']).toMatchObject({ line: 7, message: expect.stringContaining('unknown intent "refund"') });
    expect(byFile['buyer/e.ja.hbs']).toMatchObject({ line: 7, message: expect.stringContaining('sample.case.openedAt is not a time') });
  });

  it('requires the front matter, closed, with description, audience and answers', () => {
    const dir = templateFolder({
      'buyer/none.ja.hbs': 'こんにちは\n',
      'buyer/open.ja.hbs': '---\ndescription: x\n',
      'buyer/short.ja.hbs': '---\ndescription: x\naudience: buyer\n---\nx',
      'buyer/kinds.ja.hbs': '---\ndescription: x\naudience: buyer\nanswers:\n  kinds: []\n---\nx',
    });
    const messages = Object.fromEntries(loadTemplates(dir).problems.map((p) => [p.file.slice(dir.length + 1), p.message]));
    expect(messages['buyer/none.ja.hbs']).toMatch(/has no front matter/);
    expect(messages['buyer/open.ja.hbs']).toMatch(/no closing --- line/);
    expect(messages['buyer/short.ja.hbs']).toMatch(/missing key "answers"/);
    expect(messages['buyer/kinds.ja.hbs']).toMatch(/answers\.kinds is empty/);
  });

  it('checks how helpers are called', () => {
    const dir = templateFolder({
      'buyer/arity.ja.hbs': `${FRONT}一行目\n{{date}}\n`,
      'buyer/block.ja.hbs': `${FRONT}{{#eq order.fulfilment "fba"}}x{{/eq}}\n`,
      'buyer/sub.ja.hbs': `${FRONT}{{#if (includes message.intents "defect")}}x{{/if}}\n`,
      'buyer/each.ja.hbs': `${FRONT}{{#each message.intents}}{{this}} {{@index}}{{/each}}{{@root.order.id}}{{lookup order "id"}}\n`,
    });
    const problems = loadTemplates(dir).problems;
    const of = (name: string) => problems.find((p) => p.file.endsWith(name));
    expect(of('arity.ja.hbs')).toMatchObject({ line: 8, message: expect.stringContaining('"date" takes 1 value, not 0') });
    expect(of('block.ja.hbs')?.message).toContain('"eq" is not a block helper; use it inside one: {{#if (eq …)}}');
    expect(of('sub.ja.hbs')?.message).toContain('unknown helper "includes"');
    // Names inside an each block are relative to the list item: not checked, and not a problem.
    expect(of('each.ja.hbs')).toBeUndefined();
  });

  it('reads the language and name from the file name, and ignores what is not a template', () => {
    const dir = templateFolder({
      'buyer/ok.ja.hbs': `${FRONT}x`,
      'buyer/fr.fr.hbs': `${FRONT}x`,
      'buyer/v.2.ja.hbs': `${FRONT}x`,
      'buyer/with space.ja.hbs': `${FRONT}x`,
      'partials/deep/sig.ja.hbs': 'x',
      'README.md': '# notes',
      'buyer/.ok.ja.hbs.swp': 'binary',
      '.git/x.ja.hbs': 'x',
    });
    const loaded = loadTemplates(dir);
    expect(loaded.list().map((t) => t.name)).toEqual(['buyer/ok']);
    const messages = Object.fromEntries(loaded.problems.map((p) => [p.file.slice(dir.length + 1), p.message]));
    expect(Object.keys(messages).sort()).toEqual(['buyer/fr.fr.hbs', 'buyer/v.2.ja.hbs', 'buyer/with space.ja.hbs', 'partials/deep/sig.ja.hbs']);
    expect(messages['buyer/fr.fr.hbs']).toMatch(/unknown language "fr"/);
    expect(messages['buyer/v.2.ja.hbs']).toMatch(/no other dots/);
    expect(messages['buyer/with space.ja.hbs']).toMatch(/only letters, digits/);
    expect(messages['partials/deep/sig.ja.hbs']).toMatch(/partials\/NAME\.LANG\.hbs/);
  });

  it('drops only the templates that include a broken partial, and says where they include it', () => {
    const dir = templateFolder({
      'partials/sig.ja.hbs': '{{#if x}}\n',
      'partials/sig.en.hbs': 'Best,\n',
      'buyer/uses.ja.hbs': `${FRONT}本文\n\n{{> sig}}\n`,
      'buyer/uses.en.hbs': `${FRONT}Body\n\n{{> sig}}\n`,
      'buyer/plain.ja.hbs': `${FRONT}本文\n`,
    });
    const loaded = loadTemplates(dir);
    expect(loaded.list().map((t) => `${t.name}.${t.language}`)).toEqual(['buyer/plain.ja', 'buyer/uses.en']);
    expect(loaded.problems.map((p) => [p.file.slice(dir.length + 1), p.line])).toEqual([
      ['partials/sig.ja.hbs', 1],
      ['buyer/uses.ja.hbs', 9],
    ]);
  });
});
