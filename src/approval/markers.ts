// The lines that frame a draft inside an approval mail. Each mail writes them in the approver's
// language; the parser knows both and never depends on the account's language, so a line copied from
// either (or from an older mail, bilingual) works. An approver edits a draft by keeping both lines and
// changing the text between them.
import type { Language } from '../understand/kinds.ts';

export const DRAFT_BEGIN = '==== kotae 返信案ここから / DRAFT BEGINS ====';
export const DRAFT_END = '==== kotae 返信案ここまで / DRAFT ENDS ====';

const MARKERS: Record<Language, { begin: string; end: string }> = {
  ja: { begin: '==== kotae 返信案ここから ====', end: '==== kotae 返信案ここまで ====' },
  en: { begin: '==== kotae DRAFT BEGINS ====', end: '==== kotae DRAFT ENDS ====' },
};

export function draftMarkers(language: Language): { begin: string; end: string } {
  return MARKERS[language];
}

/** Recognises a begin/end line even after a mail client quoted it ("> ") or an IME widened it. */
export const DRAFT_BEGIN_PATTERN = /(?:返信案ここから|DRAFT BEGINS)/i;
export const DRAFT_END_PATTERN = /(?:返信案ここまで|DRAFT ENDS)/i;

/**
 * The approval token: 26 characters of lowercase base32 (130 random bits). It appears in the approval
 * mail's Reply-To (`shop+kotae-<token>@example.com`) and subject (`[kotae #<token>]`).
 */
export const TOKEN_PATTERN = /kotae[-#\s]*([a-z2-7]{26})\b/i;

/**
 * Every token a reply carries: in the address it was sent to (the plus-address, or a configured
 * `approval.replyAddress` such as `kotae-<token>@approvals.example.com`) and in the subject.
 */
export function tokensIn(toAddresses: string[], subject: string | null): string[] {
  const found = new Set<string>();
  for (const address of toAddresses) {
    const m = /kotae-([a-z2-7]{26})@/i.exec(address);
    if (m) found.add(m[1]!.toLowerCase());
  }
  const s = subject ? TOKEN_PATTERN.exec(subject) : null;
  if (s) found.add(s[1]!.toLowerCase());
  return [...found];
}
