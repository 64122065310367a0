// Which language a body is written in, by counting letters on the base view (NFKC, so full-width
// Latin counts as Latin). Japanese prose is full of hiragana; an English reply that names a Japanese
// product or address has kanji and katakana but almost no hiragana, and a Japanese reply that names a
// long English product still has its hiragana.
import type { Mapped } from './mapped.ts';

export interface LanguageRules {
  /** Bodies with fewer letters (kana, kanji, Latin) than this are too short to judge. */
  readonly minLetters: number;
  /** A Japanese buyer: either share suffices (kanji-heavy prose, or prose around English names). */
  readonly ja: { readonly minJapaneseShare: number; readonly minHiraganaShare: number };
  /** An English buyer: the largest share of hiragana among letters. */
  readonly en: { readonly maxHiraganaShare: number };
}

function shares(text: string): { letters: number; japanese: number; hiragana: number } {
  const hiragana = (text.match(/\p{Script=Hiragana}/gu) ?? []).length;
  const japanese = hiragana + (text.match(/[\p{Script=Katakana}\p{Script=Han}]/gu) ?? []).length;
  const letters = japanese + (text.match(/[a-z]/giu) ?? []).length;
  return { letters, japanese: japanese / letters, hiragana: hiragana / letters };
}

/** Whether the body reads as the given language; short bodies are given the benefit of the doubt. */
export function isInLanguage(base: Mapped, language: 'ja' | 'en', rules: LanguageRules): boolean {
  const s = shares(base.text);
  if (s.letters < rules.minLetters) return true;
  if (language === 'en') return s.hiragana <= rules.en.maxHiraganaShare;
  return s.japanese >= rules.ja.minJapaneseShare || s.hiragana >= rules.ja.minHiraganaShare;
}
