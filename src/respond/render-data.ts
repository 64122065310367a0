// What a reply template can use: the data kotae gathers about the case before rendering. Templates
// name these paths (`{{buyer.name}}`, `{{order.id}}`); a template's `needs` lists the ones it cannot
// do without. Absent facts are null, never invented.
import type { Intent, Kind, Language } from '../understand/kinds.ts';

export interface RenderData {
  /** The language of this rendering (the buyer's, or the account's for Seller Support). */
  language: Language;
  marketplace: string;
  /** IANA time zone of the seller (config `timezone`), used by the date helpers. */
  timezone: string;
  now: string;
  account: {
    id: string;
    shopName: string;
    address: string;
  };
  buyer: {
    /** Display name as the relay gives it ("Josh", "山田"), or null. */
    name: string | null;
    relayAddress: string | null;
  };
  order: {
    id: string | null;
    asin: string | null;
    sku: string | null;
    itemTitle: string | null;
    /** fba: Amazon handles returns and customer service; merchant: the seller does. */
    fulfilment: 'fba' | 'merchant';
  };
  /** The message being answered. */
  message: {
    kind: Kind;
    subject: string;
    /** The buyer's (or Amazon's) own words, without Amazon's wrapper and quoted history. */
    text: string;
    receivedAt: string;
    intents: Intent[];
  };
  case: {
    /** kotae's case number. */
    id: number;
    /** Amazon Seller Support case ID, for support cases. */
    supportCaseId: string | null;
    /** For a new Seller Support case: the earlier case it continues ("ケースID:…の件で"). */
    previousSupportCaseId: string | null;
    openedAt: string;
    replyBy: string | null;
    /** How many answers Amazon has given on this Seller Support case. */
    amazonAnswers: number;
    /** Days since the seller's last message on the case without an answer from Amazon. */
    daysWaiting: number;
    /** The last answer from Amazon, as text (for quoting a sentence back). */
    lastAmazonAnswer: string | null;
  };
}
