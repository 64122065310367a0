// The answer window an account-health notice gives, read from its words: "72時間以内", "7日以内",
// "within 72 hours", "within 7 days". A notice that names none starts no clock. Pure.
import { DAY, HOUR } from '../shared/clock.ts';

const WINDOWS: readonly { re: RegExp; unit: number }[] = [
  { re: /([0-9０-９]{1,3})\s*時間以内/u, unit: HOUR },
  { re: /([0-9０-９]{1,3})\s*(?:営業)?日以内/u, unit: DAY },
  { re: /within\s+(?:the\s+next\s+)?(\d{1,3})\s+hours?/i, unit: HOUR },
  { re: /within\s+(?:the\s+next\s+)?(\d{1,3})\s+(?:business\s+|calendar\s+)?days?/i, unit: DAY },
];

/** Milliseconds from the notice to its deadline, or null when the notice names no window. */
export function noticeWindow(text: string): number | null {
  for (const { re, unit } of WINDOWS) {
    const m = re.exec(text);
    if (!m) continue;
    const n = Number(m[1]!.normalize('NFKC'));
    if (n > 0) return n * unit;
  }
  return null;
}
