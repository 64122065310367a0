// Rules on meaning, not spellings: a reply is read sentence by sentence as words in their base forms,
// each word list in rules/guard.yaml (`meaning.concepts`) names an idea (an incentive, a review, a
// request, a contact detail, a place off Amazon…), and a rule fires when its ideas meet in one
// sentence (or in the sentences beside it). "レビューを書いていただいた方全員にギフト券を差し上げます"
// is an incentive with a review; "レビューを拝見しました" is neither, whatever its words look like.
import { ConfigError } from '../../shared/errors.ts';
import { readMap, readStrings, stringOf, type Field, type Source } from '../../shared/rules-file.ts';
import type { Mapped, Span } from './mapped.ts';
import type { RuleName } from './rule-names.ts';
import { japaneseWords, readWords, stem, type Word } from './words.ts';

export const CONCEPTS = [
  'incentive', 'review', 'review-change', 'rating-level', 'satisfied', 'request', 'condition', 'proof', 'before',
  'contact-detail', 'tell', 'call', 'call-act', 'channel', 'connect', 'off-amazon', 'find-or-buy', 'direct', 'payment',
  'mail-provider', 'address-hint', 'discount', 'later-purchase', 'offer', 'refusal', 'reported', 'item-condition', 'cart',
  'recommend', 'works-with', 'repeat-order', 'scale', 'rating-number', 'new-product', 'pitch', 'marketplace', 'own-shop', 'leniency', 'range', 'refund-or-tax', 'pay-outside', 'someone-else-calls', 'negative-review', 'dissuade', 'not-on-amazon', 'unrelated', 'raise', 'top-choice', 'amazon-offer', 'positive-only', 'price-cut', 'referral', 'loyalty',
  'listing-id', 'upsell', 'launch-news', 'third-party', 'held-back', 'in-person', 'shop-front', 'street-address', 'dictated', 'newsletter', 'sign-up', 'rating-hint',
] as const;
export type Concept = (typeof CONCEPTS)[number];

/** One rule: the concepts that must meet, within `window` sentences either side, and those that excuse it. */
interface MeaningRule {
  id: string;
  rule: RuleName;
  all: readonly Concept[];
  window: number;
  unless: readonly Concept[];
  /**
   * Where an excuse counts: anywhere in the window (the default: "…とのご提案ですが。お受けできません"), or
   * only in a sentence that holds one of the rule's ideas, when the ideas are often sentences apart and
   * a neighbour's "no need to wait" has nothing to do with them.
   */
  excusedIn?: 'window' | 'met';
}

