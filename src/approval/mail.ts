// The words of the mail kotae writes to approvers: approval requests, notices, and feedback on their
// replies. Japanese for JP accounts, English otherwise (config `language`). Pure: text in, text out.
import { kindName, type Language } from '../understand/kinds.ts';
import type { SupportFacts } from '../understand/support-facts.ts';
import { supportFactBlock } from '../understand/support-facts-text.ts';
import { relative, sellerTime } from '../shared/time.ts';
import { RULE_MESSAGES_JA, type RuleName } from '../respond/guard/index.ts';
import { historyLine, MODE_JA, type HistoryItem } from './history.ts';
import { draftMarkers } from './markers.ts';

type Violation = { rule: string; excerpt: string; message: string };

/** A list item's mark: the Japanese nakaguro, or an English dash. */
function bullet(lang: Language): string {
  return lang === 'ja' ? '・' : '- ';
}

/** One line per violation, the rule's sentence in the approver's language (the rule's id, English, only in English). */
function violationLine(v: Violation, lang: Language): string {
  const sentence = lang === 'ja' ? (RULE_MESSAGES_JA[v.rule as RuleName] ?? v.message) : v.message;
  return lang === 'ja' ? `・「${v.excerpt}」: ${sentence}` : `- ${v.rule}: "${v.excerpt}" ${sentence}`;
}

export interface DraftFacts {
  draftId: number;
  revision: number;
  caseId: number;
  orderId: string | null;
  supportCaseId: string | null;
  buyerName: string | null;
  audience: 'buyer' | 'amazon';
  template: string | null;
  play: string;
  mode: 'approval' | 'auto' | 'notify';
  body: string;
  to: string | null;
  note: string | null;
  violations: { rule: string; excerpt: string; message: string }[];
  placeholders: string[];
  replyBy: string | null;
  /** The message being answered. */
  incoming: { kind: string; subject: string | null; text: string; receivedAt: string };
  /** The case's recent timeline, oldest first. */
  history: HistoryItem[];
  /** A Seller Support case's fault and money (support-facts.ts). */
  support?: SupportFacts | null;
}

export interface MailText {
  subject: string;
  text: string;
}

interface Ctx {
  language: Language;
  timezone: string;
  now: Date;
}

/**
 * Plays whose notice says no reply is needed (a thank-you): told as news, never as 要対応, and never
 * reminded of. The playbook's id, since the seller's playbook may add conditions but keeps the id.
 */
export const NO_REPLY_PLAYS: ReadonlySet<string> = new Set(['thanks-only']);

/** Whom a mail is about, as approvers read it: the buyer (and order) or the Seller Support case. */
export function who(f: Pick<DraftFacts, 'audience' | 'supportCaseId' | 'buyerName' | 'orderId'>, lang: Language): string {
  if (f.audience === 'amazon') return lang === 'ja' ? `テクニカルサポート（ケースID ${f.supportCaseId ?? '不明'}）` : `Seller Support (case ${f.supportCaseId ?? '?'})`;
  if (lang === 'ja') {
    const name = f.buyerName?.trim() ? (/(?:様|さま|さん|殿)$/.test(f.buyerName.trim()) ? f.buyerName.trim() : `${f.buyerName.trim()}様`) : 'お客様';
    return f.orderId ? `${name}（注文番号 ${f.orderId}）` : name;
  }
  const name = f.buyerName ?? 'the buyer';
  return f.orderId ? `${name}, order ${f.orderId}` : name;
}

/** A reply-by time in the seller's zone and language, with how far off it is (one reading of the clock). */
function replyByText(replyBy: string, timezone: string, now: Date, lang: Language): string {
  const off = relative(replyBy, now, lang, 'overdue');
  return lang === 'ja' ? `${sellerTime(replyBy, timezone, 'ja')}（${off}）` : `${sellerTime(replyBy, timezone, 'en')} (${off})`;
}

/**
 * Notices whose answer window is Amazon's own, shown on the claim in Seller Central: the case's 24-hour
 * clock (from an earlier buyer message, say) is not their deadline, so none is printed as one.
 */
const OWN_WINDOW: Readonly<Record<string, { ja: string; en: string }>> = {
  atoz_claim: { ja: 'セラーセントラルの「Amazonマーケットプレイス保証申請」ページに表示される期限をご確認ください', en: 'see the deadline shown on the claim in Seller Central' },
  chargeback: { ja: 'セラーセントラルの「チャージバック申請」ページに表示される期限をご確認ください', en: 'see the deadline shown on the chargeback in Seller Central' },
};

function deadline(f: DraftFacts, c: Ctx): string | null {
  const own = OWN_WINDOW[f.incoming.kind];
  if (own) return c.language === 'ja' ? `回答期限: ${own.ja}` : `Respond by: ${own.en}`;
  if (!f.replyBy) return null;
  const when = replyByText(f.replyBy, c.timezone, c.now, c.language);
  if (c.language !== 'ja') return `${NO_REPLY_PLAYS.has(f.play) ? 'Mark it "no response needed" by' : 'Reply by'}: ${when}`;
  return `${NO_REPLY_PLAYS.has(f.play) ? '「返信不要」にする期限' : '返信期限'}: ${when}`;
}

