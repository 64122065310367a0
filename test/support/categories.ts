// What the category tests (test/unit/*-categories*.test.ts) share: a message as classification reads it,
// and the shipped guard's verdict on a reply, in sentences of the tests' own.
import { join } from 'node:path';
import { checkBuyerMessage, loadGuardRules } from '../../src/respond/guard/index.ts';
import { classify, type ClassifiableMail } from '../../src/understand/classify.ts';
import type { Intent } from '../../src/understand/kinds.ts';
import { loadClassifyRules } from '../../src/understand/rules.ts';

const root = join(import.meta.dirname, '..', '..');

/** A message to classify from `from` ("Name <address>" or a bare address) to the shop. */
export function mail(from: string, subject: string, text: string, headers: Record<string, string> = {}): ClassifiableMail {
  const name = from.includes('<') ? from.slice(0, from.indexOf('<')).trim() : '';
  const address = from.includes('<') ? from.slice(from.indexOf('<') + 1, -1) : from;
  return { from: { address, name }, to: [{ address: 'shop@example.com', name: '' }], subject, text, html: null, headers, inReplyTo: null, references: [] };
}

let classifyRules: ReturnType<typeof loadClassifyRules> | undefined;

/** The shipped classification rules (rules/classify.yaml), loaded once. */
export function shippedClassifyRules(): ReturnType<typeof loadClassifyRules> {
  return (classifyRules ??= loadClassifyRules(join(root, 'rules', 'classify.yaml')));
}

/**
 * The intents the shipped patterns read in a buyer's message relayed by Amazon from `from`. The category
 * tests show what the patterns of each category catch and leave, so they read without the intent model
 * (test/unit/intent-model.test.ts); the blind rounds measure the two together (classify-blind.test.ts).
 */
export function relayedIntents(from: string, text: string): Intent[] {
  return classify(mail(from, 'お問い合わせ', `メッセージ:\n${text}`), { ...shippedClassifyRules(), intentModel: null }).intents;
}

let guardRules: ReturnType<typeof loadGuardRules> | undefined;

/** The rules the shipped guard says a reply to a buyer breaks, in Japanese and in English. */
export function rulesHit(text: string, language: 'ja' | 'en'): string[] {
  guardRules ??= loadGuardRules(join(root, 'rules', 'guard.yaml'));
  return checkBuyerMessage({ text, language }, guardRules).violations.map((v) => v.rule);
}
export const ja = (text: string) => rulesHit(text, 'ja');
export const en = (text: string) => rulesHit(text, 'en');
