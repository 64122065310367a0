// What kind of mail a message is, and the facts the rest of kotae needs (marketplace, language, IDs,
// buyer intents). Pure: a parsed message and the rules in, a Classification out. The order of the
// checks is explained at the top of rules/classify.yaml.
import { tokensIn } from '../approval/markers.ts';
import { KOTAE_MESSAGE_ID, domainOf } from '../shared/ids.ts';
import type { Address } from '../ingest/parse.ts';
import { amazonDomainOf, buyerDisplayName, buyerNameIn, buyerText, detectLanguage, findAsin, findCaseId, findItemTitle, findOrderId, findSku, isQuestion, intentReading, isRelayAddress, normalise, relayAddressIn, sentences } from './extract.ts';
import { forwardedAmazonMail } from './forward.ts';
import { featuresOfReading, intentProbabilities, strongestWords, type IntentModel } from './intent-model.ts';
import { BUYER_FACING_KINDS, INTENTS, type Intent, type Kind, type Language } from './kinds.ts';
import type { ClassifyRules, IntentRule } from './rules.ts';

/** The parts of a parsed message classification reads. */
export interface ClassifiableMail {
  from: Address | null;
  to: Address[];
  subject: string | null;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  inReplyTo: string | null;
  references: string[];
}

export interface Classification {
  kind: Kind;
  marketplace: string | null;
  language: Language | null;
  orderId: string | null;
  caseId: string | null;
  intents: Intent[];
  asin: string | null;
  sku: string | null;
  itemTitle: string | null;
  buyerName: string | null;
  relayAddress: string | null;
  /** The human-written part: the buyer's words, or the notice text without Amazon's footer. */
  text: string;
  /** The rule that decided the kind, for `--explain` and for the seller who edits the rules. */
  rule: string;
  /** True when the sender is really Amazon (its domain, not a look-alike). */
  fromAmazon: boolean;
  /** Only with `{ explain: true }`: for each decision, the rule and the words that triggered it. */
  why?: Explanation;
}

/** A rule and the words in the mail that made it match (null when the rule reads no words). */
export interface Evidence {
  rule: string;
  /** The pattern of the rule that matched, when the rule has several. */
  pattern?: string;
  words: string | null;
  /** The buyer's sentence the words are in (intents). */
  sentence?: string;
  /** The intent model's probability, when it gave the intent. */
  probability?: number;
}

export interface Explanation {
  kind: Evidence;
  intents: (Evidence & { intent: Intent })[];
}

export interface ClassifyOptions {
  /** Say which rule and which words decided the kind and each intent (`kotae classify --explain`). */
  explain?: boolean;
}

const LABELLED_NOTICES: readonly Kind[] = ['cs_inquiry', 'return_request', 'atoz_claim', 'chargeback'];

export function classify(mail: ClassifiableMail, rules: ClassifyRules, options: ClassifyOptions = {}): Classification {
  // A colleague's forward of a buyer's mail is read as the mail it carries (src/understand/forward.ts).
  const forwarded = isApprovalReply(mail, mail.subject ?? '') ? null : forwardedAmazonMail(mail, rules);
  if (forwarded) {
    const inner = classifyOne(forwarded.mail, rules, options, forwarded.relayed);
    if (BUYER_FACING_KINDS.includes(inner.kind)) {
      const rule = `team-forward (${inner.rule})`;
      return { ...inner, rule, fromAmazon: false, ...(inner.why ? { why: { ...inner.why, kind: { rule, words: `${mail.from?.address ?? ''} | ${mail.subject ?? ''}` } } } : {}) };
    }
  }
  return classifyOne(mail, rules, options, false);
}

