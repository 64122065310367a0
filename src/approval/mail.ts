// The words of the mail kotae writes to approvers: approval requests, notices, and feedback on their
// replies. Japanese for JP accounts, English otherwise (config `language`). Pure: text in, text out.
import type { Language } from '../understand/kinds.ts';
import { formatLocal, relative } from '../shared/time.ts';
import { RULE_MESSAGES_JA, type RuleName } from '../respond/guard/index.ts';
import { DRAFT_BEGIN, DRAFT_END } from './markers.ts';

type Violation = { rule: string; excerpt: string; message: string };

/** One line per violation, the rule's sentence in the approver's language. */
function violationLine(v: Violation, lang: Language): string {
  const sentence = lang === 'ja' ? (RULE_MESSAGES_JA[v.rule as RuleName] ?? v.message) : v.message;
  return `・${v.rule}: 「${v.excerpt}」 ${sentence}`;
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
  /** The case's recent timeline, oldest first: "2026-11-23 10:15 buyer: …". */
  history: string[];
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

/** Whom a mail is about, as approvers read it: the buyer (and order) or the Seller Support case. */
export function who(f: Pick<DraftFacts, 'audience' | 'supportCaseId' | 'buyerName' | 'orderId'>, lang: Language): string {
  if (f.audience === 'amazon') return lang === 'ja' ? `Seller Support（ケースID ${f.supportCaseId ?? '?'}）` : `Seller Support (case ${f.supportCaseId ?? '?'})`;
  const name = f.buyerName ?? (lang === 'ja' ? 'お客' : 'the buyer');
  const order = f.orderId ? (lang === 'ja' ? ` 注文 ${f.orderId}` : `, order ${f.orderId}`) : '';
  return lang === 'ja' ? `${name} 様${order}` : `${name}${order}`;
}

/** A reply-by time in the seller's zone, with how far off it is. */
export function replyByText(replyBy: string, timezone: string, now: Date): string {
  return `${formatLocal(replyBy, timezone)} (${relative(replyBy, now)})`;
}

function deadline(f: DraftFacts, c: Ctx): string | null {
  if (!f.replyBy) return null;
  const when = replyByText(f.replyBy, c.timezone, c.now);
  return c.language === 'ja' ? `返信期限: ${when}` : `Reply by: ${when}`;
}

function guardSection(f: DraftFacts, lang: Language): string[] {
  const out: string[] = [];
  if (f.violations.length) {
    out.push(lang === 'ja' ? '■ 規約チェックで止まりました（このままでは送信できません。直して返信してください）' : '■ The policy check stopped this draft (it cannot be sent as is: edit it and reply)');
    for (const v of f.violations) out.push(violationLine(v, lang));
    out.push('');
  }
  if (f.placeholders.length) {
    out.push(lang === 'ja' ? '■ 要記入の箇所があります（書き換えてから返信してください）' : '■ Fill in these places before sending (edit and reply)');
    for (const p of f.placeholders) out.push(`・${p}`);
    out.push('');
  }
  return out;
}

function contextSection(f: DraftFacts, c: Ctx): string[] {
  const lang = c.language;
  const received = formatLocal(f.incoming.receivedAt, c.timezone);
  const out = [lang === 'ja' ? `■ ${f.audience === 'amazon' ? 'Amazonからのメッセージ' : '購入者からのメッセージ'}（${received} 受信）` : `■ ${f.audience === 'amazon' ? "Amazon's message" : "The buyer's message"} (received ${received})`];
  out.push(f.incoming.text.trim() || f.incoming.subject || '');
  out.push('');
  if (f.history.length) {
    out.push(lang === 'ja' ? '■ これまでの経緯' : '■ History of the case');
    for (const h of f.history) out.push(`・${h}`);
    out.push('');
  }
  const mode = lang === 'ja' ? { approval: '承認', auto: '自動', notify: '通知のみ' }[f.mode] : f.mode;
  const check = f.audience === 'amazon' || !f.body.trim() ? (lang === 'ja' ? '対象外' : 'not applied') : f.violations.length ? (lang === 'ja' ? `${f.violations.length} 件の違反` : `${f.violations.length} violation(s)`) : lang === 'ja' ? '問題なし' : 'passed';
  out.push(lang === 'ja' ? `テンプレート: ${f.template ?? '-'} / 方式: ${mode} / 規約チェック: ${check}` : `Template: ${f.template ?? '-'} / mode: ${mode} / policy check: ${check}`);
  out.push(lang === 'ja' ? `kotae ケース #${f.caseId} / 返信案 #${f.draftId}（版 ${f.revision}）${f.to ? ` / 宛先 ${f.to}` : ''}` : `kotae case #${f.caseId} / draft #${f.draftId} (revision ${f.revision})${f.to ? ` / to ${f.to}` : ''}`);
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
  lines.push(...guardSection(f, c.language));
  if (ja) {
    lines.push('■ 操作方法（このメールに返信してください）', '・そのまま送る: 1行目に「承認」または「OK」', '・送らない: 1行目に「却下」または「NG」', '・直して送る: 下の「返信案ここから」「返信案ここまで」の2行ごと返信の本文にコピーし、間の文を直して返信', '');
  } else {
    lines.push('How to answer (reply to this email):', '- Send as is: write "approve" or "OK" on the first line', '- Don\'t send: write "reject" on the first line', '- Edit and send: copy the two marker lines and the text between them into your reply, change the text, send', '');
  }
  lines.push(DRAFT_BEGIN, f.body.trim(), DRAFT_END, '');
  lines.push(...contextSection(f, c));
  return { subject, text: lines.join('\n') };
}

export function noticeMail(f: DraftFacts, c: Ctx): MailText {
  const ja = c.language === 'ja';
  const kindLabel = (ja ? NOTICE_JA : NOTICE_EN)[f.incoming.kind] ?? (ja ? 'お知らせ' : 'Notice');
  const subject = ja ? `[kotae] 要対応: ${kindLabel} ${who(f, 'ja')}` : `[kotae] Action needed: ${kindLabel}, ${who(f, 'en')}`;
  const lines: string[] = [];
  lines.push(ja ? `${kindLabel}です。kotae はこれに自動では返信しません。` : `${kindLabel}. kotae does not answer this itself.`);
  const due = deadline(f, c);
  if (due) lines.push(due);
  lines.push('');
  if (f.note) lines.push(f.note, '');
  if (f.body.trim()) {
    lines.push(ja ? '■ 用意した文面（Seller Central に貼り付けてお使いください）' : '■ Prepared text (paste it into Seller Central)');
    lines.push(...guardSection(f, c.language));
    lines.push(DRAFT_BEGIN, f.body.trim(), DRAFT_END, '');
  }
  lines.push(...contextSection(f, c));
  return { subject, text: lines.join('\n') };
}

const NOTICE_JA: Record<string, string> = {
  buyer_message: '購入者からのメッセージ',
  cs_inquiry: 'カスタマーサービスからの連絡',
  return_request: '返品リクエスト',
  atoz_claim: 'Amazonマーケットプレイス保証申請',
  chargeback: 'チャージバック',
  negative_feedback: '低評価',
  account_health: 'アカウント健全性のお知らせ',
  support_case: 'テクニカルサポートからの回答',
};

const NOTICE_EN: Record<string, string> = {
  buyer_message: 'A buyer message',
  cs_inquiry: 'A customer-service forward',
  return_request: 'A return request',
  atoz_claim: 'An A-to-z Guarantee claim',
  chargeback: 'A chargeback',
  negative_feedback: 'Negative feedback',
  account_health: 'An account health notice',
  support_case: 'A Seller Support answer',
};

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
      for (const p of reason.placeholders) lines.push(`・${p}`);
      lines.push('', ja ? '新しい承認メールをお送りします。' : 'A new approval mail follows.');
      break;
    case 'not-understood':
      lines.push(ja ? 'ご返信の内容を読み取れませんでした。1行目に「承認」「却下」のどちらかを書くか、返信案を直す場合はマーカーの2行ごとコピーしてください。承認メールはまだ有効です。' : 'kotae could not tell what your reply meant. Write "approve" or "reject" on the first line, or copy both marker lines with your edited text. The approval mail is still valid.');
      break;
    case 'stale':
      lines.push(ja ? `この返信案はすでに処理済みです（状態: ${reason.state}）。何も送信していません。` : `This draft was already handled (state: ${reason.state}). Nothing was sent.`);
      break;
    case 'send-failed':
      lines.push(ja ? '送信できませんでした。理由:' : 'Sending failed. The reason:', reason.error, '', ja ? 'Seller Central から直接返信してください。' : 'Please answer from Seller Central instead.');
      break;
    case 'sent':
      lines.push(ja ? '送信しました。' : 'Sent.');
      break;
  }
  lines.push('', ja ? `kotae ケース #${f.caseId}` : `kotae case #${f.caseId}`);
  return { subject, text: lines.join('\n') };
}
