// Which case a message belongs to, and what it changes. Threading uses what kotae can trust most
// first: the References chain (kotae's own Message-IDs included), then Amazon's IDs (support case ID,
// marketplace + order ID), then the buyer's relay alias.
import type { Db } from '../store/index.ts';
import { appendEvent, createCase, findAliasCase, findCaseByMessageIds, findOrderCase, findSupportCase, getCase, updateCase, type CasePatch } from '../store/cases.ts';
import type { CaseEventType, CaseKind, CaseRow, CaseStatus } from '../store/schema.ts';
import { HOUR, DAY } from '../shared/clock.ts';
import { KOTAE_MESSAGE_ID } from '../shared/ids.ts';
import type { Classification } from './classify.ts';
import { noticeWindow } from './deadline.ts';
import { findAllCaseIds } from './extract.ts';
import type { Kind } from './kinds.ts';

export interface ThreadInput {
  accountId: string;
  /** The account's marketplace, for mail that does not say (a case is keyed by marketplace + order). */
  accountMarketplace: string | null;
  messageRowId: number;
  subject: string | null;
  /** When the message was written (Date header), or when it was stored when the header is missing or absurd. */
  at: Date;
  inReplyTo: string | null;
  references: string[];
  classification: Classification;
  /** The whole text, quoted parts included (a new Seller Support case quotes the case it cites). */
  body: string;
  /** History (a backfill of old mail): it joins the timeline and asks for nothing. */
  history: boolean;
}

export interface ThreadResult {
  caseId: number | null;
  created: boolean;
  /** Whether the respond step should consider a reply (the playbook decides what kind). */
  mayNeedReply: boolean;
}

/** How long the seller has to answer, by kind (Amazon's windows; the buyer's 24 hours is measured). */
const REPLY_WINDOW: Partial<Record<Kind, number>> = {
  buyer_message: 24 * HOUR,
  cs_inquiry: 24 * HOUR,
  return_request: 24 * HOUR,
  atoz_claim: 72 * HOUR,
  chargeback: 7 * DAY,
};

/** Kinds that never belong to a case: kotae's own approval loop and mail nobody answers. */
const CASELESS: readonly Kind[] = ['approval_reply', 'auto_reply'];

/**
 * References read from the end: the newest are the ones a thread's messages share, and a header of
 * 100,000 IDs (a loop, or an attack) must not become a look-up of 100,000 SQL variables.
 */
const MAX_REFERENCES = 100;

const RESOLVED_NOTICE = /has been resolved|case (has been )?closed|解決済み|クローズ(いた)?しました|ケースをクローズ/i;

/**
 * Amazon's next mail on an account-health notice that ends the seller's turn: it took the appeal or
 * plan of action (Amazon reviews it now), or it reinstated, resolved or withdrew the matter.
 */
const HEALTH_RECEIVED = [
  /\b(?:we (?:have )?received your (?:appeal|plan of action|response|submission|documents?|information)|your (?:appeal|plan of action|submission|response) (?:has been|was) (?:received|submitted))\b/i,
  /(?:申し立て|改善計画書?|ご回答|ご提出|書類|情報).{0,12}(?:受け付けました|受け付けいたしました|受領しました|受領いたしました|承りました)/,
];
const HEALTH_RESOLVED = [
  /\b(?:(?:has|have) been reinstated|reinstated your (?:account|listings?|selling privileges)|(?:issue|matter|violation|warning) has been (?:resolved|closed|removed|withdrawn))\b/i,
  /(?:出品|販売|アカウント|出品情報|商品).{0,12}(?:再開|復元|回復)(?:いた)?しました|(?:問題|違反|警告).{0,8}(?:(?:解決|解除|撤回)(?:いた)?しました|取り?消し(?:いたしました|ました))|解決済み/,
];

/** What Amazon's mail on an account-health notice says of the seller's turn: over (and how), or null. */
export function healthNoticeSettled(text: string): 'awaiting_amazon' | 'resolved' | null {
  if (HEALTH_RESOLVED.some((re) => re.test(text))) return 'resolved';
  if (HEALTH_RECEIVED.some((re) => re.test(text))) return 'awaiting_amazon';
  return null;
}