function classifyOne(mail: ClassifiableMail, rules: ClassifyRules, options: ClassifyOptions, forwardedRelay: boolean): Classification {
  const sender = mail.from?.address ?? '';
  const domain = domainOf(sender);
  const amazonDomain = amazonDomainOf(domain, rules);
  const relay = isRelayAddress(sender, rules);
  const subject = mail.subject ?? '';
  const body = mail.text ?? '';
  let decided = decideKind(mail, rules, { sender, amazonDomain, relay, forwardedRelay, subject, body });
  // Notices that carry a buyer's words behind labels give only those; other mail gives its own text.
  const own = decided.kind === 'approval_reply' ? firstWords(body) : buyerText(body, rules, !LABELLED_NOTICES.includes(decided.kind));
  // A buyer's out-of-office reply relayed by Amazon: the relayed words open as an auto-reply's subject does.
  if (decided.rule === 'relay-sender') decided = relayedAutoReply(own, rules) ?? decided;
  const kind = decided.kind;
  const buyerFacing = BUYER_FACING_KINDS.includes(kind);
  // The language of the buyer's words (feedback too: an English comment in a Japanese notice is answered
  // in English); a notice's otherwise is that of its opening, not of quoted mail further down (a bounce
  // quotes the original).
  const language = detectLanguage((buyerFacing || kind === 'approval_reply' || kind === 'negative_feedback') && own ? own : `${subject}\n${body.slice(0, 600)}`);
  const machine = kind === 'auto_reply' || kind === 'approval_reply';
  const intents = buyerFacing ? readIntents(kind, own, rules) : [];
  return {
    kind,
    marketplace: kind === 'approval_reply' ? null : marketplaceOf(amazonDomain, language, rules),
    language,
    orderId: findOrderId(subject, body),
    caseId: kind === 'support_case' ? findCaseId(subject, body) : null,
    intents: intents.map((e) => e.intent),
    asin: machine ? null : (findAsin(body) ?? findAsin(mail.html)),
    sku: machine ? null : findSku(body),
    itemTitle: machine ? null : findItemTitle(body),
    buyerName: relay ? buyerDisplayName(mail.from?.name) : buyerNameIn([subject, body], rules),
    relayAddress: relay ? sender : kind === 'approval_reply' ? null : relayAddressIn(body, rules),
    text: own,
    rule: decided.rule,
    fromAmazon: amazonDomain !== null,
    ...(options.explain ? { why: { kind: { rule: decided.rule, words: decided.words }, intents } } : {}),
  };
}

interface Facts {
  sender: string;
  amazonDomain: string | null;
  relay: boolean;
  /** Amazon's relay markers in a colleague's forward that names no sender of its own. */
  forwardedRelay: boolean;
  subject: string;
  body: string;
}

type Decision = { kind: Kind } & Evidence;

/** The first pattern that matches the text, with the words it matched. */
function firstMatch(patterns: readonly RegExp[], text: string): string | null {
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return null;
}

function decideKind(mail: ClassifiableMail, rules: ClassifyRules, f: Facts): Decision {
  if (isApprovalReply(mail, f.subject)) return { kind: 'approval_reply', rule: 'kotae-token', words: f.subject || null };

  if (f.forwardedRelay && f.amazonDomain === null && !f.relay) return { kind: 'buyer_message', rule: 'relay-markers', words: f.subject || null };
  const noticeSender = f.amazonDomain !== null && !f.relay;
  if (noticeSender) {
    for (const r of rules.autoReply.amazonBounces) {
      const words = firstMatch([r.pattern], f.subject) ?? firstMatch([r.pattern], f.body);
      if (words !== null) return { kind: 'auto_reply', rule: r.id, words };
    }
  } else if (!f.relay) {
    const carrier = rules.carrierNotices.find((r) => r.pattern.test(f.sender));
    if (carrier) return { kind: 'other', rule: carrier.id, words: f.sender };
    // A mailing list's own post (its List-Id names the sender's domain) named after Amazon
    // ("amazon-sellers-jp") presents itself as the list, not as Amazon: the list's name is not an
    // imitation, but an Amazon-like sender name or domain beside it still is.
    if (imitatesAmazon(mail, f.sender, ownListName(mail, f.sender))) return { kind: 'other', rule: 'imitates-amazon', words: `${mail.from?.name ?? ''} <${f.sender}>` };
    const auto = autoReplyRule(mail, rules, f);
    if (auto) return { kind: 'auto_reply', ...auto };
  } else {
    const auto = autoReplyRule(mail, rules, f);
    if (auto) return { kind: 'auto_reply', ...auto };
  }

  if (noticeSender) {
    const normalisedSubject = normalise(f.subject);
    const caseId = findCaseId(f.subject, f.body);
    for (const rule of rules.notices) {
      if (rule.caseId && caseId === null) continue;
      const from = rule.from.length === 0 ? '' : firstMatch(rule.from, f.sender);
      if (from === null) continue;
      const subject = rule.subject.length === 0 ? '' : firstMatch(rule.subject, normalisedSubject);
      if (subject === null) continue;
      const body = rule.body.length === 0 ? '' : firstMatch(rule.body, f.body);
      if (body === null) continue;
      const words = [from, subject, body, rule.caseId ? `case ${caseId}` : ''].filter(Boolean).join(' | ');
      return { kind: rule.kind, rule: rule.id, words: words || null };
    }
    return { kind: 'other', rule: 'amazon-unmatched', words: f.sender };
  }
  if (f.relay) return { kind: 'buyer_message', rule: 'relay-sender', words: f.sender };
  return { kind: 'other', rule: 'not-amazon', words: f.sender || null };
}