// The combinations are kotae's; the words are the seller's (rules/guard.yaml).
const RULES: readonly MeaningRule[] = [
  // Not when the sentence says the benefit has nothing to do with a review ("regardless of your review").
  { id: 'incentive-for-review', rule: 'review-incentive', all: ['incentive', 'review'], window: 0, unless: ['refusal', 'unrelated'] },
  // Across sentences, not when the review is the buyer's own, read and answered ("レビューを拝読しました…ご希望されない場合は返金").
  { id: 'incentive-on-condition', rule: 'review-incentive', all: ['incentive', 'review', 'condition'], window: 1, unless: ['refusal', 'reported', 'unrelated'] },
  { id: 'proof-of-review', rule: 'review-incentive', all: ['review', 'proof'], window: 1, unless: [] },
  // The replacement or the refund the buyer is owed, held back until the review is up, in one sentence
  // ("before we send the replacement, please return the old one" beside a review read is no such thing).
  { id: 'held-back-for-review', rule: 'review-incentive', all: ['held-back', 'review'], window: 0, unless: ['refusal', 'reported'] },
  // A rating level alone asks for it, unless it is a used item's condition grade (「非常に良い」のコンディション);
  // beside a review word it asks whatever else the sentence says.
  { id: 'rating-level', rule: 'review-request', all: ['rating-level'], window: 0, unless: ['reported', 'item-condition', 'scale'] },
  { id: 'rating-level-review', rule: 'review-request', all: ['rating-level', 'review'], window: 0, unless: ['reported', 'scale', 'item-condition'] },
  { id: 'rating-number-review', rule: 'review-request', all: ['rating-number', 'review'], window: 0, unless: ['reported', 'scale'] },
  // The top mark said without stars ("a full mark", "anything below the highest") is a rating only beside a
  // review word or asked for: "a perfect score in independent testing" is a product's.
  { id: 'rating-hint-review', rule: 'review-request', all: ['rating-hint', 'review'], window: 1, unless: ['reported', 'scale'] },
  { id: 'rating-hint-asked', rule: 'review-request', all: ['rating-hint', 'request'], window: 0, unless: ['reported', 'scale'] },
  { id: 'review-if-satisfied', rule: 'review-request', all: ['review', 'satisfied'], window: 0, unless: ['reported', 'unrelated'] },
  { id: 'review-change', rule: 'review-request', all: ['review', 'review-change'], window: 0, unless: ['refusal', 'reported', 'unrelated'] },
  { id: 'raise-rating', rule: 'review-request', all: ['raise', 'review'], window: 1, unless: ['refusal', 'reported'] },
  // 「一番右の星を」 asks for the top rating whatever scale the sentence names; ticking "Yes" answers Amazon's questions for the buyer.
  { id: 'top-choice', rule: 'review-request', all: ['top-choice', 'review'], window: 1, unless: ['reported', 'scale'] },
  // A review steered to the good points only ("良かった点を中心に", "mention how much you love it").
  { id: 'review-positive-only', rule: 'review-request', all: ['positive-only', 'review'], window: 0, unless: ['refusal', 'reported'] },
  { id: 'review-leniency', rule: 'review-request', all: ['review', 'leniency'], window: 0, unless: ['refusal', 'reported'] },
  // The plea and the way round it are often two sentences ("低い評価は痛手です。まずはこちらにご相談を").
  { id: 'dissuade-negative-review', rule: 'review-request', all: ['negative-review', 'dissuade'], window: 1, unless: ['reported'] },
  { id: 'before-reviewing', rule: 'review-request', all: ['review', 'before'], window: 0, unless: ['refusal', 'scale', 'reported'] },
  // Not the numbers a phone sold as the product stores ("電話帳ボタンを押し、電話番号を入力").
  { id: 'ask-contact-details', rule: 'contact-channel', all: ['contact-detail', 'tell'], window: 0, unless: ['refusal', 'reported', 'works-with', 'third-party'] },
  // A phone sold as the product ("通話を終えるときはボタンを押してください") is used, not called.
  { id: 'phone-call', rule: 'contact-channel', all: ['call', 'call-act'], window: 0, unless: ['refusal', 'reported', 'works-with', 'someone-else-calls', 'third-party'] },
  // The app a product works with ("the mic works for WhatsApp calls", "LINE通話に対応") is a feature, not a channel.
  { id: 'other-channel', rule: 'contact-channel', all: ['channel', 'connect'], window: 0, unless: ['refusal', 'reported', 'works-with'] },
  { id: 'mail-address-spelled', rule: 'contact-email', all: ['mail-provider', 'address-hint'], window: 1, unless: ['refusal'] },
  // Nor the carrier's or the maker's own site (ヤマト運輸の公式サイトで再配達を).
  { id: 'off-amazon-shop', rule: 'marketing', all: ['off-amazon', 'find-or-buy'], window: 0, unless: ['refusal', 'payment', 'reported', 'third-party'] },
  // The seller's own shop on another marketplace ("Yahoo!ショッピングの当店ストア"): named, it is already the steer.
  { id: 'own-shop-elsewhere', rule: 'marketing', all: ['marketplace', 'own-shop'], window: 0, unless: ['refusal', 'reported'] },
  // Its words check for a refusal themselves: the sentence may also say what Amazon cannot do.
  { id: 'pay-outside', rule: 'marketing', all: ['pay-outside'], window: 0, unless: ['reported'] },
  // Something not on Amazon, then where to find it ("「山田工房」で検索してみてください。Amazonに出していない作品も").
  { id: 'not-on-amazon', rule: 'marketing', all: ['not-on-amazon', 'find-or-buy'], window: 1, unless: ['refusal', 'reported'] },
  { id: 'direct-deal', rule: 'marketing', all: ['direct', 'find-or-buy'], window: 0, unless: ['refusal', 'reported'] },
  // Ordering again outside Amazon ("次回から直接定期でお届け"), or being asked to send something directly.
  { id: 'direct-repeat', rule: 'marketing', all: ['direct', 'repeat-order'], window: 0, unless: ['refusal', 'reported'] },
  { id: 'send-directly', rule: 'contact-channel', all: ['direct', 'tell', 'request'], window: 0, unless: ['refusal', 'reported'] },
  // A saving and the next purchase are often said in two sentences ("3個セットで200円お得です。次回はぜひ…").
  { id: 'discount-next-time', rule: 'marketing', all: ['discount', 'later-purchase'], window: 1, unless: ['amazon-offer', 'refusal', 'reported', 'refund-or-tax'] },
  // Other products pushed into the cart ("一緒にカートに入れていただくと便利です", "add the matching case to your cart").
  { id: 'add-to-cart', rule: 'marketing', all: ['cart', 'recommend'], window: 1, unless: ['refusal', 'reported'] },
  // A price cut ahead, then the nudge ("プライムデーでは当店の用品を値下げします。ぜひその時期にチェックを").
  { id: 'discount-pitch', rule: 'marketing', all: ['price-cut', 'pitch'], window: 1, unless: ['amazon-offer', 'refusal', 'reported', 'refund-or-tax'], excusedIn: 'met' },
  // A reward for sending a friend ("if a friend orders and mentions your name, you both get a free tin").
  { id: 'referral-reward', rule: 'marketing', all: ['referral', 'incentive'], window: 1, unless: ['refusal', 'reported'] },
  { id: 'loyalty-reward', rule: 'marketing', all: ['loyalty', 'incentive'], window: 1, unless: ['refusal', 'reported'] },
  { id: 'discount-offered', rule: 'marketing', all: ['discount', 'offer'], window: 0, unless: ['amazon-offer', 'refusal', 'reported', 'refund-or-tax'] },
  { id: 'other-products-pitch', rule: 'marketing', all: ['range', 'pitch'], window: 1, unless: ['refusal', 'reported'], excusedIn: 'met' },
  // Something new or limited, then the nudge, often a sentence or two later ("新たに販売開始いたしました。贈り物にいかがでしょうか").
  { id: 'new-product-pitch', rule: 'marketing', all: ['new-product', 'pitch'], window: 2, unless: ['refusal', 'reported'], excusedIn: 'met' },
  // A sale across the shop ("everything in our storefront is a fifth off"), another listing recommended by its
  // ASIN, a bigger model for a little more.
  { id: 'store-sale', rule: 'marketing', all: ['range', 'price-cut'], window: 1, unless: ['amazon-offer', 'refusal', 'reported', 'refund-or-tax'], excusedIn: 'met' },
  // Only a refusal in the sentences that name the listing or recommend it excuses it: "won't line up" a
  // sentence before is about the ordered item.
  { id: 'other-listing', rule: 'marketing', all: ['listing-id', 'recommend'], window: 1, unless: ['refusal', 'reported'], excusedIn: 'met' },
  { id: 'upsell', rule: 'marketing', all: ['upsell'], window: 0, unless: ['refusal', 'reported'] },
  { id: 'launch-news', rule: 'marketing', all: ['launch-news'], window: 0, unless: ['refusal', 'reported'] },
  // Buying at the seller's own shop front instead ("店頭にお越しいただければ、店頭価格でお譲りできます").
  { id: 'buy-in-person', rule: 'marketing', all: ['shop-front', 'find-or-buy'], window: 0, unless: ['refusal', 'reported', 'third-party'] },
  // The seller's street address with an invitation to call in or write there (a return address beside a
  // return is neither: "send it back to…" is no visit). The address often stands on its own lines a sentence
  // or two below the invitation. Only what the sentences saying so hold excuses it: a buyer's remark thanked
  // for a sentence before is no excuse.
  { id: 'visit-in-person', rule: 'contact-channel', all: ['in-person', 'street-address'], window: 2, unless: ['refusal', 'reported', 'third-party'], excusedIn: 'met' },
  // The words the buyer should put in the review, written out for them (評価欄に「説明どおり」と一言).
  { id: 'review-dictated', rule: 'review-request', all: ['dictated', 'review'], window: 1, unless: ['refusal', 'reported'] },
  // A list the buyer is offered to join ("a monthly note of what's new… reply yes and we'll add you").
  { id: 'newsletter-sign-up', rule: 'marketing', all: ['newsletter', 'sign-up'], window: 1, unless: ['refusal', 'reported'] },
];