export async function threadMessage(db: Db, input: ThreadInput): Promise<ThreadResult> {
  const c = input.classification;
  if (CASELESS.includes(c.kind)) return { caseId: null, created: false, mayNeedReply: false };

  const marketplace = c.marketplace ?? input.accountMarketplace;
  // The relay address's case, looked up at most once: the order rule and the alias rule both use it.
  let aliasLookup: Promise<CaseRow | undefined> | undefined;
  const aliasCase = (relayAddress: string) => (aliasLookup ??= findAliasCase(db, input.accountId, relayAddress));
  let found = await caseFromReferences(db, input);
  if (!found && c.kind === 'support_case' && c.caseId) found = (await findSupportCase(db, input.accountId, c.caseId)) ?? null;
  if (!found && c.orderId && c.kind !== 'support_case' && c.kind !== 'account_health') {
    found = (await findOrderCase(db, input.accountId, marketplace, c.orderId)) ?? null;
    // The buyer wrote first without an order ID (a 'buyer' case by alias): that case is this order's.
    const alias = !found && c.relayAddress ? await aliasCase(c.relayAddress) : undefined;
    if (alias && alias.kind === 'buyer') {
      await updateCase(db, alias.id, { kind: 'order', order_id: c.orderId, marketplace });
      found = { ...alias, kind: 'order', order_id: c.orderId, marketplace };
    }
  }
  if (!found && c.relayAddress && (c.kind === 'buyer_message' || c.kind === 'other')) found = (await aliasCase(c.relayAddress)) ?? null;

  const key = caseKey(c);
  if (!found && key === null) return { caseId: null, created: false, mayNeedReply: false };

  const at = input.at.toISOString();
  let current: CaseRow;
  let change: Transition;
  const created = !found;
  if (found) {
    current = found;
    change = transition(current, c, input.at, input.subject, input.history);
    if (c.kind === 'support_case' && !current.previous_support_case_id) {
      const previous = await citedSupportCase(db, input.accountId, current.support_case_id, input.body);
      if (previous) change.patch.previous_support_case_id = previous;
    }
    await updateCase(db, current.id, change.patch);
  } else {
    const opening: Omit<CaseRow, 'id'> = {
      account_id: input.accountId,
      kind: key!,
      marketplace,
      order_id: key === 'order' ? c.orderId : null,
      support_case_id: key === 'support' ? c.caseId : null,
      buyer_alias: c.relayAddress,
      buyer_name: c.buyerName,
      language: c.kind === 'buyer_message' ? c.language : null,
      subject: input.subject,
      status: 'open',
      reply_by: null,
      opened_at: at,
      updated_at: at,
      last_inbound_at: null,
      last_outbound_at: null,
      amazon_answers: 0,
      previous_support_case_id: null,
    };
    // A new case is inserted with the message's effect already applied: one write, not two.
    change = transition({ ...opening, id: 0 }, c, input.at, input.subject, input.history);
    if (c.kind === 'support_case') change.patch.previous_support_case_id = await citedSupportCase(db, input.accountId, opening.support_case_id, input.body);
    const values = { ...opening, ...change.patch } as Omit<CaseRow, 'id'>;
    current = { ...values, id: await createCase(db, values) };
  }
  await appendEvent(
    db,
    current.id,
    {
      at,
      type: change.event,
      actor: c.fromAmazon && c.kind !== 'buyer_message' ? (change.event === 'seller_replied_elsewhere' ? 'seller' : 'amazon') : c.kind === 'buyer_message' ? 'buyer' : 'seller',
      message_id: input.messageRowId,
      draft_id: null,
      summary: summaryOf(c, input.subject),
      data_json: JSON.stringify({ kind: c.kind, intents: c.intents, rule: c.rule }),
    },
    // A case made just now has no events yet: no need to look up the chain's last hash.
    created ? '' : undefined,
  );
  return { caseId: current.id, created, mayNeedReply: change.mayNeedReply };
}

/** What kind of case a message starts when no case matches yet; null: it starts none. */
export function caseKey(c: Classification): CaseKind | null {
  if (c.kind === 'support_case') return c.caseId ? 'support' : null;
  if (c.kind === 'account_health') return 'notice';
  if (c.orderId) return 'order';
  if (c.kind === 'buyer_message' && c.relayAddress) return 'buyer';
  return null;
}

/** A case ID the text mentions that is another known Seller Support case of this account. */
async function citedSupportCase(db: Db, accountId: string, own: string | null, body: string): Promise<string | null> {
  for (const id of findAllCaseIds(body)) {
    if (id !== own && (await findSupportCase(db, accountId, id))) return id;
  }
  return null;
}

