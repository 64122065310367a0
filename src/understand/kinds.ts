// The seller's vocabulary for mail (docs/contract.md): what kind of message it is and what a buyer
// wants. These names are part of the stable `kotae classify --json` output.

export const KINDS = [
  'buyer_message',
  'support_case',
  'atoz_claim',
  'chargeback',
  'return_request',
  'negative_feedback',
  'cs_inquiry',
  'account_health',
  'approval_reply',
  'auto_reply',
  'other',
] as const;
export type Kind = (typeof KINDS)[number];

export const INTENTS = ['return', 'phone_request', 'invoice_request', 'delivery_status', 'defect', 'cancel', 'address_change', 'product_question'] as const;
export type Intent = (typeof INTENTS)[number];

/** Kinds whose text is a buyer speaking: intents are read only for these. */
export const BUYER_FACING_KINDS: readonly Kind[] = ['buyer_message', 'cs_inquiry', 'return_request', 'atoz_claim'];

export type Language = 'ja' | 'en';

/** A kind as the seller's mail and the dossier name it (the JSON keeps the names above). */
const KIND_NAMES: Readonly<Record<Language, Partial<Record<Kind, string>>>> = {
  ja: {
    buyer_message: '購入者からのメッセージ',
    cs_inquiry: 'カスタマーサービスからの連絡',
    return_request: '返品リクエスト',
    atoz_claim: 'Amazonマーケットプレイス保証申請',
    chargeback: 'チャージバック',
    negative_feedback: '低評価',
    account_health: 'アカウント健全性のお知らせ',
    support_case: 'テクニカルサポートからの回答',
  },
  en: {
    buyer_message: 'A buyer message',
    cs_inquiry: 'A customer-service forward',
    return_request: 'A return request',
    atoz_claim: 'An A-to-z Guarantee claim',
    chargeback: 'A chargeback',
    negative_feedback: 'Negative feedback',
    account_health: 'An account health notice',
    support_case: 'A Seller Support answer',
  },
};

/** The kind in the seller's words, or undefined for kinds kotae never names to the seller (and for unknown text). */
export function kindName(kind: string, language: Language): string | undefined {
  return Object.hasOwn(KIND_NAMES[language], kind) ? KIND_NAMES[language][kind as Kind] : undefined;
}