interface Term {
  /** Base forms to meet in a row; a Japanese term is read by the analyser at its first use. */
  words?: string[];
  pattern?: RegExp;
  text: string;
}

export type MeaningRules = Readonly<Record<Concept, { ja: readonly Term[]; en: readonly Term[] }>>;

export function parseMeaning(src: Source, field: Field): MeaningRules {
  const concepts = readMap(src, field, ['concepts']);
  const byName = readMap(src, concepts.concepts!, CONCEPTS);
  return Object.fromEntries(
    CONCEPTS.map((name) => {
      const langs = readMap(src, byName[name]!, ['ja', 'en']);
      return [name, { ja: readStrings(src, langs.ja!).map((f) => term(f, 'ja')), en: readStrings(src, langs.en!).map((f) => term(f, 'en')) }];
    }),
  ) as unknown as MeaningRules;
}

function term(field: Field, language: 'ja' | 'en'): Term {
  const text = stringOf(field);
  if (text.startsWith('re:')) {
    try {
      return { text, pattern: new RegExp(text.slice(3), 'iu') };
    } catch (err) {
      throw new ConfigError(field.at, `${field.path} is not a valid regular expression after "re:" (${(err as Error).message})`, { hint: 'patterns are JavaScript regular expressions', cause: err });
    }
  }
  // Read as the text will be: Japanese through the analyser (lazily, at first use), English stemmed.
  return { text, words: language === 'en' ? text.toLowerCase().split(/\s+/).map(stem) : undefined };
}