/** The list's name when the mail is a post of a mailing list sent from the list's own domain (List-Id "<name.lists.example.jp>"). */
function ownListName(mail: ClassifiableMail, sender: string): string | null {
  const listId = /<([^<>\s]+)>/.exec(mail.headers['list-id'] ?? '')?.[1]?.toLowerCase();
  const domain = domainOf(sender);
  if (listId === undefined || domain === '' || !listId.endsWith(`.${domain}`)) return null;
  const name = listId.slice(0, -domain.length - 1);
  return name === '' ? null : name;
}

/** A sender outside Amazon's domains that presents itself as Amazon: a phishing look-alike. */
function imitatesAmazon(mail: ClassifiableMail, sender: string, listName: string | null = null): boolean {
  let shown = `${mail.from?.name ?? ''} ${mail.subject ?? ''}`;
  if (listName !== null) shown = shown.toLowerCase().split(listName).join(' ');
  return /amazon|amaz[o0]m|アマゾン/i.test(`${shown} ${domainOf(sender)}`);
}

/** kotae's mail to approvers: a reply to any of them is the seller's (a note, a decision, "posted"). */
const APPROVER_MAIL = new Set(['approval', 'notice', 'reminder', 'feedback', 'digest']);

/** kotae's token in the subject or the address replied to, or a reply to a kotae mail to approvers. */
function isApprovalReply(mail: ClassifiableMail, subject: string): boolean {
  if (tokensIn(mail.to.map((a) => a.address), subject).length > 0) return true;
  return [mail.inReplyTo ?? '', ...mail.references].some((id) => APPROVER_MAIL.has(KOTAE_MESSAGE_ID.exec(id)?.[1]?.toLowerCase() ?? ''));
}

function autoReplyRule(mail: ClassifiableMail, rules: ClassifyRules, f: Facts): Evidence | null {
  for (const rule of rules.autoReply.headers) {
    const value = mail.headers[rule.header];
    if (value !== undefined && rule.pattern.test(value.trim())) return { rule: rule.id, words: `${rule.header}: ${value.trim()}` };
  }
  for (const rule of rules.autoReply.senders) if (rule.pattern.test(f.sender)) return { rule: rule.id, words: f.sender };
  for (const rule of rules.autoReply.subjects) {
    const words = firstMatch([rule.pattern], f.subject.trim());
    if (words !== null) return { rule: rule.id, words };
  }
  return null;
}

function relayedAutoReply(own: string, rules: ClassifyRules): Decision | null {
  const first = own.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  for (const rule of rules.autoReply.subjects) {
    const words = firstMatch([rule.pattern], first);
    if (words !== null) return { kind: 'auto_reply', rule: `relayed-${rule.id}`, words };
  }
  return null;
}