/** What stops a draft, and what to do: edit and reply (an approval mail), or edit before pasting (a notice). */
function guardSection(f: DraftFacts, lang: Language, paste = false): string[] {
  const out: string[] = [];
  if (f.violations.length) {
    if (lang === 'ja') out.push(paste ? '■ 規約チェックに引っかかる箇所があります（このままでは送れません。直してからお使いください）' : '■ 規約チェックで止まりました（このままでは送信できません。直して返信してください）');
    else out.push(paste ? '■ The policy check found problems (do not send it as is: fix them before you paste it)' : '■ The policy check stopped this draft (it cannot be sent as is: edit it and reply)');
    for (const v of f.violations) out.push(violationLine(v, lang));
    out.push('');
  }
  if (f.placeholders.length) {
    if (lang === 'ja') out.push(paste ? '■ 要記入の箇所があります（書き換えてからお使いください）' : '■ 要記入の箇所があります（書き換えてから返信してください）');
    else out.push(paste ? '■ Fill in these places before you paste it' : '■ Fill in these places before sending (edit and reply)');
    for (const p of f.placeholders) out.push(`${bullet(lang)}${p}`);
    out.push('');
  }
  return out;
}

function contextSection(f: DraftFacts, c: Ctx): string[] {
  const lang = c.language;
  const received = sellerTime(f.incoming.receivedAt, c.timezone, lang);
  const out = [lang === 'ja' ? `■ ${f.audience === 'amazon' ? 'Amazonからのメッセージ' : f.incoming.kind === 'buyer_message' ? '購入者からのメッセージ' : `${kindName(f.incoming.kind, 'ja') ?? 'Amazonからの連絡'}の内容`}（${received} 受信）` : `■ ${f.audience === 'amazon' ? "Amazon's message" : "The buyer's message"} (received ${received})`];
  out.push(f.incoming.text.trim() || f.incoming.subject || '');
  out.push('');
  if (f.history.length) {
    out.push(lang === 'ja' ? '■ これまでの経緯' : '■ History of the case');
    for (const h of f.history) out.push(`${bullet(lang)}${historyLine(h, lang, c.timezone)}`);
    out.push('');
  }
  const mode = lang === 'ja' ? MODE_JA[f.mode] : f.mode;
  const check = f.audience === 'amazon' || !f.body.trim() ? (lang === 'ja' ? '対象外' : 'not applied') : f.violations.length ? (lang === 'ja' ? `${f.violations.length} 件の違反` : `${f.violations.length} violation(s)`) : lang === 'ja' ? '問題なし' : 'passed';
  out.push(lang === 'ja' ? `テンプレート: ${f.template ?? '-'} / 方式: ${mode} / 規約チェック: ${check}` : `Template: ${f.template ?? '-'} / mode: ${mode} / policy check: ${check}`);
  // A notice with nothing prepared has no draft to name.
  const draft = f.body.trim() ? (lang === 'ja' ? ` / 返信案 #${f.draftId}（第${f.revision}版）` : ` / draft #${f.draftId} (revision ${f.revision})`) : '';
  out.push(lang === 'ja' ? `kotae ケース #${f.caseId}${draft}${f.to ? ` / 宛先 ${f.to}` : ''}` : `kotae case #${f.caseId}${draft}${f.to ? ` / to ${f.to}` : ''}`);
  return out;
}

export function approvalRequest(f: DraftFacts, token: string, c: Ctx): MailText {
  const ja = c.language === 'ja';
  const subject = ja ? `[kotae #${token}] 返信の承認: ${who(f, 'ja')}` : `[kotae #${token}] Approve reply: ${who(f, 'en')}`;
  const lines: string[] = [];
  lines.push(ja ? `${who(f, 'ja')}への返信案です。` : `Draft reply to ${who(f, 'en')}.`);
  const due = deadline(f, c);
  if (due) lines.push(due);
  lines.push('');
  if (f.note) lines.push(f.note, '');
  if (f.support) lines.push(...supportFactBlock(f.support, c.language), '');
  lines.push(...guardSection(f, c.language));
  if (ja) {
    lines.push('■ 操作方法（このメールに返信してください）', '・そのまま送る: 1行目に「承認」または「OK」', '・送らない: 1行目に「却下」または「NG」', '・直して送る: 下の「返信案ここから」「返信案ここまで」の2行ごと返信の本文にコピーし、間の文を直して返信', '');
  } else {
    lines.push('How to answer (reply to this email):', '- Send as is: write "approve" or "OK" on the first line', '- Don\'t send: write "reject" on the first line', '- Edit and send: copy the two marker lines and the text between them into your reply, change the text, send', '');
  }
  lines.push(draftMarkers(c.language).begin, f.body.trim(), draftMarkers(c.language).end, '');
  lines.push(...contextSection(f, c));
  return { subject, text: lines.join('\n') };
}