export interface MeaningHit {
  rule: RuleName;
  id: string;
  span: Span;
  /** The words that made the rule fire, as written, for `--explain`. */
  words: string[];
}

interface Sentence {
  start: number;
  end: number;
  text: string;
  words: Word[];
}

/** Every rule that fires in the text (the guard's base view: NFKC, wrapped lines joined). */
export function findMeaning(base: Mapped, language: 'ja' | 'en', rules: MeaningRules): MeaningHit[] {
  const { sentences, found } = readSentences(base.text, language, rules);
  const hits: MeaningHit[] = [];
  for (const rule of RULES) {
    for (let i = 0; i < sentences.length; i++) {
      const from = Math.max(0, i - rule.window);
      const to = Math.min(sentences.length - 1, i + rule.window);
      const window = found.slice(from, to + 1);
      const met = rule.all.map((c) => window.flatMap((f) => f.get(c) ?? []));
      if (met.some((m) => m.length === 0)) continue;
      // The rule's first idea must be in this sentence: a window is reported once, where it starts.
      if (!(found[i]!.get(rule.all[0]!)?.length)) continue;
      const excusing = rule.excusedIn === 'met' ? window.filter((f) => rule.all.some((c) => f.has(c))) : window;
      if (rule.unless.some((c) => excusing.some((f) => (f.get(c) ?? []).length > 0))) continue;
      // Quoted as the sentence holding the rule's first idea; the others are named in `words`.
      const at = sentences[i]!;
      const lead = at.text.length - at.text.trimStart().length;
      hits.push({ rule: rule.rule, id: rule.id, span: { start: at.start + lead, end: at.start + at.text.trimEnd().length }, words: [...new Set(met.map((m) => m[0]!))] });
    }
  }
  return hits;
}

/** The ideas a reply must touch before the judge may speak: what Amazon's rules are about. */
const RISKS: readonly Concept[] = [
  'incentive', 'review', 'rating-level', 'contact-detail', 'call', 'channel', 'off-amazon', 'marketplace', 'direct',
  'discount', 'price-cut', 'new-product', 'pay-outside', 'referral', 'loyalty', 'range', 'later-purchase',
];

