// The daily digest to the approvers: what is open and overdue, drafts waiting, Seller Support cases
// waiting on Amazon (and for how long), what kotae sent automatically, and anything quarantined.
import type { Context } from '../context.ts';
import { refusedReplies } from '../store/outbox.ts';
import type { AccountConfig } from '../config/schema.ts';
import { accountLanguage } from '../respond/gather.ts';
import { NO_REPLY_PLAYS } from '../approval/mail.ts';
import { DAY } from '../shared/clock.ts';
import { formatLocal, relative, sellerTime } from '../shared/time.ts';
import { isOverdue } from '../store/cases.ts';
import { queueToApprover } from '../outbox/to-approver.ts';
import { caseLogUrl } from '../outbox/case-log.ts';
import { overduePayments } from './payments.ts';
import type { Db } from '../store/index.ts';
import type { CaseRow } from '../store/schema.ts';
import type { Language } from '../understand/kinds.ts';
import { loadSupportFacts } from '../understand/support-facts.ts';
import { supportFactSummary } from '../understand/support-facts-text.ts';

export interface DigestFacts {
  open: number;
  /** noReply: a thank-you (no reply needed) that only wants marking 「返信不要」 in Seller Central. */
  overdue: { id: number; ref: string; replyBy: string; noReply: boolean }[];
  waitingDrafts: { id: number; caseId: number; ref: string }[];
  waitingOnAmazon: { caseId: number; supportCaseId: string; days: number }[];
  sentAutomatically: { caseId: number; ref: string; at: string }[];
  quarantined: number;
  /** Letters to Seller Support approved but not yet confirmed as posted in the Case Log. */
  toPost: { caseId: number; supportCaseId: string; draftId: number; url: string | null }[];
  /** Reimbursements Amazon promised that are still unpaid after the account's follow-up days. */
  unpaid: { caseId: number; supportCaseId: string; items: string[]; days: number }[];
  /** Open Seller Support cases whose fault or money is known: one line each (support-facts-text.ts). */
  supportCases?: { caseId: number; supportCaseId: string; line: string }[];
  /** Replies the mail server refused for good in the last day: the buyer is still waiting. */
  refused: { caseId: number | null; to: string; error: string | null }[];
}

export async function digestFacts(ctx: Context, account: AccountConfig): Promise<DigestFacts> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const ja = accountLanguage(account) === 'ja';
  const ref = (c: { order_id: string | null; support_case_id: string | null; buyer_name: string | null }) =>
    ja
      ? c.order_id ? `注文番号 ${c.order_id}` : c.support_case_id ? `ケースID ${c.support_case_id}` : c.buyer_name ? `${c.buyer_name}様` : '-'
      : (c.order_id ?? (c.support_case_id ? `case ${c.support_case_id}` : (c.buyer_name ?? '-')));
  const active = await db.selectFrom('cases').selectAll().where('account_id', '=', account.id).where('status', '!=', 'resolved').execute();
  const overdue = active.filter((c) => isOverdue(c, now));
  const noReply = new Set(
    overdue.length
      ? (await db.selectFrom('drafts').select('case_id').where('case_id', 'in', overdue.map((c) => c.id)).where('state', '=', 'notify').where('play', 'in', [...NO_REPLY_PLAYS]).execute()).map((d) => d.case_id)
      : [],
  );
  const drafts = await db
    .selectFrom('drafts')
    .innerJoin('cases', 'cases.id', 'drafts.case_id')
    .select(['drafts.id', 'drafts.case_id', 'cases.order_id', 'cases.support_case_id', 'cases.buyer_name'])
    .where('drafts.account_id', '=', account.id)
    .where('drafts.state', '=', 'awaiting_approval')
    .execute();
  const auto = await db
    .selectFrom('drafts')
    .innerJoin('cases', 'cases.id', 'drafts.case_id')
    .select(['drafts.case_id', 'drafts.updated_at', 'cases.order_id', 'cases.support_case_id', 'cases.buyer_name'])
    .where('drafts.account_id', '=', account.id)
    .where('drafts.decided_by', '=', 'auto')
    .where('drafts.state', '=', 'sent')
    .where('drafts.updated_at', '>=', new Date(now.getTime() - DAY).toISOString())
    .execute();
  const quarantined = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', account.id).where('state', '=', 'quarantined').executeTakeFirstOrThrow();
  return {
    open: active.length,
    overdue: overdue.map((c) => ({ id: c.id, ref: ref(c), replyBy: c.reply_by!, noReply: noReply.has(c.id) })),
    waitingDrafts: drafts.map((d) => ({ id: d.id, caseId: d.case_id, ref: ref(d) })),
    waitingOnAmazon: active
      .filter((c) => c.kind === 'support' && c.status === 'awaiting_amazon' && c.last_outbound_at)
      .map((c) => ({ caseId: c.id, supportCaseId: c.support_case_id ?? '?', days: Math.floor((now.getTime() - new Date(c.last_outbound_at!).getTime()) / DAY) })),
    sentAutomatically: auto.map((d) => ({ caseId: d.case_id, ref: ref(d), at: d.updated_at })),
    quarantined: Number(quarantined.n),
    refused: await refusedReplies(db, new Date(now.getTime() - DAY), account.id),
    toPost: (
      await db.selectFrom('drafts').innerJoin('cases', 'cases.id', 'drafts.case_id').select(['drafts.id', 'drafts.case_id', 'cases.support_case_id', 'cases.marketplace']).where('drafts.account_id', '=', account.id).where('drafts.state', '=', 'awaiting_post').orderBy('drafts.id').execute()
    ).map((d) => ({ caseId: d.case_id, supportCaseId: d.support_case_id ?? '?', draftId: d.id, url: d.support_case_id ? caseLogUrl(d.marketplace ?? account.marketplace, d.support_case_id) : null })),
    unpaid: (await overduePayments(ctx, account)).map((p) => ({ caseId: p.caseRow.id, supportCaseId: p.supportCaseId, items: p.items, days: p.days })),
    supportCases: await supportCaseLines(db, active, ja ? 'ja' : 'en'),
  };
}

