// The facts a template gets (RenderData), gathered from the case, the message being answered and
// the account. Absent facts are null, never invented.
import type { AccountConfig } from '../config/schema.ts';
import type { Classification } from '../understand/classify.ts';
import type { Language } from '../understand/kinds.ts';
import type { Db } from '../store/index.ts';
import type { CaseRow, MessageRow } from '../store/schema.ts';
import { DAY } from '../shared/clock.ts';
import type { RenderData } from './render-data.ts';

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
}

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
  return {
    language: input.language,
    marketplace: caseRow.marketplace ?? account.marketplace,
    timezone: input.timezone,
    now: now.toISOString(),
    account: { id: account.id, shopName: account.shopName ?? account.id, address: account.address },
    buyer: { name: caseRow.buyer_name, relayAddress: caseRow.buyer_alias },
    order: { id: caseRow.order_id ?? c.orderId ?? null, asin: c.asin ?? null, sku: c.sku ?? null, itemTitle: c.itemTitle ?? null, fulfilment: account.fulfilment },
    message: {
      kind: message.kind ?? 'other',
      subject: message.subject ?? '',
      text: message.buyer_text ?? '',
      receivedAt: message.date ?? message.stored_at,
      intents: c.intents ?? [],
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
    },
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