async function caseFromReferences(db: Db, input: ThreadInput): Promise<CaseRow | null> {
  // Most recent first: In-Reply-To, then References from the end (the chain, not just the first).
  const ids = [...new Set([input.inReplyTo, ...input.references.slice(-MAX_REFERENCES).reverse()].filter((x): x is string => Boolean(x)))];
  for (const id of ids) {
    const own = KOTAE_MESSAGE_ID.exec(id);
    // kotae's own outgoing IDs name the case even if the sent copy was never stored.
    if (own && own[1] === 'reply') {
      const caseId = Number(own[2]!.split('.')[0]);
      const row = Number.isInteger(caseId) ? await getCase(db, caseId) : undefined;
      if (row && row.account_id === input.accountId) return row;
    }
  }
  const caseId = await findCaseByMessageIds(db, input.accountId, ids);
  return caseId === null ? null : ((await getCase(db, caseId)) ?? null);
}

export interface Transition {
  patch: CasePatch;
  event: CaseEventType;
  mayNeedReply: boolean;
}

/** How a new message changes its case: status, reply-by time, counters. Pure. */
export function transition(current: CaseRow, c: Classification, at: Date, subject: string | null = null, history = false): Transition {
  const iso = at.toISOString();
  const base: CasePatch = { updated_at: maxIso(current.updated_at, iso) };
  if (!current.buyer_alias && c.relayAddress) base.buyer_alias = c.relayAddress;
  if (!current.buyer_name && c.buyerName) base.buyer_name = c.buyerName;
  if (!current.language && c.kind === 'buyer_message' && c.language) base.language = c.language;

  // Amazon's copy of a message the seller sent from Seller Central: the seller has answered (unless
  // the buyer wrote again after it: mail can be processed out of order, in a backfill say).
  if (c.rule === 'auto-communication-copy') {
    const answered = current.last_inbound_at === null || current.last_inbound_at <= iso;
    return {
      patch: { ...base, last_outbound_at: maxIso(current.last_outbound_at, iso), ...(answered && current.status !== 'resolved' ? { status: 'awaiting_buyer' as const, reply_by: null } : {}) },
      event: 'seller_replied_elsewhere',
      mayNeedReply: false,
    };
  }
  if (c.kind === 'other') return { patch: base, event: 'message_in', mayNeedReply: false };

  const patch: CasePatch = { ...base, last_inbound_at: maxIso(current.last_inbound_at, iso) };
  // Older than the seller's last answer (already answered), or history from a backfill: it only joins the timeline.
  if ((current.last_outbound_at !== null && iso < current.last_outbound_at) || history) {
    if (c.kind === 'support_case') patch.amazon_answers = current.amazon_answers + 1;
    return { patch, event: 'message_in', mayNeedReply: false };
  }
  let status: CaseStatus = 'awaiting_seller';
  if (c.kind === 'support_case') {
    patch.amazon_answers = current.amazon_answers + 1;
    if (RESOLVED_NOTICE.test(`${subject ?? ''}\n${c.text}`)) status = 'resolved';
  }
  // The seller's answer reached Amazon, or the matter is over: the account-health clock stops.
  if (c.kind === 'account_health') status = healthNoticeSettled(`${subject ?? ''}\n${c.text}`) ?? status;
  // An account-health notice says its own window (72 hours for a severe policy warning).
  const window = c.kind === 'account_health' ? (noticeWindow(`${subject ?? ''}\n${c.text}`) ?? undefined) : REPLY_WINDOW[c.kind];
  // The clock runs from the oldest unanswered message: a second message does not buy more time.
  const replyBy = window === undefined ? null : new Date(at.getTime() + window).toISOString();
  patch.reply_by = replyBy === null ? current.reply_by : current.status === 'awaiting_seller' && current.reply_by ? minIso(current.reply_by, replyBy) : replyBy;
  patch.status = status;
  if (status !== 'awaiting_seller') patch.reply_by = null;
  return { patch, event: 'message_in', mayNeedReply: status === 'awaiting_seller' };
}

function summaryOf(c: Classification, subject: string | null): string {
  const words = (c.text || subject || '').replace(/\s+/g, ' ').trim();
  const head = words.length > 120 ? `${words.slice(0, 117)}…` : words;
  return `${c.kind}${c.intents.length ? ` [${c.intents.join(', ')}]` : ''}: ${head}`;
}

function maxIso(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}
