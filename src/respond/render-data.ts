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
    /** The seller ID (Merchant Token) from the account's `sellerId`, or null. */
    sellerId: string | null;
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
    /**
     * The product as a shop names it in a sentence ("電気ケトル", "Hinoki Cutting Board"): the seller's
     * own name for the ASIN or SKU (config `productNames`), else the listing title cut short
     * (productName below); null when neither is known.
     */
    productName: string | null;
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
    /** The buyer says the mistake was theirs ("よく測らずに注文してしまった", "I ordered the wrong size"). */
    ownMistake: boolean;
    /** For a receipt: the addressee (宛名) and the note (但し書き) the buyer asked for, as written. */
    receiptAddressee: string | null;
    receiptNote: string | null;
    /** The buyer says the order has not arrived or is late ("まだ届きません", "hasn't arrived"). */
    saysLate: boolean;
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
    /** Where the seller reads and answers this case in Seller Central (the Case Log), or null. */
    caseLogUrl: string | null;
    /** For a new case: the last answer Amazon gave on the earlier case, as text. */
    previousAnswer: string | null;
    /** The shop has already written on this case: a follow-up opens with thanks for the reply, not the first greeting. */
    repliedBefore: boolean;
  };
  /** What kotae knows of a Seller Support case: who is at fault, and the money at stake. */
  support: {
    /** amazon, seller or unclear: by Amazon's latest statement (or the seller's note). */
    fault: 'amazon' | 'seller' | 'unclear';
    /** Amazon's statements disagree with each other, or the seller disputes them. */
    disputed: boolean;
    /** Amazon's own sentence admitting the fault, as written, and when it was said. */
    admission: { quote: string; at: string } | null;
    /** Amazon's sentence putting the fault on the seller, as written. */
    blame: { quote: string; at: string } | null;
    /** Each amount at stake, written for the letter's language ("3,240円", "$214.80"). */
    money: { amount: string; what: string; state: 'claimed' | 'promised' | 'paid' | 'refused' }[];
    /** The amounts not paid yet, added up (one currency), or null. */
    unpaidTotal: string | null;
    /** When Amazon promised the payment still missing, or null. */
    promisedAt: string | null;
    /** Stock answers Amazon gave on this case so far. */
    stockAnswers: number;
  };
}

// What kotae reads in the buyer's words and the listing, for the templates. Pure, and general: no
// product, shop or buyer is named here.

const OPENING_BRACKETS = /^\s*(?:【[^】]*】|\[[^\]]*\]|［[^］]*］|（[^）]*）|\([^)]*\)|《[^》]*》|〈[^〉]*〉|<[^>]*>)\s*/;
/** Where a listing title stops naming the product: a bracket, a slash or bar, a comma, a dash between words. */
const NAME_ENDS = /[【[［（(《〈<／/|｜,，、]|\s[-–—]\s/;

/**
 * A listing title cut to the product's name: opening brackets (【送料無料】, [Brand]) and the shop's own
 * name dropped, cut at the first bracket, slash, bar or comma, specs (words with digits: 500ml, 2段,
 * 幅65～90cm) left out; a Japanese name keeps its first word (and the next, when the first is a short
 * modifier such as 伸縮式 or 有田焼), an English one its first six words.
 */
export function productName(title: string | null, shopName: string | null = null): string | null {
  let t = (title ?? '').trim();
  for (let i = 0; i < 5 && OPENING_BRACKETS.test(t); i++) t = t.replace(OPENING_BRACKETS, '');
  if (shopName && t.toLowerCase().startsWith(shopName.toLowerCase())) t = t.slice(shopName.length).trim();
  const cut = NAME_ENDS.exec(t);
  if (cut) t = t.slice(0, cut.index);
  const words = t.split(/[\s\u3000]+/).filter((w) => w !== '' && !/[0-9０-９]/.test(w));
  if (words.length === 0) return null;
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(words.join(''))) {
    const first = words[0]!;
    return first.length <= 3 && words[1] ? `${first} ${words[1]}` : first;
  }
  return words.slice(0, 6).join(' ');
}

const OWN_MISTAKE = [
  /(?:私|わたし|自分|こちら|当方)の(?:落ち度|ミス|不注意|勘違い|確認不足|間違い)/,
  /(?:間違えて|誤って|うっかり)(?:注文|購入|買って)/,
  /よく(?:確認|測ら|調べ|見)(?:せ)?ずに/,
  /(?:サイズ|色|カラー|型番|商品)を(?:間違え|選び間違え)/,
  /\bmy (?:own )?(?:mistake|fault|bad|error)\b/i,
  /\bI (?:accidentally|mistakenly)\b/i,
  /\bI (?:ordered|bought|picked|chose) the wrong\b/i,
  /\bby mistake\b/i,
  /\bI (?:didn't|did not) (?:measure|check|read)\b/i,
];

/** The buyer says the mistake was theirs: the reply thanks them for writing rather than apologising. */
export function ownMistake(text: string): boolean {
  return OWN_MISTAKE.some((p) => p.test(text));
}

const LATE = [
  /(?:まだ|未だ|いまだ(?:に)?)\s*(?:届|到着|配達され)/,
  /(?:届|到着し|配達され)(?:きません|かない|いていない|いていません|いてない|ていない|ていません|ません)/,
  /(?:お届け|配達|到着)予定日?を(?:過ぎ|すぎ)/,
  /\b(?:has ?n[o']t|have ?n[o']t|did ?n[o']t|not yet|never) (?:arrived|been delivered|received|come)\b/i,
  /\b(?:is|was|running) late\b/i,
  /\bpast the (?:expected )?delivery date\b/i,
];

/** The buyer says the order has not come or is late: the delivery reply apologises and looks into it. */
export function saysLate(text: string): boolean {
  return LATE.some((p) => p.test(text));
}

const QUOTED = '[「『"“]([^」』"”\n]{1,60})[」』"”]';

/** The addressee (宛名) and note (但し書き) a buyer asked to have on a receipt, as written, or null. */
export function receiptRequest(text: string): { addressee: string | null; note: string | null } {
  const field = (label: string) => new RegExp(`(?:${label})(?:は|を|：|:|\\s)*${QUOTED}`).exec(text)?.[1]?.trim() ?? null;
  return {
    addressee: field('宛名|宛先名|addressed to|made out to|name on the receipt'),
    note: field('但し書き|但書き|ただし書き|但書|description'),
  };
}
