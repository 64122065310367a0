// Amounts as a letter writes them: 3,240円 in Japanese, $214.80 / ¥3,240 in English. Pure.
import type { Language } from '../understand/kinds.ts';

export function formatMoney(amount: number, currency: string, language: Language): string {
  if (language === 'ja' && currency === 'JPY') return `${amount.toLocaleString('ja-JP')}円`;
  try {
    return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency }).format(amount);
  } catch {
    // A code Intl does not know: the number and the code, as the mail said them.
    return `${amount.toLocaleString(language === 'ja' ? 'ja-JP' : 'en-US')} ${currency}`;
  }
}

/** The sum of amounts in one currency, or null when there are none or they are in several. */
export function totalOf(items: readonly { amount: number; currency: string }[], language: Language): string | null {
  const currencies = new Set(items.map((m) => m.currency));
  if (items.length === 0 || currencies.size !== 1) return null;
  const sum = Math.round(items.reduce((s, m) => s + m.amount, 0) * 100) / 100;
  return formatMoney(sum, items[0]!.currency, language);
}
