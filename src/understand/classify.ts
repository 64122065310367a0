// What kind of mail a message is, and the facts the rest of kotae needs (marketplace, language, IDs,
// buyer intents). Pure: a parsed message and the rules in, a Classification out. The order of the
// checks is explained at the top of rules/classify.yaml.
import { tokensIn } from '../approval/markers.ts';
import { KOTAE_MESSAGE_ID, domainOf } from '../shared/ids.ts';
import type { Address } from '../ingest/parse.ts';
import { amazonDomainOf, buyerDisplayName, buyerNameIn, buyerText, detectLanguage, findAsin, findCaseId, findItemTitle, findOrderId, findSku, isQuestion, isRelayAddress, normalise, relayAddressIn, sentences } from './extract.ts';
import { BUYER_FACING_KINDS, INTENTS, type Intent, type Kind, type Language } from './kinds.ts';
import type { ClassifyRules } from './rules.ts';

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
}

const LABELLED_NOTICES: readonly Kind[] = ['cs_inquiry', 'return_request', 'atoz_claim', 'chargeback'];

export function classify(mail: ClassifiableMail, rules: ClassifyRules): Classification {
  const sender = mail.from?.address ?? '';
  const domain = domainOf(sender);
  const amazonDomain = amazonDomainOf(domain, rules);
  const relay = isRelayAddress(sender, rules);
  const subject = mail.subject ?? '';
  const body = mail.text ?? '';
  const decided = decideKind(mail, rules, { sender, amazonDomain, relay, subject, body });
  const kind = decided.kind;

  const buyerFacing = BUYER_FACING_KINDS.includes(kind);
  // Notices that carry a buyer's words behind labels give only those; other mail gives its own text.
  const own = kind === 'approval_reply' ? firstWords(body) : buyerText(body, rules, !LABELLED_NOTICES.includes(kind));
  // A notice's language is that of its opening, not of quoted mail further down (a bounce quotes the original).
  const language = detectLanguage((buyerFacing || kind === 'approval_reply') && own ? own : `${subject}\n${body.slice(0, 600)}`);
  const machine = kind === 'auto_reply' || kind === 'approval_reply';
  return {
    kind,
    marketplace: kind === 'approval_reply' ? null : marketplaceOf(amazonDomain, language, rules),
    language,
    orderId: findOrderId(subject, body),
    caseId: kind === 'support_case' ? findCaseId(subject, body) : null,
    intents: buyerFacing ? readIntents(kind, own, rules) : [],
    asin: machine ? null : (findAsin(body) ?? findAsin(mail.html)),
    sku: machine ? null : findSku(body),
    itemTitle: machine ? null : findItemTitle(body),
    buyerName: relay ? buyerDisplayName(mail.from?.name) : buyerNameIn([subject, body], rules),
    relayAddress: relay ? sender : kind === 'approval_reply' ? null : relayAddressIn(body, rules),
    text: own,
    rule: decided.rule,
    fromAmazon: amazonDomain !== null,
  };
}

interface Facts {
  sender: string;
  amazonDomain: string | null;
  relay: boolean;
  subject: string;
  body: string;
}

function decideKind(mail: ClassifiableMail, rules: ClassifyRules, f: Facts): { kind: Kind; rule: string } {
  if (isApprovalReply(mail, f.subject)) return { kind: 'approval_reply', rule: 'kotae-token' };

  const noticeSender = f.amazonDomain !== null && !f.relay;
  if (noticeSender) {
    const bounce = rules.autoReply.amazonBounces.find((r) => r.pattern.test(f.subject) || r.pattern.test(f.body));
    if (bounce) return { kind: 'auto_reply', rule: bounce.id };
  } else if (!f.relay && imitatesAmazon(mail, f.sender)) {
    return { kind: 'other', rule: 'imitates-amazon' };
  } else {
    const auto = autoReplyRule(mail, rules, f);
    if (auto) return { kind: 'auto_reply', rule: auto };
  }

  if (noticeSender) {
    const normalisedSubject = normalise(f.subject);
    for (const rule of rules.notices) {
      const matches =
        (rule.from.length === 0 || rule.from.some((re) => re.test(f.sender))) &&
        (rule.subject.length === 0 || rule.subject.some((re) => re.test(normalisedSubject))) &&
        (rule.body.length === 0 || rule.body.some((re) => re.test(f.body)));
      if (matches) return { kind: rule.kind, rule: rule.id };
    }
    return { kind: 'other', rule: 'amazon-unmatched' };
  }
  if (f.relay) return { kind: 'buyer_message', rule: 'relay-sender' };
  return { kind: 'other', rule: 'not-amazon' };
}

/** A sender outside Amazon's domains that presents itself as Amazon: a phishing look-alike. */
function imitatesAmazon(mail: ClassifiableMail, sender: string): boolean {
  return /amazon|amaz[o0]m|アマゾン/i.test(`${mail.from?.name ?? ''} ${domainOf(sender)} ${mail.subject ?? ''}`);
}

/** kotae's token in the subject or the address replied to, or a reply to a kotae approval mail. */
function isApprovalReply(mail: ClassifiableMail, subject: string): boolean {
  if (tokensIn(mail.to.map((a) => a.address), subject).length > 0) return true;
  return [mail.inReplyTo ?? '', ...mail.references].some((id) => KOTAE_MESSAGE_ID.exec(id)?.[1] === 'approval');
}

function autoReplyRule(mail: ClassifiableMail, rules: ClassifyRules, f: Facts): string | null {
  for (const rule of rules.autoReply.headers) {
    const value = mail.headers[rule.header];
    if (value !== undefined && rule.pattern.test(value.trim())) return rule.id;
  }
  for (const rule of rules.autoReply.senders) if (rule.pattern.test(f.sender)) return rule.id;
  for (const rule of rules.autoReply.subjects) if (rule.pattern.test(f.subject.trim())) return rule.id;
  return null;
}

/** The sender's marketplace; Japanese mail from amazon.com is the JP marketplace's (Amazon writes to US sellers in English). */
function marketplaceOf(amazonDomain: string | null, language: Language | null, rules: ClassifyRules): string | null {
  if (amazonDomain === null) return null;
  const code = rules.marketplaces.get(amazonDomain) ?? null;
  return code === 'US' && language === 'ja' ? 'JP' : code;
}

/** Intents sentence by sentence, in alphabetical order (stable output). */
function readIntents(kind: Kind, text: string, rules: ClassifyRules): Intent[] {
  const list = sentences(normalise(text));
  const found = new Set<Intent>();
  for (const intent of INTENTS) {
    const rule = rules.intents[intent];
    if (list.some((s) => rule.patterns.some((re) => re.test(s)) && !rule.unless.some((re) => re.test(s)))) found.add(intent);
  }
  if (kind === 'return_request') found.add('return');
  if (found.size === 0 && kind === 'buyer_message' && list.some(isQuestion)) found.add(rules.questionIntent);
  return [...found].sort();
}

function firstWords(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
