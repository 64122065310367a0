// Shape of the body: blank, too many line breaks in a row, too long.
import { sourceSpan, type Mapped, type Span } from './mapped.ts';

// Whitespace a blank line may hold, including the invisible characters the base view removes.
const BLANK = String.raw`[ \t\r\u3000\u00A0\u200B-\u200D\u2060\uFEFF]`;
const BLANK_ONLY = new RegExp(`^(?:${BLANK}|\\s)*$`, 'u');

export function isBlank(text: string): boolean {
  return BLANK_ONLY.test(text);
}

/**
 * Runs of more than `max` line breaks with only blanks between them, in the plain view (for the HTML
 * alternative, <br> and block ends count as breaks). Runs at the very start or end of the body separate
 * nothing and are ignored.
 */
export function findLineBreakRuns(view: Mapped, max: number): Span[] {
  const run = new RegExp(String.raw`\n(?:${BLANK}*\n){${max},}`, 'gu');
  const spans: Span[] = [];
  for (const m of view.text.matchAll(run)) {
    const before = view.text.slice(0, m.index);
    const after = view.text.slice(m.index + m[0].length);
    if (isBlank(before) || isBlank(after)) continue;
    spans.push(sourceSpan(view, m.index, m.index + m[0].length));
  }
  return spans;
}

/** The characters past the limit (the first 30 of them), or null when the text fits. */
export function findExcess(text: string, maxChars: number): Span | null {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return null;
  const start = chars.slice(0, maxChars).join('').length;
  const end = start + chars.slice(maxChars, maxChars + 30).join('').length;
  return { start, end };
}
