// A Seller Support case's facts as the seller reads them in kotae's mail and terminal: who is at
// fault, and each amount with where it stands. Japanese for a Japanese account. Pure.
import { formatMoney } from '../respond/money.ts';
import type { Language } from './kinds.ts';
import type { FaultParty, MoneyState, SupportFacts } from './support-facts.ts';

const PARTY: Record<Language, Record<FaultParty, string>> = {
  ja: { amazon: 'Amazon', seller: '出品者', unclear: '不明' },
  en: { amazon: 'Amazon', seller: 'the seller', unclear: 'unclear' },
};

const STATE: Record<Language, Record<MoneyState, string>> = {
  // Amazon pays the seller: 入金, never 支払.
  ja: { claimed: '請求中', promised: '補填の約束あり・未入金', paid: '入金済み', refused: '対象外との回答' },
  en: { claimed: 'claimed', promised: 'promised, not paid yet', paid: 'paid', refused: 'refused' },
};

export function faultText(fault: SupportFacts['fault'], language: Language): string {
  const party = PARTY[language][fault.party];
  if (language === 'ja') return `責任の所在: ${party}${fault.disputed ? '（争いあり）' : ''}`;
  return `Fault: ${party}${fault.disputed ? ' (disputed)' : ''}`;
}

export function moneyItemText(m: SupportFacts['money'][number], language: Language): string {
  const amount = formatMoney(m.amount, m.currency, language);
  // Japanese puts what before the amount and the state in brackets; an em dash is not Japanese punctuation.
  if (language === 'ja') return `${m.what ? `${m.what} ` : ''}${amount}（${STATE.ja[m.state]}）`;
  return `${amount}${m.what ? ` ${m.what}` : ''} — ${STATE.en[m.state]}`;
}

export function moneyStateText(state: MoneyState, language: Language): string {
  return STATE[language][state];
}

export function partyText(party: FaultParty, language: Language): string {
  return PARTY[language][party];
}

/** One or two lines: the fault, and the money when there is any. */
export function supportFactLines(facts: SupportFacts, language: Language): string[] {
  const lines = [faultText(facts.fault, language)];
  if (facts.money.length) lines.push(`${language === 'ja' ? '金額' : 'Money'}: ${facts.money.map((m) => moneyItemText(m, language)).join(language === 'ja' ? '、' : '; ')}`);
  return lines;
}

/** The same on one line, for the digest; null when nothing is known yet. */
export function supportFactSummary(facts: SupportFacts, language: Language): string | null {
  if (facts.fault.party === 'unclear' && !facts.fault.disputed && facts.money.length === 0) return null;
  if (language !== 'ja') return supportFactLines(facts, language).join(' / ');
  // In a list line, labels without colons: ケースID 148… 責任の所在 Amazon／在庫保管手数料 3,240円（…）.
  const fault = `責任の所在 ${PARTY.ja[facts.fault.party]}${facts.fault.disputed ? '（争いあり）' : ''}`;
  return [fault, ...(facts.money.length ? [facts.money.map((m) => moneyItemText(m, 'ja')).join('、')] : [])].join('／');
}

/** The facts for an approval mail or notice, with how to correct them by reply. */
export function supportFactBlock(facts: SupportFacts, language: Language): string[] {
  const hint =
    language === 'ja'
      ? '（訂正やメモの記録は、1行目に「責任: Amazon」「金額: 3240円 在庫保管手数料 請求中」「メモ: …」のように書いて、このメールに返信してください）'
      : '(To correct these or add a note, reply with a first line such as "Fault: amazon", "Money: 214.80 USD storage fees claimed" or "Note: …")';
  return [...supportFactLines(facts, language), hint];
}
