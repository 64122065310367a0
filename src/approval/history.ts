// A case's timeline as the approver reads it in an approval mail or notice. The stored summaries are
// English (the log's and `kotae case`'s language); a Japanese seller gets each event told again in
// Japanese from its type and facts, never the English summary. Pure: events in, lines out.
import type { Language } from '../understand/kinds.ts';
import type { CaseEventType } from '../store/schema.ts';
import { formatLocal, sellerTime } from '../shared/time.ts';

export interface HistoryItem {
  at: string;
  type: CaseEventType;
  actor: 'buyer' | 'amazon' | 'seller' | 'approver' | 'kotae';
  summary: string;
  /** The event's stored facts (data_json). */
  data: Record<string, unknown> | null;
  /** The draft the event is about, when there is one. */
  draft: { id: number; template: string | null; mode: string; audience: 'buyer' | 'amazon'; revision: number; hasBody: boolean } | null;
}

const MAX = 90;

export function historyLine(item: HistoryItem, lang: Language, timezone: string): string {
  const text = lang === 'ja' ? japanese(item) : `${item.actor}: ${item.summary}`;
  // A Japanese seller reads the same time format as the mail's header (11月20日（金）07:42).
  const when = lang === 'ja' ? sellerTime(item.at, timezone, 'ja') : formatLocal(item.at, timezone, false);
  return `${when} ${text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text}`;
}

/** Who wrote a message, by its kind (the sender's role when the kind says nothing). */
const SENDER_JA: Record<string, string> = {
  buyer_message: '購入者',
  cs_inquiry: 'カスタマーサービス',
  return_request: '返品リクエスト',
  atoz_claim: 'マーケットプレイス保証申請',
  chargeback: 'チャージバック',
  negative_feedback: '評価',
  account_health: 'アカウント健全性',
  support_case: 'テクニカルサポート',
};
const ACTOR_JA: Record<HistoryItem['actor'], string> = { buyer: '購入者', amazon: 'Amazon', seller: '出品者', approver: '承認者', kotae: 'kotae' };
/** The Seller Support ladder's steps (src/respond/ladder.ts) as the seller says them. */
const LADDER_JA: Record<string, string> = {
  clarify: '同じケースで質問',
  reimbursement: '補填の依頼',
  'new-case': '新しいケースで問い合わせ',
  escalate: '上位の担当者への引き継ぎ依頼',
  executive: '最終手段の連絡',
  none: '対応不要',
};
/** 承認 alone would read as "approved": the mode says what happens to the draft. */
export const MODE_JA: Record<string, string> = { approval: '承認後に送信', auto: '自動送信', notify: 'お知らせのみ' };

function japanese(item: HistoryItem): string {
  const draftNo = item.draft ? `返信案 #${item.draft.id} ` : '返信案';
  const by = /\bby (\S+?)(?: \(|$)/.exec(item.summary)?.[1];
  switch (item.type) {
    case 'message_in':
    case 'message_out': {
      const kind = typeof item.data?.kind === 'string' ? item.data.kind : '';
      const sender = item.type === 'message_out' ? '出品者' : (SENDER_JA[kind] ?? ACTOR_JA[item.actor]);
      // The summary is "kind [intents]: the words"; the words are the sender's own.
      return `${sender}: ${item.summary.replace(/^[a-z_]+(?: \[[^\]]*\])?: /, '')}`;
    }
    case 'seller_replied_elsewhere':
      return '出品者がセラーセントラルから返信';
    case 'draft': {
      const d = item.draft;
      if (!d || !d.hasBody) return '承認者にお知らせを送信';
      const violations = Array.isArray(item.data?.violations) ? item.data.violations.length : 0;
      const blanks = Array.isArray(item.data?.placeholders) ? item.data.placeholders.length : 0;
      const check = d.audience === 'buyer' ? (violations ? `規約チェック 違反 ${violations} 件` : '規約チェック 問題なし') : '';
      const parts = [d.template ?? '-', MODE_JA[d.mode] ?? d.mode, check, blanks ? `要記入 ${blanks} か所` : ''].filter(Boolean).join('、');
      return `${draftNo}を作成（${parts}）`;
    }
    case 'approved':
      return `${draftNo}を承認${by ? `（${by}）` : ''}`;
    case 'rejected':
      return `${draftNo}を却下${by ? `（${by}）` : ''}`;
    case 'edited':
      return `${draftNo}を修正${item.draft ? `（第${item.draft.revision}版${by ? `、${by}` : ''}）` : by ? `（${by}）` : ''}`;
    case 'blocked':
      return `${draftNo}は送信せず（${/blanks left/.test(item.summary) ? '要記入の箇所が残っていたため' : '規約チェックで止まったため'}）。新しい承認メールを送信`;
    case 'sent': {
      if (item.data?.channel === 'case-log') return `出品者がケースログに投稿: ${/\): (.*)$/s.exec(item.summary)?.[1] ?? ''}`;
      const m = /^Sent to ([^:(]+?)(?: \(approved by [^)]+\))?: (.*)$/s.exec(item.summary);
      return m ? `送信（宛先 ${m[1]}）: ${m[2]}` : '送信';
    }
    case 'send_failed':
      return `${draftNo}を送信できませんでした`;
    case 'reminder': {
      const point = typeof item.data?.point === 'string' ? item.data.point : '';
      const health = point.startsWith('health-');
      const what = health ? 'アカウント健全性の対応期限' : '返信期限';
      const at = point.replace(/^health-/, '');
      return at === 'breach' ? `${what}切れをお知らせ` : `${what}の${at.replace('h', '')}時間前にお知らせ`;
    }
    case 'note':
      if (typeof item.data?.ladder === 'string') return `テクニカルサポートへの次の対応: ${LADDER_JA[item.data.ladder] ?? item.data.ladder}`;
      if (item.data && 'caseLog' in item.data) return `${draftNo}を承認。ケースログへの投稿を承認者に依頼`;
      return note(item.summary, draftNo);
    default:
      return 'ケースの状態を更新';
  }
}

/** kotae's own notes, by what each says (see where they are written: respond, outbox, approval). */
function note(summary: string, draftNo: string): string {
  if (/older than the reply window/.test(summary)) return '返信案なし（返信期限を過ぎた古いメッセージ）';
  if (/superseded by a newer message/.test(summary)) return `${draftNo}は新しいメッセージにより差し替え`;
  if (/answered elsewhere/.test(summary)) return `${draftNo}は送信せず（作成後に別の方法で返信済み）`;
  const reader = /^A reply from (\S+) was not understood/.exec(summary);
  if (reader) return `${reader[1]} からの返信を読み取れず（${draftNo}はそのまま）`;
  if (/^Approval reply refused/.test(summary)) return '承認の返信を受け付けず（変更なし）';
  if (/^No draft:/.test(summary)) return '返信案を用意できませんでした';
  return 'kotae の記録（詳細は `kotae case` で確認できます）';
}
