// The guard against the fixture corpus: each test/fixtures/guard/*.txt is a realistic reply body and
// verdicts.json says exactly which rules it breaks (and, where given, the excerpts to quote).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules } from '../../src/respond/guard/index.ts';

interface Expected {
  file: string;
  lang: 'ja' | 'en' | null;
  ok: boolean;
  rules: string[];
  excerpts?: string[];
}

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'guard');
const rules = loadGuardRules(join(root, 'rules', 'guard.yaml'));
const verdicts = JSON.parse(readFileSync(join(fixtures, 'verdicts.json'), 'utf8')) as Expected[];

describe('guard fixture corpus', () => {
  it('covers every fixture file exactly once, with enough cases on both sides', () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.txt')).sort();
    expect(verdicts.map((v) => v.file).sort()).toEqual(files);
    expect(verdicts.filter((v) => !v.ok).length).toBeGreaterThanOrEqual(55);
    expect(verdicts.filter((v) => v.ok).length).toBeGreaterThanOrEqual(35);
  });

  it.each(verdicts)('$file', (expected) => {
    const text = readFileSync(join(fixtures, expected.file), 'utf8');
    const verdict = checkBuyerMessage({ text, language: expected.lang }, rules);
    const found = [...new Set(verdict.violations.map((v) => v.rule))].sort();
    expect({ ok: verdict.ok, rules: found }).toEqual({ ok: expected.ok, rules: [...expected.rules].sort() });
    const excerpts = verdict.violations.map((v) => v.excerpt);
    for (const excerpt of expected.excerpts ?? []) expect(excerpts).toContain(excerpt);
    for (const v of verdict.violations) {
      expect(v.excerpt === '' || text.includes(v.excerpt) || v.rule === 'language').toBe(true);
      expect(v.message).toMatch(/^[A-Z].*\.$/);
    }
  });
});
