// The rules file: the shipped one loads, and every kind of mistake a seller can make while editing it
// stops kotae with a ConfigError that names the file and the line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules, parseGuardRules } from '../../src/respond/guard/index.ts';
import { ConfigError } from '../../src/shared/errors.ts';

const path = join(import.meta.dirname, '..', '..', 'rules', 'guard.yaml');
const shipped = readFileSync(path, 'utf8');
const FILE = 'rules/guard.yaml';

/** The shipped file with one exact passage replaced (the passage must exist). */
function edited(from: string, to: string): string {
  expect(shipped).toContain(from);
  return shipped.replace(from, to);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function configError(text: string): ConfigError {
  try {
    parseGuardRules(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** The shipped file with its allowed link prefixes replaced. */
function withPrefixes(prefixes: string[]): string {
  const shipped = readFileSync(path, 'utf8');
  const block = /  allowedPrefixes:\n(?:    - .*\n)+/.exec(shipped)![0];
  return shipped.replace(block, `  allowedPrefixes:\n${prefixes.map((p) => `    - ${p}\n`).join('')}`);
}

describe('rules file', () => {
  it("loads the shipped file with only Amazon's own help, order, return and review pages allowed", () => {
    const rules = loadGuardRules(path);
    expect(rules.link.allowedPrefixes).toContain('https://www.amazon.co.jp/gp/help/');
    expect(rules.link.allowedPrefixes).toContain('https://www.amazon.co.uk/gp/css/order-history');
    expect(rules.link.allowedPrefixes.filter((p) => /\/dp\/|\/stores\/|\/shops\//.test(p))).toEqual([]);
    const check = (text: string) => checkBuyerMessage({ text }, rules).violations.map((v) => v.excerpt);
    expect(check('返品方法：https://www.amazon.co.jp/gp/help/customer/display.html?nodeId=201819090')).toEqual([]);
    expect(check('Your Orders (amazon.com/your-orders)')).toEqual([]);
    expect(check('https://www.amazon.co.jp/dp/B0ABCD1234')).toEqual(['https://www.amazon.co.jp/dp/B0ABCD1234']);
    expect(check('https://www.amazon.co.jp.example.net/gp/help/')).toEqual(['https://www.amazon.co.jp.example.net/gp/help/']);
    expect(rules.attachments.maxBytes).toBe(10_000_000);
    expect(rules.phrases['review-request'].length).toBeGreaterThan(0);
  });

  it('names the line of an unknown key', () => {
    const text = edited('lineBreaks:\n  ', 'lineBreaks:\n  maxInRow: 3\n  ');
    const err = configError(text);
    expect(err.where).toBe(`${FILE}:${lineOf(text, 'maxInRow')}`);
    expect(err.message).toContain('unknown key "lineBreaks.maxInRow"');
    expect(err.hint).toContain('maxInARow');
  });

  it('names the line of an invalid regular expression', () => {
    const text = edited("    - '\\byou\\s+(?:might", "    - '(?:unclosed'\n    - '\\byou\\s+(?:might");
    const err = configError(text);
    expect(err.where).toBe(`${FILE}:${lineOf(text, "'(?:unclosed'")}`);
    expect(err.message).toMatch(/phrases\.marketing\[\d+\] is not a valid regular expression/);
  });

  it('refuses a pattern that matches empty text, which would block every message', () => {
    const text = edited("    - '追跡番号'", "    - '(?:追跡番号)?'");
    const err = configError(text);
    expect(err.where).toBe(`${FILE}:${lineOf(text, '(?:追跡番号)?')}`);
    expect(err.message).toContain('matches empty text');
  });

  it('names the line of a value of the wrong type or range', () => {
    const text = edited('  ja: 1500', '  ja: "long"');
    expect(configError(text).where).toBe(`${FILE}:${lineOf(text, 'ja: "long"')}`);
    const share = edited('    minJapaneseShare: 0.3', '    minJapaneseShare: 30');
    const err = configError(share);
    expect(err.where).toBe(`${FILE}:${lineOf(share, 'minJapaneseShare: 30')}`);
    expect(err.message).toContain('language.ja.minJapaneseShare must be a number from 0 to 1');
  });

  it('names the line of a list that is not a list, and of a non-string item', () => {
    const scalar = edited('  allowedTags: [p, br, b, strong, i, em, ul, ol, li]', '  allowedTags: p br');
    expect(configError(scalar).where).toBe(`${FILE}:${lineOf(scalar, 'allowedTags: p br')}`);
    expect(configError(scalar).message).toContain('html.allowedTags must be a list');
    const item = edited('allowedNames: [amazon.co.jp, amazon.com,', 'allowedNames: [amazon.co.jp, 42,');
    const err = configError(item);
    expect(err.where).toBe(`${FILE}:${lineOf(item, 'allowedNames: [amazon.co.jp, 42,')}`);
    expect(err.message).toContain('link.allowedNames[1] must be a non-empty string');
  });

  it('checks the shape of allowed prefixes, tags and MIME types', () => {
    const prefix = withPrefixes(['www.amazon.co.jp']);
    expect(configError(prefix).message).toContain('must be a full URL prefix');
    const mime = edited('image/gif, text/plain]', 'image/gif, plain]');
    expect(configError(mime).where).toBe(`${FILE}:${lineOf(mime, 'plain]')}`);
  });

  it('names the map that lacks a required key', () => {
    const text = edited('  maxBytes: 10000000\n', '');
    const err = configError(text);
    expect(err.where).toBe(`${FILE}:${lineOf(text, 'allowedTypes:')}`);
    expect(err.message).toContain('missing key "maxBytes" in attachments');
  });

  it('names the line of broken YAML and of a duplicate key', () => {
    const broken = edited('  maxInARow: 2', '  maxInARow: [2');
    expect(configError(broken).message).toContain('not valid YAML');
    const duplicate = edited('  en: 3000', '  en: 3000\n  en: 4000');
    expect(configError(duplicate).where).toBe(`${FILE}:${lineOf(duplicate, 'en: 4000')}`);
  });

  it('refuses a file that is not a mapping at all', () => {
    expect(configError('- just\n- a list\n').message).toContain('must be a mapping');
    expect(configError('').where).toBe(`${FILE}:1`);
  });

  it('reports an unreadable file as a ConfigError with a hint', () => {
    expect(() => loadGuardRules('/nonexistent/guard.yaml')).toThrow(ConfigError);
  });

  it('lets the seller opt in to a link, only up to a path boundary', () => {
    const rules = parseGuardRules(withPrefixes(['https://www.amazon.co.jp/gp/css/order-history']), FILE);
    const check = (text: string) => checkBuyerMessage({ text }, rules).violations.map((v) => v.excerpt);
    expect(check('注文履歴：https://www.amazon.co.jp/gp/css/order-history?ref=nav から')).toEqual([]);
    expect(check('注文履歴：www.amazon.co.jp/gp/css/order-history から')).toEqual([]);
    expect(check('https://www.amazon.co.jp/gp/css/order-history.example.net/ から')).toEqual([
      'https://www.amazon.co.jp/gp/css/order-history.example.net/',
    ]);
    expect(check('https://www.amazon.co.jp/dp/B0ABCD1234 から')).toEqual(['https://www.amazon.co.jp/dp/B0ABCD1234']);
  });

  it('lets the seller block kaomoji with an extra emoji pattern', () => {
    const text = 'ありがとうございました(^^)';
    expect(checkBuyerMessage({ text }, parseGuardRules(shipped, FILE)).ok).toBe(true);
    const strict = parseGuardRules(edited('  extraPatterns: []', "  extraPatterns: ['\\(\\^\\^\\)']"), FILE);
    expect(checkBuyerMessage({ text }, strict).violations).toEqual([
      { rule: 'emoji', excerpt: '(^^)', message: 'Emoji and pictographs are not allowed.' },
    ]);
  });
});
