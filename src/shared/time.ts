// Times as the seller reads them: in the configured time zone, with how long until (or since).
import type { Language } from '../understand/kinds.ts';
import { HOUR } from './clock.ts';

export function formatLocal(iso: string | Date, timeZone: string, withZone = true): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${withZone ? ` ${zoneLabel(timeZone, parts.timeZoneName ?? '')}` : ''}`;
}

/**
 * A time in mail to the seller: "11月21日（土）07:42" for a Japanese seller (the zone named only when
 * it is not Japan's), "2026-11-21 07:42 JST" for an English one.
 */
export function sellerTime(iso: string | Date, timeZone: string, language: Language): string {
  if (language !== 'ja') return formatLocal(iso, timeZone);
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('ja-JP', { timeZone, month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const zone = timeZone === 'Asia/Tokyo' ? '' : `（${parts.timeZoneName ?? timeZone}）`;
  return `${parts.month}月${parts.day}日（${parts.weekday}）${parts.hour}:${parts.minute}${zone}`;
}

function zoneLabel(timeZone: string, short: string): string {
  return timeZone === 'Asia/Tokyo' ? 'JST' : short;
}

/**
 * How far off a time is, in the seller's language: "in 13 h" / "あと13時間" before it; after it
 * "2 h ago" / "2時間前" for something that happened, "2 h overdue" / "2時間超過" for a deadline.
 */
export function relative(iso: string | Date, now: Date, language: Language = 'en', past: 'ago' | 'overdue' = 'ago'): string {
  const ms = new Date(iso).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const [n, unit] = abs >= 48 * HOUR ? [Math.round(abs / (24 * HOUR)), 'd'] : abs >= HOUR ? [Math.round(abs / HOUR), 'h'] : [Math.max(1, Math.round(abs / 60_000)), 'min'];
  if (language === 'ja') {
    const amount = `${n}${{ d: '日', h: '時間', min: '分' }[unit]}`;
    return ms >= 0 ? `あと${amount}` : past === 'overdue' ? `${amount}超過` : `${amount}前`;
  }
  const amount = `${n} ${unit}`;
  return ms >= 0 ? `in ${amount}` : past === 'overdue' ? `${amount} overdue` : `${amount} ago`;
}

/** Columns of a terminal table: CJK characters take two cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

export function pad(text: string, width: number): string {
  let out = text;
  while (displayWidth(out) > width) out = out.slice(0, -1);
  if (out !== text && width > 1) out = `${out.slice(0, -1)}…`;
  return out + ' '.repeat(Math.max(0, width - displayWidth(out)));
}
