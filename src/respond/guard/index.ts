// The policy guard: every message kotae would send to a buyer passes here after rendering and after any
// human edit, and a message with any violation is never sent. See docs "Amazon's messaging rules" and
// rules/guard.yaml. Everything a buyer would read is checked: the text, the HTML alternative, the
// subject and the attachments.
import { checkAttachments } from './attachments.ts';
import { findEmails, findLinks } from './contact.ts';
import { findEmoji } from './emoji.ts';
import { findHtml } from './html.ts';
import { isInLanguage } from './language.ts';
import { findExcess, findLineBreakRuns, isBlank } from './layout.ts';
import { identity, sourceSpan, type Mapped, type Span } from './mapped.ts';
import { judge } from './judge.ts';
import { findMeaning, replyWords, sentenceAt, touchesRisk } from './meaning.ts';
import { baseView, contactView, htmlView, phoneView } from './normalise.ts';
import { findPatterns } from './patterns.ts';
import { findPhones } from './phone.ts';
import { PHRASE_RULES, RULE_MESSAGES, RULE_NAMES, type RuleName } from './rule-names.ts';
import type { GuardRules } from './rules.ts';
import { readingLanguage } from './words.ts';

export type { GuardRules } from './rules.ts';
export { loadGuardRules, parseGuardRules } from './rules.ts';
export { RULE_MESSAGES, RULE_MESSAGES_JA, type RuleName } from './rule-names.ts';

export interface GuardInput {
  /** The UTF-8 plain-text body going to the buyer. */
  text: string;
  /** An HTML alternative, when one would be sent. */
  html?: string | null;
  subject?: string | null;
  /** The buyer's language; when given, a body in the other language is a violation. */
  language?: 'ja' | 'en' | null;
  attachments?: { filename: string; contentType: string; size: number }[];
}

export interface Violation {
  rule: string;
  /** The offending text exactly as it appears in the body (or subject, HTML, attachment name). */
  excerpt: string;
  message: string;
  /** Why, for `--explain`: the meaning rule and the words that made it fire, or the detector that matched. */
  because?: string;
}

export interface GuardVerdict {
  ok: boolean;
  violations: Violation[];
}

interface Hit {
  readonly rule: RuleName;
  readonly span: Span;
  readonly because?: string;
}

export function checkBuyerMessage(input: GuardInput, rules: GuardRules): GuardVerdict {
  const found: { rule: RuleName; excerpt: string; because?: string }[] = [];
  const report = (source: string, hits: readonly Hit[]): void => {
    for (const { rule, span, because } of mergeOverlaps(hits)) found.push({ rule, excerpt: source.slice(span.start, span.end), ...(because ? { because } : {}) });
  };

  const text = identity(input.text);
  const base = baseView(text);
  if (isBlank(input.text)) found.push({ rule: 'empty', excerpt: input.text });
  // The length limit follows the buyer's language, or the body's own when the buyer's is not known.
  const language = input.language ?? (isInLanguage(base, 'ja', rules.language) ? 'ja' : 'en');
  const content = scanContent(text, base, rules, language);
  report(input.text, [
    ...content,
    ...(content.length === 0 ? judged(base, rules, readingLanguage(base.text, language)) : []),
    ...spans('html', findHtml(input.text, rules.html, false)),
    ...spans('line-breaks', findLineBreakRuns(text, rules.maxLineBreaksInARow)),
  ]);

  if (input.language != null && !isInLanguage(base, input.language, rules.language)) {
    found.push({ rule: 'language', excerpt: firstLine(input.text) });
  }
  const excess = findExcess(input.text, rules.maxLength[language]);
  if (excess !== null) report(input.text, [{ rule: 'length', span: excess }]);

  if (input.html != null && input.html.trim() !== '') {
    const view = htmlView(input.html);
    report(input.html, [
      ...scanContent(view, baseView(view), rules, language),
      ...spans('html', findHtml(input.html, rules.html, true)),
      ...spans('line-breaks', findLineBreakRuns(view, rules.maxLineBreaksInARow)),
    ]);
  }
  if (input.subject != null) {
    const subject = identity(input.subject);
    report(input.subject, scanContent(subject, baseView(subject), rules, language));
  }
  found.push(...checkAttachments(input.attachments ?? [], rules.attachments));

  const violations = dedupe(found)
    .sort((a, b) => RULE_NAMES.indexOf(a.rule) - RULE_NAMES.indexOf(b.rule))
    .map(({ rule, excerpt, because }) => ({ rule, excerpt, message: RULE_MESSAGES[rule], ...(because ? { because } : {}) }));
  return { ok: violations.length === 0, violations };
}

