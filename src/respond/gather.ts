// The facts a template gets (RenderData), gathered from the case, the message being answered and
// the account. Absent facts are null, never invented.
import type { AccountConfig } from '../config/schema.ts';
import type { Classification } from '../understand/classify.ts';
import type { Language } from '../understand/kinds.ts';
import type { Db } from '../store/index.ts';
import type { CaseRow, MessageRow } from '../store/schema.ts';
import { DAY } from '../shared/clock.ts';
import { ownMistake, productName, receiptRequest, saysLate, type RenderData } from './render-data.ts';
import { caseLogUrl } from '../outbox/case-log.ts';
import type { Playbook } from './playbook.ts';
import { supportHistory, supportRenderData, type SupportHistory } from './support-history.ts';

export type StoredClassification = Omit<Classification, 'text'>;

export function classificationOf(message: MessageRow): StoredClassification {
  return JSON.parse(message.classification_json ?? '{}') as StoredClassification;
}

/** The language approvers read, and Seller Support is written to: the account's, else by marketplace. */
export function accountLanguage(account: Pick<AccountConfig, 'language' | 'marketplace'>): Language {
  return account.language ?? (account.marketplace === 'JP' ? 'ja' : 'en');
}

export interface GatherInput {
  account: AccountConfig;
  caseRow: CaseRow;
  message: MessageRow;
  language: Language;
  timezone: string;
  now: Date;
  /** The case's Seller Support history, when the caller has it already (the ladder read it). */
  history?: SupportHistory;
  /** How stock answers are told (the playbook's); without it only repeated answers count. */
  boilerplate?: Playbook['boilerplate'];
}

/** Nothing known: what a buyer case, or a support case without facts, gives templates. */
const NO_SUPPORT: RenderData['support'] = { fault: 'unclear', disputed: false, admission: null, blame: null, money: [], unpaidTotal: null, promisedAt: null, stockAnswers: 0 };

export async function gatherRenderData(db: Db, input: GatherInput): Promise<RenderData> {
  const { account, caseRow, message, now } = input;
  const c = classificationOf(message);
  const lastAnswer = await db
    .selectFrom('messages')
    .select('buyer_text')
    .where('case_id', '=', caseRow.id)
    .where('kind', '=', 'support_case')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastOut = caseRow.last_outbound_at;
  const receipt = receiptRequest(message.buyer_text ?? '');
  const history = caseRow.kind !== 'support' ? undefined : (input.history ?? (await supportHistory(db, caseRow, input.boilerplate ?? { minPhrases: 1, repeatShare: 0.6, phrases: [] })));
  const marketplace = caseRow.marketplace ?? account.marketplace;
  return {
    language: input.language,
    marketplace,
    timezone: input.timezone,
    now: now.toISOString(),
    account: { id: account.id, shopName: account.shopName ?? account.id, address: account.address, sellerId: account.sellerId ?? null },
    buyer: { name: caseRow.buyer_name, relayAddress: caseRow.buyer_alias },
    order: {
      id: caseRow.order_id ?? c.orderId ?? null,
      asin: c.asin ?? null,
      sku: c.sku ?? null,
      itemTitle: c.itemTitle ?? null,
      // The seller's own name for the product wins over one cut from the listing title.
      productName: (c.asin ? account.productNames?.[c.asin] : undefined) ?? (c.sku ? account.productNames?.[c.sku] : undefined) ?? productName(c.itemTitle ?? null, account.shopName ?? null),
      fulfilment: account.fulfilment,
    },
    message: {
      kind: message.kind ?? 'other',
      subject: message.subject ?? '',
      text: message.buyer_text ?? '',
      receivedAt: message.date ?? message.stored_at,
      intents: c.intents ?? [],
      ownMistake: ownMistake(message.buyer_text ?? ''),
      receiptAddressee: receipt.addressee,
      receiptNote: receipt.note,
      saysLate: saysLate(`${message.subject ?? ''}\n${message.buyer_text ?? ''}`),
    },
    case: {
      id: caseRow.id,
      supportCaseId: caseRow.support_case_id,
      previousSupportCaseId: caseRow.previous_support_case_id,
      openedAt: caseRow.opened_at,
      replyBy: caseRow.reply_by,
      amazonAnswers: caseRow.amazon_answers,
      daysWaiting: lastOut && caseRow.status === 'awaiting_amazon' ? Math.floor((now.getTime() - new Date(lastOut).getTime()) / DAY) : 0,
      lastAmazonAnswer: lastAnswer?.buyer_text ?? null,
      caseLogUrl: caseRow.support_case_id ? caseLogUrl(marketplace, caseRow.support_case_id) : null,
      previousAnswer: history?.previousAnswer ?? null,
      repliedBefore: lastOut !== null,
    },
    support: history ? supportRenderData(history, input.language) : NO_SUPPORT,
  };
}

/** Earlier answers from Amazon on the case (for the stock-answer judgement), oldest first. */
export async function earlierSupportAnswers(db: Db, caseId: number, beforeMessageId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('buyer_text')
    .where('case_id', '=', caseId)
    .where('kind', '=', 'support_case')
    .where('id', '<', beforeMessageId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.buyer_text ?? '');
}