/** The digest's day as a Japanese seller writes it: 11月21日（土）. */
function japaneseDay(now: Date, timeZone: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('ja-JP', { timeZone, month: 'numeric', day: 'numeric', weekday: 'short' }).formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.month}月${p.day}日（${p.weekday}）`;
}

export function digestText(f: DigestFacts, ja: boolean, timezone: string, now: Date): { subject: string; text: string } {
  // A thank-you past its time only wants a click in Seller Central: counted apart from buyers still owed a reply.
  const owed = f.overdue.filter((o) => !o.noReply);
  const noReply = f.overdue.filter((o) => o.noReply);
  const subject = ja
    ? `[kotae] ${japaneseDay(now, timezone)}のまとめ: 期限切れ ${owed.length}件${noReply.length ? `（ほか「返信不要」未設定 ${noReply.length}件）` : ''}、承認待ち ${f.waitingDrafts.length}件`
    : `[kotae] Daily digest ${formatLocal(now, timezone, false).slice(0, 10)}: ${owed.length} overdue${noReply.length ? ` (plus ${noReply.length} needing no reply)` : ''}, ${f.waitingDrafts.length} drafts waiting`;
  const L: string[] = [];
  const section = (title: string, items: string[], none: string) => {
    L.push(`■ ${title}`, ...(items.length ? items.map((i) => `${ja ? '・' : '- '}${i}`) : [none]), '');
  };
  L.push(ja ? `対応中のケース: ${f.open}件` : `Open cases: ${f.open}`, '');
  const lang = ja ? 'ja' : 'en';
  section(
    ja ? '返信期限を過ぎたもの' : 'Past their reply-by time',
    owed.map((o) => (ja ? `ケース #${o.id}（${o.ref}）: 返信期限 ${sellerTime(o.replyBy, timezone, lang)}（${relative(o.replyBy, now, lang, 'overdue')}）` : `#${o.id} ${o.ref} (${formatLocal(o.replyBy, timezone)})`)),
    ja ? 'なし' : 'none',
  );
  if (noReply.length) {
    section(
      ja ? '「返信不要」が未設定のメッセージ（返信の必要はありませんが、期限までにセラーセントラルの「購入者とのメッセージ」で「返信不要」を選択してください）' : 'Messages not yet marked "no response needed" (no reply needed: mark them in Seller Central)',
      noReply.map((o) => (ja ? `ケース #${o.id}（${o.ref}）: 「返信不要」にする期限 ${sellerTime(o.replyBy, timezone, lang)}（${relative(o.replyBy, now, lang, 'overdue')}）` : `#${o.id} ${o.ref} (${formatLocal(o.replyBy, timezone)})`)),
      '',
    );
  }
  section(ja ? '承認待ちの返信案' : 'Drafts waiting for approval', f.waitingDrafts.map((d) => (ja ? `返信案 #${d.id}（${d.ref}、ケース #${d.caseId}）` : `#${d.id} ${d.ref} (case #${d.caseId})`)), ja ? 'なし' : 'none');
  section(ja ? 'Amazonの回答待ち（テクニカルサポート）' : 'Seller Support cases waiting on Amazon', f.waitingOnAmazon.map((w) => (ja ? `ケースID ${w.supportCaseId}: ${w.days}日間回答なし` : `case ${w.supportCaseId}: ${w.days} day(s)`)), ja ? 'なし' : 'none');
  if (f.supportCases?.length) section(ja ? 'テクニカルサポートのケース（責任の所在と金額）' : 'Seller Support cases: fault and money', f.supportCases.map((c) => `${ja ? 'ケースID' : 'case'} ${c.supportCaseId}: ${c.line}`), '');
  section(
    ja ? 'ケースログへの投稿待ち（テクニカルサポート、投稿したら「投稿済」と返信してください）' : 'Letters to post in the Case Log (Seller Support; reply "posted" once done)',
    f.toPost.map((t) => (ja ? `ケースID ${t.supportCaseId}: 返信案 #${t.draftId}${t.url ? ` ${t.url}` : ''}` : `case ${t.supportCaseId}: draft #${t.draftId}${t.url ? ` ${t.url}` : ''}`)),
    ja ? 'なし' : 'none',
  );
  section(
    ja ? '入金が確認できない返金（Amazonが案内したもの）' : 'Reimbursements Amazon promised, still unpaid',
    f.unpaid.map((u) => (ja ? `ケースID ${u.supportCaseId}: ${u.items.join('、')}（案内から${u.days}日経過）` : `case ${u.supportCaseId}: ${u.items.join(', ')} (promised ${u.days} days ago)`)),
    ja ? 'なし' : 'none',
  );
  section(ja ? '自動で送信したもの（24時間以内）' : 'Sent automatically (last 24 hours)', f.sentAutomatically.map((s) => (ja ? `${s.ref}（${sellerTime(s.at, timezone, lang)}）` : `${s.ref} (${formatLocal(s.at, timezone)})`)), ja ? 'なし' : 'none');
  section(
    ja ? '送信を拒否された返信（24時間以内、セラーセントラルから返信してください）' : 'Replies the mail server refused (last 24 hours; answer in Seller Central)',
    f.refused.map((r) => (ja ? `ケース #${r.caseId ?? '-'}（宛先 ${r.to}）: メールサーバーの応答「${r.error ?? ''}」` : `case #${r.caseId ?? '-'} → ${r.to}: ${r.error ?? ''}`).slice(0, 200)),
    ja ? 'なし' : 'none',
  );
  if (f.quarantined) L.push(ja ? `■ 処理できなかったメール: ${f.quarantined}件（\`kotae quarantine\`）` : `■ Messages kotae could not process: ${f.quarantined} (\`kotae quarantine\`)`, '');
  return { subject, text: L.join('\n') };
}

async function supportCaseLines(db: Db, active: CaseRow[], language: Language): Promise<NonNullable<DigestFacts['supportCases']>> {
  const lines: NonNullable<DigestFacts['supportCases']> = [];
  for (const c of active) {
    if (c.kind !== 'support') continue;
    const line = supportFactSummary(await loadSupportFacts(db, c.id), language);
    if (line !== null) lines.push({ caseId: c.id, supportCaseId: c.support_case_id ?? '?', line });
  }
  return lines;
}

export async function sendDigests(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  let queued = 0;
  for (const account of ctx.config.accounts) {
    const text = digestText(await digestFacts(ctx, account), accountLanguage(account) === 'ja', ctx.config.timezone, now);
    await ctx.db.transaction().execute(async (trx) => {
      for (const approver of account.approvers) {
        // One digest a day per approver, whichever process sends it (its once-key).
        if (await queueToApprover(trx, account, approver, { ...text, purpose: 'digest', ref: now.toISOString().slice(0, 10), caseId: null, draftId: null }, now)) queued += 1;
      }
    });
  }
  return queued;
}
