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
