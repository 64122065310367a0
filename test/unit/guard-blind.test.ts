// The policy guard on replies written blind to its rules (test/fixtures/blind/guard-r*, by writers who
// saw only the brief of Amazon's rules). The figures are floors: README records the first blind run,
// what the fixes made of it (r1) and the fresh set written after them (r2). A change that loses ground
// fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules } from '../../src/respond/guard/index.ts';

const rules = loadGuardRules(join(import.meta.dirname, '../../rules/guard.yaml'));
const blind = join(import.meta.dirname, '../fixtures/blind');

interface Entry {
  id: string;
  lang: 'ja' | 'en';
  violation: boolean;
  text: string;
}

function score(set: string, lang: 'ja' | 'en') {
  const dir = join(blind, set);
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry))
    .filter((e) => e.lang === lang);
  const blocked = (e: Entry) => !checkBuyerMessage({ text: e.text, language: e.lang }, rules).ok;
  const violations = entries.filter((e) => e.violation);
  const clean = entries.filter((e) => !e.violation);
  return { violations: violations.length, blocked: violations.filter(blocked).length, clean: clean.length, cleanBlocked: clean.filter(blocked).length };
}

describe('guard on blind corpora', () => {
  it('r1, Japanese: 175 of 200 violations blocked, no clean reply blocked', () => {
    const s = score('guard-r1', 'ja');
    expect(s.violations).toBe(200);
    expect(s.blocked).toBeGreaterThanOrEqual(176);
    expect(s.cleanBlocked).toBe(0);
  });
  it('r1, English: 91 of 100 violations blocked, at most 5 clean replies blocked (phone-shaped part numbers)', () => {
    const s = score('guard-r1', 'en');
    expect(s.violations).toBe(100);
    expect(s.blocked).toBeGreaterThanOrEqual(91);
    expect(s.cleanBlocked).toBeLessThanOrEqual(5);
  });
  it('r2 (read and fixed by category since), Japanese: every violation blocked, no clean reply blocked', () => {
    const s = score('guard-r2', 'ja');
    expect(s.violations).toBe(60);
    expect(s.blocked).toBe(60);
    expect(s.cleanBlocked).toBe(0);
  });
  it('r2 (read and fixed by category since), English: every violation blocked, no clean reply blocked', () => {
    const s = score('guard-r2', 'en');
    expect(s.violations).toBe(45);
    expect(s.blocked).toBe(45);
    expect(s.cleanBlocked).toBe(0);
  });
});
