// The seller's own patterns from the rules file (phrase rules, extra emoji patterns), on the base view.
import { sourceSpan, type Mapped, type Span } from './mapped.ts';

export function findPatterns(view: Mapped, patterns: readonly RegExp[]): Span[] {
  return patterns.flatMap((pattern) =>
    [...view.text.matchAll(pattern)]
      .filter((m) => m[0].length > 0)
      .map((m) => sourceSpan(view, m.index, m.index + m[0].length)),
  );
}