/** What the words say: contact details, links, the seller's phrase rules, what the sentences mean, emoji. */
function scanContent(plain: Mapped, base: Mapped, rules: GuardRules, language: 'ja' | 'en'): Hit[] {
  const contact = contactView(base);
  const emails = findEmails(contact);
  const links = findLinks(contact, rules.link, emails.taken);
  // A number inside an address or a URL is reported with the address, not a second time as a phone.
  const inside = [...emails.spans, ...links];
  const reading = readingLanguage(base.text, language);
  const phones = findPhones(phoneView(base), rules.phoneLabels, reading).filter(
    (p) => !inside.some((s) => s.start <= p.start && p.end <= s.end),
  );
  const exact: Hit[] = [
    ...spans('contact-phone', phones),
    ...spans('contact-email', emails.spans),
    ...spans('link', links),
    ...PHRASE_RULES.flatMap((rule) => spans(rule, findPatterns(base, rules.phrases[rule]))),
  ];
  // A sentence the detectors already quote exactly ("call me", an address) is not reported again whole.
  const meaning = findMeaning(base, reading, rules.meaning)
    .map((h) => ({ rule: h.rule, span: sourceSpan(base, h.span.start, h.span.end), because: `${h.id}: ${h.words.map((w) => `「${w}」`).join(' + ')}` }))
    .filter((m) => !exact.some((e) => e.rule === m.rule && e.span.start < m.span.end && m.span.start < e.span.end));
  return [...exact, ...meaning, ...spans('emoji', [...findEmoji(plain), ...findPatterns(base, rules.extraEmoji)])];
}

/**
 * The judge's verdict on the body (rules/guard-judge.json; not the subject or the HTML alternative), quoted
 * as the sentence around the word or phrase that weighed most. It speaks only when the content checks
 * found nothing (it is there for what they miss) and the reply touches a subject of Amazon's rules.
 */
function judged(base: Mapped, rules: GuardRules, reading: 'ja' | 'en'): Hit[] {
  if (!rules.judge) return [];
  // A reply about none of the rules' subjects is left alone: the judge, trained on long replies, would
  // otherwise read a short ordinary one by its shop words ("当店", "our store").
  if (!touchesRisk(base, reading, rules.meaning)) return [];
  const verdict = judge(rules.judge, replyWords(base, reading, rules.meaning));
  if (verdict.probability < rules.judge.threshold) return [];
  const span = sentenceAt(base, reading, rules.meaning, verdict.strongest[0]?.start ?? 0);
  const words = verdict.strongest.map((w) => `「${reading === 'ja' ? w.words.replaceAll(' ', '') : w.words}」`).join(' + ');
  return [{ rule: 'resembles-violation', span: sourceSpan(base, span.start, span.end), because: `judge ${verdict.probability.toFixed(2)}: ${words}` }];
}


function spans(rule: RuleName, list: readonly Span[]): Hit[] {
  return list.map((span) => ({ rule, span }));
}

/** Overlapping matches of one rule (two patterns on the same phrase) become one excerpt. */
function mergeOverlaps(hits: readonly Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => a.rule.localeCompare(b.rule) || a.span.start - b.span.start);
  const merged: Hit[] = [];
  for (const hit of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && last.rule === hit.rule && hit.span.start < last.span.end) {
      const because = [last.because, hit.because].filter(Boolean).join('; ') || undefined;
      merged[merged.length - 1] = { rule: last.rule, span: { start: last.span.start, end: Math.max(last.span.end, hit.span.end) }, ...(because ? { because } : {}) };
    } else {
      merged.push(hit);
    }
  }
  return merged.sort((a, b) => a.span.start - b.span.start);
}

function dedupe<T extends { rule: RuleName; excerpt: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.rule}\u0000${item.excerpt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The first non-blank line, up to 40 characters: enough for the seller to see the language. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return Array.from(line.trim()).slice(0, 40).join('');
}
