// The guard's rule names (stable: they appear in `kotae guard --json` and in stored verdicts) and the
// sentence shown to the seller for each. The order is the order violations are reported in.

export const RULE_MESSAGES = {
  empty: 'The message body is blank.',
  'contact-phone': 'Phone numbers may not be sent to a buyer.',
  'contact-email': 'Email addresses may not be sent to a buyer.',
  'contact-channel': 'Inviting the buyer to another channel or asking for their contact details is not allowed.',
  link: 'Links and web addresses to outside sites are not allowed.',
  marketing: 'Marketing, promotions and referrals to other products are not allowed.',
  'review-request': 'Asking for, steering or changing a review, rating or feedback is not allowed.',
  'review-incentive': 'Offering anything in return for a review or feedback is not allowed.',
  'resembles-violation': "This reads like messages that break Amazon's rules (review requests or rewards, contact details, promotion, selling off Amazon); rephrase the part quoted.",
  emoji: 'Emoji and pictographs are not allowed.',
  html: 'Only basic HTML (p, br, b, strong, i, em, lists) without styling is allowed.',
  'line-breaks': 'More than two line breaks in a row are not allowed.',
  language: "The message must be written in the buyer's language.",
  length: 'The message is longer than the configured maximum.',
  'attachment-type': 'Only PDF, JPEG, PNG, GIF or plain-text attachments are allowed.',
  'attachment-size': 'Attachments over the size limit (10 MB by default) are not allowed.',
} as const;

export type RuleName = keyof typeof RULE_MESSAGES;

/** The same sentences for a Japanese seller (approval mails and feedback are in the seller's language). */
export const RULE_MESSAGES_JA: Record<RuleName, string> = {
  empty: '本文が空です。',
  'contact-phone': '購入者に電話番号を送ることはできません。',
  'contact-email': '購入者にメールアドレスを送ることはできません。',
  'contact-channel': '他の連絡手段への誘導や、購入者の連絡先を尋ねることはできません。',
  link: '外部サイトへのリンクやURLは送れません。',
  marketing: '宣伝、販促、他の商品への誘導はできません。',
  'review-request': 'レビューや評価の依頼・誘導・変更の依頼はできません。',
  'review-incentive': 'レビューや評価と引き換えに何かを提供することはできません。',
  'resembles-violation': 'この下書きには、Amazonのガイドラインに反するメッセージ（レビューの依頼や見返りの提供、連絡先の交換、宣伝、Amazon以外での取引への誘導）と似た表現があります。引用した部分を言い換えてください。',
  emoji: '絵文字は使えません。',
  html: '使えるHTMLは装飾のない基本的なもの（p, br, b, strong, i, em, リスト）だけです。',
  'line-breaks': '3行以上続けて改行することはできません。',
  language: '購入者と同じ言語で書く必要があります。',
  length: '本文が長すぎます。',
  'attachment-type': '添付できるのはPDF、JPEG、PNG、GIF、テキストだけです。',
  'attachment-size': '添付ファイルが大きすぎます（既定では10MBまで）。',
};

export const RULE_NAMES = Object.keys(RULE_MESSAGES) as RuleName[];

/** The rules whose word lists and patterns live in the rules file. */
export const PHRASE_RULES = ['contact-channel', 'marketing', 'review-request', 'review-incentive'] as const;
export type PhraseRule = (typeof PHRASE_RULES)[number];
