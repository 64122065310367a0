// Reloading while kotae runs: an edit takes effect without a restart, and an edit that breaks a file
// keeps the last good version of that file in use while the problem is reported.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleData, watchTemplates, type TemplateProblem, type Templates } from '../../src/respond/templates/index.ts';

const starter = join(import.meta.dirname, '..', '..', 'templates');

let dir: string;
let stop: () => void = () => {};
let reloads: Templates[];
let problems: TemplateProblem[][];
let notify: () => void = () => {};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-templates-watch-'));
  cpSync(starter, dir, { recursive: true });
  reloads = [];
  problems = [];
  stop = watchTemplates(
    dir,
    (t) => {
      reloads.push(t);
      notify();
    },
    (p) => {
      problems.push(p);
      notify();
    },
  );
});

afterEach(() => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until `count` reloads have been reported. */
async function reloaded(count: number): Promise<Templates> {
  const deadline = Date.now() + 5_000;
  while (reloads.length < count) {
    if (Date.now() > deadline) throw new Error(`no reload after 5 s (have ${reloads.length}, want ${count})`);
    await new Promise<void>((resolve) => {
      notify = resolve;
      setTimeout(resolve, 100);
    });
  }
  return reloads[count - 1]!;
}

const general = (): string => join(dir, 'buyer', 'general.ja.hbs');
const render = (t: Templates): string => t.render('buyer/general', 'ja', sampleData('ja')).text;

describe('watchTemplates', () => {
  it('reloads an edited template once, after the edits settle', async () => {
    const original = readFileSync(general(), 'utf8');
    writeFileSync(general(), original.replace('【要記入: お問い合わせへの回答】', '【要記入: 書き換えた回答】'));
    writeFileSync(general(), original.replace('【要記入: お問い合わせへの回答】', '【要記入: 最後の回答】'));
    const templates = await reloaded(1);
    expect(render(templates)).toContain('【要記入: 最後の回答】');
    expect(templates.problems).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reloads).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('picks up a new template', async () => {
    writeFileSync(join(dir, 'buyer', 'thanks.en.hbs'), '---\ndescription: x\naudience: buyer\nanswers:\n  kinds: [buyer_message]\n---\nHi {{honorific buyer.name}},\n');
    const templates = await reloaded(1);
    expect(templates.get('buyer/thanks', 'en')?.description).toBe('x');
    expect(templates.render('buyer/thanks', 'en', sampleData('en')).text).toBe('Hi Josh,');
  });

  it('keeps serving the last good version of a file saved broken, and reports it', async () => {
    const original = readFileSync(general(), 'utf8');
    writeFileSync(general(), original.replace('【要記入: お問い合わせへの回答】', '【要記入: 良い版】'));
    expect(render(await reloaded(1))).toContain('【要記入: 良い版】');

    const brokenLine = original.split('\n').indexOf('{{> greeting}}') + 1;
    writeFileSync(general(), original.replace('{{> greeting}}', '{{> greeting}'));
    const templates = await reloaded(2);
    expect(render(templates)).toContain('【要記入: 良い版】');
    expect(templates.problems).toEqual([
      { file: general(), line: brokenLine, message: expect.stringMatching(/not written correctly.*the last good version stays in use/) },
    ]);
    expect(problems.at(-1)).toEqual(templates.problems);
    // The other templates are untouched.
    expect(templates.list()).toHaveLength(38);

    writeFileSync(general(), original);
    const fixed = await reloaded(3);
    expect(fixed.problems).toEqual([]);
    expect(render(fixed)).toContain('【要記入: お問い合わせへの回答】');
  });

  it('stops watching when asked', async () => {
    stop();
    writeFileSync(general(), 'changed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reloads).toEqual([]);
  });
});
