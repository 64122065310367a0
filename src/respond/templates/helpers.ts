// The helpers templates may call. Each reads the rendering's language and time zone from the data, so
// the same template line works for every account. Documented in docs/templates.md.
import type { Language } from '../../understand/kinds.ts';
import { placeholder } from './placeholders.ts';

/** A helper called with a value it cannot use; the renderer adds the file and turns it into a TemplateError. */
export class HelperFailure extends Error {
  /** Line in the compiled text (before the front-matter offset is added). */
  readonly line: number | null;
  readonly hint: string;
  constructor(message: string, line: number | null, hint: string) {
    super(message);
    this.line = line;
    this.hint = hint;
  }
}

interface Call {
  language: Language;
  timezone: string;
  line: number | null;
}

interface Helper {
  /** How many values the helper takes (checked when a template loads). */
  readonly min: number;
  readonly max: number;
  readonly run: (args: unknown[], call: Call) => unknown;
}

/** What Handlebars passes as the last argument of a helper (only the parts used here). */
interface CallOptions {
  loc?: { start: { line: number } };
  data?: { root?: { language?: unknown; timezone?: unknown } };
}

const MANY = Number.POSITIVE_INFINITY;

export const HELPERS: Readonly<Record<string, Helper>> = {
  date: { min: 1, max: 1, run: ([value], call) => formatTime(value, call, false) },
  datetime: { min: 1, max: 1, run: ([value], call) => formatTime(value, call, true) },
  honorific: { min: 1, max: 1, run: ([name], call) => honorific(name, call.language) },
  caseRef: {
    min: 1,
    max: 1,
    run: ([id], { language }) =>
      `${language === 'ja' ? 'ケースID' : 'Case ID'}: ${present(id) ? String(id) : placeholder(language, { ja: 'ケースID', en: 'case ID' })}`,
  },
  orderRef: {
    min: 1,
    max: 1,
    run: ([id], { language }) =>
      `${language === 'ja' ? '注文番号' : 'Order ID'}: ${present(id) ? String(id) : placeholder(language, { ja: '注文番号', en: 'order ID' })}`,
  },
  eq: { min: 2, max: 2, run: ([a, b]) => a === b },
  // `{{#if (has message.intents "defect")}}`: a list holds the value.
  has: { min: 2, max: 2, run: ([list, value]) => Array.isArray(list) && list.includes(value) },
  // or/and return a value, like JavaScript, so `{{or buyer.name "お客様"}}` also works.
  or: { min: 2, max: MANY, run: (args) => args.find(truthy) ?? args.at(-1) },
  and: {
    min: 2,
    max: MANY,
    run: (args) => {
      const first = args.findIndex((a) => !truthy(a));
      return first < 0 ? args.at(-1) : args[first];
    },
  },
  not: { min: 1, max: 1, run: ([value]) => !truthy(value) },
};

/** Registers the helpers on a Handlebars environment. */
export function registerHelpers(hbs: { registerHelper(name: string, fn: (...args: unknown[]) => unknown): void }): void {
  for (const [name, helper] of Object.entries(HELPERS)) {
    hbs.registerHelper(name, (...args: unknown[]) => {
      const options = args.pop() as CallOptions;
      const root = options.data?.root;
      return helper.run(args, {
        language: root?.language === 'en' ? 'en' : 'ja',
        timezone: typeof root?.timezone === 'string' ? root.timezone : 'UTC',
        line: options.loc?.start.line ?? null,
      });
    });
  }
}

/** Truth as `{{#if}}` sees it: null, false, "", 0 and [] are false. */
function truthy(value: unknown): boolean {
  return !(value == null || value === false || value === '' || value === 0 || (Array.isArray(value) && value.length === 0));
}

function present(value: unknown): boolean {
  return value != null && String(value).trim() !== '';
}

function honorific(name: unknown, language: Language): string {
  const given = present(name) ? String(name).trim() : '';
  if (language === 'en') return given === '' ? 'there' : given;
  if (given === '') return 'お客様';
  // The relay sometimes already carries the honorific; never write 山田様様.
  return /(?:様|さま|さん|殿)$/.test(given) ? given : `${given}様`;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function formatTime(value: unknown, call: Call, withTime: boolean): string {
  if (!present(value)) return placeholder(call.language, withTime ? { ja: '日時', en: 'date and time' } : { ja: '日付', en: 'date' });
  // A bare date is a calendar day, not midnight UTC: it must not move to the day before in New York.
  const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
  const at = value instanceof Date ? value : new Date(dateOnly ? `${String(value)}T00:00:00Z` : String(value));
  if (Number.isNaN(at.getTime())) {
    throw new HelperFailure(`${withTime ? 'datetime' : 'date'}: "${String(value)}" is not a date`, call.line,
      'give an ISO 8601 time such as 2026-11-24T10:15:00+09:00 or a date such as 2026-11-24');
  }
  const timeZone = dateOnly ? 'UTC' : call.timezone;
  const showTime = withTime && !dateOnly;
  try {
    return call.language === 'ja' ? japanese(at, timeZone, showTime) : english(at, timeZone, showTime);
  } catch (err) {
    throw new HelperFailure(`cannot format the date in time zone "${timeZone}": ${(err as Error).message}`, call.line,
      'set timezone in the config to an IANA name such as Asia/Tokyo or America/New_York');
  }
}

function japanese(at: Date, timeZone: string, withTime: boolean): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('ja-JP', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short',
      ...(withTime ? { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' } : {}),
    }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}年${parts.month}月${parts.day}日（${parts.weekday}）`;
  return withTime ? `${day}${parts.hour}:${parts.minute}` : day;
}

function english(at: Date, timeZone: string, withTime: boolean): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }
    : { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' };
  // ICU puts a narrow no-break space before AM/PM; plain text mail wants an ordinary space.
  return new Intl.DateTimeFormat('en-US', options).format(at).replace(/[\u202f\u2009\u00a0]/g, ' ');
}
