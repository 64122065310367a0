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
  emoji: 'Emoji and pictographs are not allowed.',
  html: 'Only basic HTML (p, br, b, strong, i, em, lists) without styling is allowed.',
  'line-breaks': 'More than two line breaks in a row are not allowed.',
  language: "The message must be written in the buyer's language.",
  length: 'The message is longer than the configured maximum.',
  'attachment-type': 'Only PDF, JPEG, PNG, GIF or plain-text attachments are allowed.',
  'attachment-size': 'Attachments over the size limit (10 MB by default) are not allowed.',
} as const;

export type RuleName = keyof typeof RULE_MESSAGES;

export const RULE_NAMES = Object.keys(RULE_MESSAGES) as RuleName[];

/** The rules whose word lists and patterns live in the rules file. */
export const PHRASE_RULES = ['contact-channel', 'marketing', 'review-request', 'review-incentive'] as const;
export type PhraseRule = (typeof PHRASE_RULES)[number];