/** Whether any sentence of the text touches one of Amazon's rules' subjects (a review, an incentive, a contact…). */
export function touchesRisk(base: Mapped, language: 'ja' | 'en', rules: MeaningRules): boolean {
  return readSentences(base.text, language, rules).found.some((f) => RISKS.some((c) => f.has(c)));
}

/** The reply's words, as the rules read them (the analyser is not asked twice). */
export function replyWords(base: Mapped, language: 'ja' | 'en', rules: MeaningRules): readonly Word[] {
  return readSentences(base.text, language, rules).words;
}

/** Each sentence with the ideas found in it and the words that said them (scripts/guard-concepts.ts, for rule writers). */
export function conceptsBySentence(base: Mapped, language: 'ja' | 'en', rules: MeaningRules): { text: string; concepts: Map<Concept, string[]> }[] {
  const { sentences, found } = readSentences(base.text, language, rules);
  // Copies: the reading is kept for the next check of the same reply.
  return sentences.map((s, i) => ({ text: s.text.trim(), concepts: new Map(found[i]!) }));
}

/** The sentence holding offset `at`, as findMeaning quotes one (without its surrounding spaces). */
export function sentenceAt(base: Mapped, language: 'ja' | 'en', rules: MeaningRules, at: number): Span {
  const { sentences } = readSentences(base.text, language, rules);
  const s = sentences.find((x) => x.start <= at && at < x.end) ?? sentences[0];
  if (!s) return { start: 0, end: base.text.length };
  const lead = s.text.length - s.text.trimStart().length;
  return { start: s.start + lead, end: s.start + s.text.trimEnd().length };
}

// The rules and then the judge ask about the same reply: the last reading is kept.
interface Reading {
  text: string;
  language: 'ja' | 'en';
  rules: MeaningRules;
  words: Word[];
  sentences: Sentence[];
  found: Map<Concept, string[]>[];
}
let lastReading: Reading | null = null;

function readSentences(text: string, language: 'ja' | 'en', rules: MeaningRules): Reading {
  if (lastReading && lastReading.text === text && lastReading.language === language && lastReading.rules === rules) return lastReading;
  const words = readWords(text, language);
  const sentences = splitSentences(text, language, words);
  const found = sentences.map((s) => conceptsIn(s, language, rules));
  if (language === 'ja') {
    sentences.forEach((s, i) => {
      // The buyer's own words quoted and turned down (「レビューを書いたら割引してもらえますか」とのご質問をいただきました。
      // …お受けできません): what the quote says is not offered. Only with a refusal in it or in the three sentences after
      // (thanks for asking and sympathy often stand between), so a "yes" to such a question still speaks.
      if (!REPORTED_QUOTE.test(s.text) || !found.slice(i, i + 1 + REFUSAL_AFTER_QUOTE).some((f) => f.has('refusal'))) return;
      found[i] = conceptsIn(withoutReportedQuotes(s), language, rules);
    });
  }
  lastReading = { text, language, rules, words, sentences, found };
  return lastReading;
}

/** How many sentences after a buyer's quote named back its refusal may stand. */
const REFUSAL_AFTER_QUOTE = 3;

/**
 * A quote named back as the buyer's question, proposal or wish: 「…」とのご質問, 「…」というご相談, 「…」とのお話; or set out
 * as a heading (「…」の件) or answered with an apology (1. 「…ありますか」 申し訳ありませんが…).
 */
const REPORTED_QUOTE = /[「『]([^」』\n]{1,160})[」』](?=\s*(?:と|との|という|って)\s*(?:ご|お)?(?:質問|相談|尋ね|問い合わせ|提案|要望|希望|申し出|依頼|意見|連絡|メッセージ|便り|話)|\s*(?:申し訳|残念ながら|あいにく)|\s*の\s*件)/u;
const REPORTED_QUOTES = new RegExp(REPORTED_QUOTE.source, 'gu');

