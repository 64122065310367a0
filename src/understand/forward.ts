// A colleague's forward of Amazon mail into the watched mailbox ("Fwd: Inquiry from Amazon customer…",
// "Fw: Amazon.co.jpのお客様からのお問い合わせ"): shop staff often read the buyer's message in their own
// inbox first and pass it on to the shop's address. The forward is read as the mail it carries, so the
// buyer's words and intents are the buyer's, not the colleague's note above them.
//
// Only a forward from the recipients' own domain counts, and never one on a public mail service (anyone
// can have an address at gmail.com): a stranger's "Fwd: Amazon…" stays a look-alike. The reply goes only
// to the buyer's relay address found in the forwarded text (none found: the seller is told to send it
// from Seller Central), never to the colleague, and is never sent without approval (respond.ts).
import { matchQuoteHeader } from '../approval/quote-headers.ts';
import { domainOf } from '../shared/ids.ts';
import { FORWARD_SUBJECT, type Address } from '../ingest/parse.ts';
import type { ClassifiableMail } from './classify.ts';
import { amazonDomainOf, isRelayAddress, relayAddressIn } from './extract.ts';
import type { ClassifyRules } from './rules.ts';

export interface ForwardedMail {
  /** The forwarded mail: its sender and subject as the forward's header block names them. */
  mail: ClassifiableMail;
  /** The forwarded text holds Amazon's relay markers (Begin message / メッセージ開始). */
  relayed: boolean;
}

/** A header line of a forwarded block: "From: …", "差出人: …", "*Subject:* …" (bold in Gmail's rendering). */
const FORWARDED_HEADER = /^\s*\*?(From|Sent|Date|To|Cc|Subject|差出人|送信者|送信日時|日付|宛先|件名)\*?\s*[:：]\s*(.*)$/i;
const FROM_HEADERS = new Set(['from', '差出人', '送信者']);
const SUBJECT_HEADERS = new Set(['subject', '件名']);

export function forwardedAmazonMail(mail: ClassifiableMail, rules: ClassifyRules): ForwardedMail | null {
  const subject = mail.subject ?? '';
  if (!FORWARD_SUBJECT.test(subject) || !fromOwnDomain(mail, rules)) return null;
  const lines = (mail.text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const relayed = lines.some((l) => rules.buyerText.begin.some((re) => re.test(l.trim())));

  const marker = lines.findIndex((_, i) => {
    const kind = matchQuoteHeader(lines, i)?.kind;
    return kind === 'forward' || kind === 'separator';
  });
  if (marker >= 0) {
    const block = headerBlock(lines, marker);
    if (block.from !== null && (amazonDomainOf(domainOf(block.from.address), rules) !== null || isRelayAddress(block.from.address, rules))) {
      return { mail: innerMail(mail, block.from, block.subject ?? subject.replace(FORWARD_SUBJECT, ''), lines.slice(block.end).join('\n')), relayed };
    }
    if (block.from !== null) return null;
  }
  if (!relayed) return null;
  // No header block (the client left it out): the forwarded mail starts at Amazon's own first field or marker.
  const start = lines.findIndex((l) => WRAPPER_START.test(l) || rules.buyerText.begin.some((re) => re.test(l.trim())));
  const text = lines.slice(start).join('\n');
  const relay = relayAddressIn(text, rules);
  return { mail: innerMail(mail, relay ? { name: '', address: relay } : null, subject.replace(FORWARD_SUBJECT, ''), text), relayed };
}

/** The order line Amazon's relay opens with ("注文番号 250-…:", "Order ID 113-…:"). */
const WRAPPER_START = /^\s*(?:注文番号|ご?注文ID|Order\s*(?:ID|#|number))\s*[:：]?\s*\d{3}-\d{7}-\d{7}/i;

/** Public mail services: an address there says nothing about who owns the shop's mailbox. */
const PUBLIC_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.co.jp', 'yahoo.com', 'ymail.com', 'outlook.com', 'outlook.jp', 'hotmail.com', 'hotmail.co.jp',
  'live.com', 'live.jp', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de',
  'mail.com', 'zoho.com', 'docomo.ne.jp', 'ezweb.ne.jp', 'au.com', 'softbank.ne.jp', 'i.softbank.jp', 'ybb.ne.jp', 'nifty.com',
]);

function fromOwnDomain(mail: ClassifiableMail, rules: ClassifyRules): boolean {
  const sender = domainOf(mail.from?.address);
  if (sender === '' || PUBLIC_MAIL.has(sender) || amazonDomainOf(sender, rules) !== null) return false;
  return mail.to.some((a) => domainOf(a.address) === sender);
}

interface HeaderBlock {
  from: Address | null;
  subject: string | null;
  /** The first line after the block. */
  end: number;
}

/** The header lines just below a forward marker, up to the first blank line after them. */
function headerBlock(lines: readonly string[], marker: number): HeaderBlock {
  const block: HeaderBlock = { from: null, subject: null, end: marker + 1 };
  let i = marker + 1;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  for (; i < lines.length; i++) {
    const m = FORWARDED_HEADER.exec(lines[i]!);
    if (!m) break;
    const name = m[1]!.toLowerCase();
    if (FROM_HEADERS.has(name)) block.from = addressOf(m[2]!);
    if (SUBJECT_HEADERS.has(name)) block.subject = m[2]!.trim();
  }
  block.end = i;
  return block;
}

function addressOf(value: string): Address | null {
  const angle = /^(.*?)\s*(?:<|\[mailto:)([^<>\s\]]+@[^<>\s\]]+)[>\]]/.exec(value);
  if (angle) return { name: angle[1]!.replace(/^["']|["']$/g, '').trim(), address: angle[2]!.toLowerCase() };
  const bare = /[^\s<>"]+@[^\s<>"]+/.exec(value);
  return bare ? { name: '', address: bare[0].toLowerCase() } : null;
}

function innerMail(outer: ClassifiableMail, from: ClassifiableMail['from'], subject: string, text: string): ClassifiableMail {
  return { from, to: outer.to, subject, text, html: null, headers: {}, inReplyTo: null, references: [] };
}
