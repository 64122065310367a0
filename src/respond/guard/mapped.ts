// Text with an index map back to its source. Every detector runs on a rewritten copy of the body
// (NFKC, spelled-out "@", kanji digits…), yet each violation must quote the body exactly as written:
// each code unit of the rewritten text remembers the source span [start, end) it came from.

export interface Mapped {
  readonly text: string;
  /** The original string every index points into. */
  readonly source: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function identity(source: string): Mapped {
  // One entry per UTF-16 code unit (not per code point), like string indices.
  const starts = Array.from({ length: source.length }, (_, i) => i);
  return { text: source, source, starts, ends: starts.map((i) => i + 1) };
}

/**
 * Replaces every match of a global pattern; the replacement's code units all map to the whole matched
 * source span, and a match replaced by '' disappears. A replacement equal to the match keeps the map.
 */
export function rewrite(m: Mapped, pattern: RegExp, replace: (match: RegExpExecArray) => string): Mapped {
  if (!pattern.global) throw new Error('rewrite needs a global pattern');
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let last = 0;
  const keep = (from: number, to: number): void => {
    text += m.text.slice(from, to);
    for (let i = from; i < to; i++) {
      starts.push(m.starts[i]!);
      ends.push(m.ends[i]!);
    }
  };
  for (const match of m.text.matchAll(pattern)) {
    const from = match.index;
    const to = from + match[0].length;
    if (to === from) continue;
    keep(last, from);
    const out = replace(match as RegExpExecArray);
    if (out === match[0]) {
      keep(from, to);
    } else {
      text += out;
      for (let i = 0; i < out.length; i++) {
        starts.push(m.starts[from]!);
        ends.push(m.ends[to - 1]!);
      }
    }
    last = to;
  }
  keep(last, m.text.length);
  return { text, source: m.source, starts, ends };
}

/** The source span behind text[from, to). */
export function sourceSpan(m: Mapped, from: number, to: number): Span {
  return { start: m.starts[from]!, end: m.ends[to - 1]! };
}