/** The sentence with what its reported quotes say blanked out (offsets kept), and without their words. */
function withoutReportedQuotes(sentence: Sentence): Sentence {
  const blanked: [number, number][] = [];
  const text = sentence.text.replace(REPORTED_QUOTES, (quote: string, inner: string, at: number) => {
    blanked.push([sentence.start + at + 1, sentence.start + at + 1 + inner.length]);
    return `${quote[0]}${'\u3000'.repeat(inner.length)}${quote[quote.length - 1]}`;
  });
  const words = sentence.words.filter((w) => !blanked.some(([from, to]) => w.start >= from && w.end <= to));
  return { ...sentence, text, words };
}

const KATAKANA = /[\p{Script=Katakana}ー]/u;

/** ライン in ラインストーン: a katakana word that is only part of a longer katakana compound is another word. */
function insideKatakanaWord(text: string, from: number, to: number): boolean {
  if (!KATAKANA.test(text.charAt(from)) || !KATAKANA.test(text.charAt(to - 1))) return false;
  return KATAKANA.test(text.charAt(from - 1)) || KATAKANA.test(text.charAt(to));
}

function splitSentences(text: string, language: 'ja' | 'en', words: readonly Word[]): Sentence[] {
  const out: Sentence[] = [];
  // An English full stop ends a sentence only before a space or the end: "2.4 GHz", "v1.2" and "No.5" do not.
  // A Japanese sentence does not end at the "!" of a name in Latin letters or katakana (Yahoo!ショッピング, ヤフオク!で).
  // Nor an English one at the "!" of Yahoo! ("our Yahoo! Shopping store"). A question quoted in 「」 ends
  // with its quote: 「…安くなりますか？」とのご質問ですが is one sentence, the buyer's words named back, and a quote
  // of two sentences (「…説明したい。番号を教えてほしい」とのお便り) is one.
  const boundary = language === 'ja' ? /(?:[「『][^」』\n]{1,160}[」』]|[^。！？!?\n]|(?<=[A-Za-z\p{Script=Katakana}])[!?](?=[^\s。！？!?])|[。！？!?]+(?=[」』]))+[。！？!?]*/gu : /(?:[^.!?\n]|[.!?]+(?=[^\s.!?])|(?<=\b(?:[Yy]ahoo|YAHOO))!(?=\s))+[.!?]*/gu;
  for (const m of text.matchAll(boundary)) {
    if (m[0].trim() === '') continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], words: [] });
  }
  for (const s of out) s.words = words.filter((w) => w.start >= s.start && w.end <= s.end);
  return out;
}

/** Which ideas a sentence holds, each with the first words that said it. */
function conceptsIn(sentence: Sentence, language: 'ja' | 'en', rules: MeaningRules): Map<Concept, string[]> {
  const out = new Map<Concept, string[]>();
  const bases = sentence.words.map((w) => w.base);
  for (const concept of CONCEPTS) {
    for (const t of rules[concept][language]) {
      const said = matchTerm(t, sentence, bases, language);
      if (said !== null) {
        out.set(concept, [...(out.get(concept) ?? []), said]);
        break;
      }
    }
  }
  return out;
}

function matchTerm(t: Term, sentence: Sentence, bases: readonly string[], language: 'ja' | 'en'): string | null {
  if (t.pattern) return t.pattern.exec(sentence.text)?.[0] ?? null;
  const words = t.words ?? (t.words = japaneseWords(t.text.normalize('NFKC')).map((w) => w.base));
  if (words.length === 0) return null;
  for (let i = 0; i + words.length <= bases.length; i++) {
    if (words.every((w, k) => bases[i + k] === w)) {
      const from = sentence.words[i]!.start - sentence.start;
      const to = sentence.words[i + words.length - 1]!.end - sentence.start;
      if (insideKatakanaWord(sentence.text, from, to)) continue;
      return sentence.text.slice(from, to);
    }
  }
  // A kanji term may also meet inside a longer compound the analyser kept whole (ギフト券 in 〇〇ギフト券);
  // kana and Latin terms may not (ライン is not in ラインストーン).
  if (language === 'ja' && /\p{Script=Han}/u.test(t.text) && t.text.length >= 2 && sentence.text.includes(t.text)) return t.text;
  return null;
}
