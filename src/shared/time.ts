// Times as the seller reads them: in the configured time zone, with how long until (or since).
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

function zoneLabel(timeZone: string, short: string): string {
  return timeZone === 'Asia/Tokyo' ? 'JST' : short;
}

/** "in 3 h", "2 h ago", "in 40 min" for a deadline. */
export function relative(iso: string, now: Date): string {
  const ms = new Date(iso).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const text = abs >= 48 * HOUR ? `${Math.round(abs / (24 * HOUR))} d` : abs >= HOUR ? `${Math.round(abs / HOUR)} h` : `${Math.max(1, Math.round(abs / 60_000))} min`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
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