export function noticeMail(f: DraftFacts, c: Ctx): MailText {
  const ja = c.language === 'ja';
  const kindLabel = kindName(f.incoming.kind, ja ? 'ja' : 'en') ?? (ja ? 'お知らせ' : 'Notice');
  // A thank-you needs nothing from the seller but a click: news, not 要対応.
  const news = NO_REPLY_PLAYS.has(f.play);
  const subject = ja ? `[kotae] ${news ? 'お知らせ（返信不要）' : '要対応'}: ${kindLabel} ${who(f, 'ja')}` : `[kotae] ${news ? 'For your information (no reply needed)' : 'Action needed'}: ${kindLabel}, ${who(f, 'en')}`;
  const lines: string[] = [];
  if (news) lines.push(ja ? `${who(f, 'ja')}からのメッセージです。` : `A message from ${who(f, 'en')}.`);
  else lines.push(ja ? `この連絡は「${kindLabel}」です。kotae では返信案を作成しません。セラーセントラルで直接ご対応ください。` : `${kindLabel}. kotae does not answer this itself.`);
  const due = deadline(f, c);
  if (due) lines.push(due);
  lines.push('');
  if (f.note) lines.push(f.note, '');
  if (f.support) lines.push(...supportFactBlock(f.support, c.language), '');
  if (f.body.trim()) {
    lines.push(...guardSection(f, c.language, true));
    lines.push(ja ? '■ 用意した文面（セラーセントラルに貼り付けてお使いください）' : '■ Prepared text (paste it into Seller Central)');
    lines.push(draftMarkers(c.language).begin, f.body.trim(), draftMarkers(c.language).end, '');
  }
  lines.push(...contextSection(f, c));
  return { subject, text: lines.join('\n') };
}

export type FeedbackReason =
  | { type: 'blocked'; violations: { rule: string; excerpt: string; message: string }[] }
  | { type: 'placeholders'; placeholders: string[] }
  | { type: 'not-understood' }
  | { type: 'stale'; state: string }
  | { type: 'send-failed'; error: string }
  | { type: 'sent' };

/** A short answer to the approver about their reply (or about the send). */
export function feedbackMail(f: Pick<DraftFacts, 'draftId' | 'caseId' | 'orderId' | 'supportCaseId' | 'buyerName' | 'audience'>, reason: FeedbackReason, c: Ctx): MailText {
  const ja = c.language === 'ja';
  const ref = who(f, c.language);
  const subject = ja ? `[kotae] 返信案 #${f.draftId}: ${ref}` : `[kotae] Draft #${f.draftId}: ${ref}`;
  const lines: string[] = [];
  switch (reason.type) {
    case 'blocked':
      lines.push(ja ? '直していただいた文面は、規約チェックで止まったため送信していません。' : 'Your edited text was not sent: the policy check stopped it.');
      for (const v of reason.violations) lines.push(violationLine(v, c.language));
      lines.push('', ja ? '新しい承認メールをお送りします。そちらに返信してください。' : 'A new approval mail follows; reply to that one.');
      break;
    case 'placeholders':
      lines.push(ja ? '要記入の箇所が残っているため送信していません:' : 'Not sent: these places still need to be filled in:');
      for (const p of reason.placeholders) lines.push(`${bullet(c.language)}${p}`);
      lines.push('', ja ? '新しい承認メールをお送りします。' : 'A new approval mail follows.');
      break;
    case 'not-understood':
      lines.push(ja ? 'ご返信の内容を読み取れませんでした。1行目に「承認」「却下」のどちらかを書いて返信するか、返信案を修正する場合は、「返信案ここから」「返信案ここまで」の2行も含めてコピーし、その間の本文を書き換えて返信してください。承認メールはまだ有効です。' : 'kotae could not tell what your reply meant. Write "approve" or "reject" on the first line, or copy both marker lines with your edited text. The approval mail is still valid.');
      break;
    case 'stale':
      lines.push(ja ? `この返信案はすでに処理済みです（${STATE_JA[reason.state] ?? '処理済み'}）。何も送信していません。` : `This draft was already handled (state: ${reason.state}). Nothing was sent.`);
      break;
    case 'send-failed':
      lines.push(ja ? '送信できませんでした。メールサーバーの応答:' : 'Sending failed. The reason:', ja ? `「${reason.error}」` : reason.error, '', ja ? 'セラーセントラルから直接返信してください。' : 'Please answer from Seller Central instead.');
      break;
    case 'sent':
      lines.push(f.audience === 'amazon' ? (ja ? 'テクニカルサポートに送信しました。' : 'Sent to Seller Support.') : ja ? '購入者に送信しました。' : 'Sent to the buyer.');
      break;
  }
  lines.push('', ja ? `kotae ケース #${f.caseId}` : `kotae case #${f.caseId}`);
  return { subject, text: lines.join('\n') };
}

/** A draft's state as the seller says it. */
const STATE_JA: Record<string, string> = {
  awaiting_approval: '承認待ち',
  approved: '承認済み、送信待ち',
  queued: '送信待ち',
  sent: '送信済み',
  rejected: '却下済み',
  superseded: '新しい版に差し替え済み',
  notify: 'お知らせのみ',
  failed: '送信失敗',
};
