// Placeholders are the parts of a draft the approver must write before it can be sent. kotae refuses to
// send a draft that still contains one, so anything unknown becomes a placeholder rather than a guess.
import type { Language } from '../../understand/kinds.ts';

/**
 * Matches 【要記入: …】 (also with a full-width colon or no text) and [FILL IN: …] (any case). Not global,
 * so `PLACEHOLDER.test(text)` is safe to call repeatedly.
 */
export const PLACEHOLDER = /【要記入(?:[:：][^】]*)?】|\[FILL IN(?::[^\]]*)?\]/i;

const EVERY_PLACEHOLDER = new RegExp(PLACEHOLDER.source, 'gi');

/** Each distinct placeholder of a text, in order. */
export function findPlaceholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(EVERY_PLACEHOLDER), (m) => m[0]))];
}

export function placeholder(language: Language, what: { ja: string; en: string }): string {
  return language === 'ja' ? `【要記入: ${what.ja}】` : `[FILL IN: ${what.en}]`;
}