/** The sender's marketplace; Japanese mail from amazon.com is the JP marketplace's (Amazon writes to US sellers in English). */
function marketplaceOf(amazonDomain: string | null, language: Language | null, rules: ClassifyRules): string | null {
  if (amazonDomain === null) return null;
  const code = rules.marketplaces.get(amazonDomain) ?? null;
  return code === 'US' && language === 'ja' ? 'JP' : code;
}

/**
 * Intents sentence by sentence, in alphabetical order (stable output), each with the pattern and the
 * words that found it. A sentence that asks is a question, or one of `questions` ("asks whether…").
 */
function readIntents(kind: Kind, text: string, rules: ClassifyRules): (Evidence & { intent: Intent })[] {
  const read = intentReading(text);
  const list = sentences(read);
  const lines = list.join('\n');
  const found = new Map<Intent, Evidence>();
  let asking: boolean[] | undefined;
  const asks = (i: number) => (asking ??= list.map((s) => isQuestion(s) || rules.questions.some((re) => re.test(s))))[i]!;
  for (const intent of INTENTS) {
    const rule = rules.intents[intent];
    if (rule.any && !rule.any.test(lines)) continue;
    for (let i = 0; i < list.length && !found.has(intent); i++) {
      if (rule.askingOnly && !asks(i)) continue;
      const evidence = intentIn(list[i]!, rule);
      if (evidence && !(rule.alone && INTENTS.some((other) => other !== intent && intentIn(list[i]!, rules.intents[other]) !== null))) {
        found.set(intent, { rule: `intents.${intent}`, ...evidence });
      }
    }
  }
  if (kind === 'return_request' && !found.has('return')) found.set('return', { rule: 'kind return_request', words: null });
  if (found.size === 0 && (kind === 'buyer_message' || kind === 'cs_inquiry')) {
    const question = list.findIndex((sentence, i) => asks(i) && !rules.serviceQuestions.some((re) => re.test(sentence)));
    if (question >= 0) found.set(rules.questionIntent, { rule: 'questionIntent', words: list[question]!, sentence: list[question]! });
  }
  if (rules.intentModel) secondOpinion(found, kind, read, list, rules.intentModel, rules);
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([intent, e]) => ({ intent, ...e }));
}

/**
 * The intent model's say (src/understand/intent-model.ts): an intent the rules gave is taken back when the
 * model is sure the buyer means nothing of the kind, and one they missed is given when it is sure the buyer
 * does. A return request's own `return` stays: the notice is one.
 */
function secondOpinion(found: Map<Intent, Evidence>, kind: Kind, read: string, list: readonly string[], model: IntentModel, rules: ClassifyRules): void {
  const features = featuresOfReading(read, kind);
  const probabilities = intentProbabilities(model, features);
  for (const intent of INTENTS) {
    const probability = probabilities[intent];
    const given = found.get(intent);
    if (given && given.rule !== 'kind return_request' && probability <= model.keep) found.delete(intent);
    // The model reads words, not what they deny: a sentence the rules read as turning the intent down
    // ("返品は不要です", "no need to return it") keeps it from being given.
    else if (!given && probability >= model.add && !list.some((sentence) => rules.intents[intent].unless.some((re) => re.test(sentence)))) {
      const words = strongestWords(model, features, intent).join(' / ') || null;
      found.set(intent, { rule: 'intentModel', words, probability: Math.round(probability * 100) / 100 });
    }
  }
}

/** The pattern and words that show `rule`'s intent in one sentence, or null. */
function intentIn(sentence: string, rule: IntentRule): { pattern: string; words: string; sentence: string } | null {
  if (rule.unless.some((u) => u.test(sentence))) return null;
  // Blanked, not cut: the words found keep their place in the sentence.
  const read = rule.ignore.reduce((s, re) => s.replace(re, (m) => '\u3000'.repeat(m.length)), sentence);
  for (const re of rule.patterns) {
    const m = re.exec(read);
    if (m) return { pattern: re.source, words: sentence.slice(m.index, m.index + m[0].length), sentence };
  }
  return null;
}

function firstWords(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
