// Words with their base forms, for the guard's rules on meaning. Japanese is read by Lindera with
// IPADIC (WebAssembly; the dictionary ships inside its npm package, so nothing is downloaded or
// compiled), in a thread of its own started on the first Japanese text (japanese-reader.ts); English by a small lemmatiser
// (plurals, past, -ing) that is enough for the guard's word lists. README: why Lindera over kuromoji.
import { JapaneseReader } from './japanese-reader.ts';

export interface Word {
  /** Offsets in the text that was read. */
  start: number;
  end: number;
  /** The base form (終止形 for Japanese verbs and adjectives; a stem in English), lowercased. */
  base: string;
}

/** Loaded on first use, in a thread released when unused: processes that check no Japanese text never pay its memory. */
export const japaneseReader = new JapaneseReader();

/**
 * Japanese words are read as Japanese even in a reply to an English-writing buyer, and the reverse. A few
 * Japanese words in an English reply (a product's name, 玄米, 一千円) leave it English: it is read as
 * Japanese once its Japanese characters are a fifth of its letters.
 */
export function readingLanguage(text: string, fallback: 'ja' | 'en'): 'ja' | 'en' {
  const japanese = text.match(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu)?.length ?? 0;
  if (japanese === 0) return fallback;
  if (fallback === 'ja') return 'ja';
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return japanese * 4 >= latin ? 'ja' : 'en';
}

/** A text's words in the language it is read in. */
export function readWords(text: string, language: 'ja' | 'en'): Word[] {
  return language === 'ja' ? japaneseWords(text) : englishWords(text);
}

export function japaneseWords(text: string): Word[] {
  const words: Word[] = [];
  let cursor = 0;
  for (const token of japaneseReader.tokenize(text)) {
    const start = text.indexOf(token.surface, cursor);
    if (start < 0 || token.surface.trim() === '') continue;
    cursor = start + token.surface.length;
    const base = token.baseForm && token.baseForm !== '*' ? token.baseForm : token.surface;
    words.push({ start, end: cursor, base: base.toLowerCase() });
  }
  return words;
}

const IRREGULAR: Record<string, string> = {
  gave: 'give', given: 'give', sent: 'send', left: 'leave', wrote: 'write', written: 'write', got: 'get', gotten: 'get',
  took: 'take', taken: 'take', bought: 'buy', paid: 'pay', told: 'tell', found: 'find', rang: 'ring', rung: 'ring',
};

/**
 * A crude stem, applied alike to the text and to the word lists, so that "reviews", "reviewed" and
 * "reviewing" all meet "review", and "leaving", "left" and "leave" meet each other.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/[’‘]/g, "'");
  w = IRREGULAR[w] ?? w;
  // A name's possessive is the name ("Walmart's marketplace"); "there's" and "here's" stay what they are.
  if (/^[a-z]{5,}'s$/.test(w) && !/^(?:there|where)'s$/.test(w)) w = w.slice(0, -2);
  if (w.length <= 3) return w;
  return w
    .replace(/ie[sd]$/, 'y')
    // "being" and "bing" must not both become "b": a suffix goes only when three letters stay.
    .replace(/(?<=[a-z']{3})(?:ing|ed)$/, '')
    .replace(/(?:(?<=s)es|(?<=(?:ch|sh|x))es|(?<!s)s)$/, '')
    .replace(/e$/, '')
    .replace(/([b-df-hj-np-tv-z])\1$/, (m, c: string) => (/[lsfz]/.test(c) ? m : c));
}

export function englishWords(text: string): Word[] {
  return [...text.matchAll(/[A-Za-z0-9]+(?:['’][A-Za-z]+)?/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, base: stem(m[0]) }));
}
