// The daily digest to the approvers: what is open and overdue, drafts waiting, Seller Support cases
// waiting on Amazon (and for how long), what kotae sent automatically, and anything quarantined.
import type { Context } from '../context.ts';
import { refusedReplies } from '../store/outbox.ts';
import type { AccountConfig } from '../config/schema.ts';
import { accountLanguage } from '../respond/gather.ts';
import { DAY } from '../shared/clock.ts';
import { formatLocal } from '../shared/time.ts';
import { isOverdue } from '../store/cases.ts';
import { queueToApprover } from '../outbox/to-approver.ts';

export interface DigestFacts {
  open: number;
  overdue: { id: number; ref: string; replyBy: string }[];
  waitingDrafts: { id: number; caseId: number; ref: string }[];
  waitingOnAmazon: { caseId: number; supportCaseId: string; days: number }[];
  sentAutomatically: { caseId: number; ref: string; at: string }[];
  quarantined: number;
  /** Replies the mail server refused for good in the last day: the buyer is still waiting. */
  refused: { caseId: number | null; to: string; error: string | null }[];
}

export async function digestFacts(ctx: Context, account: AccountConfig): Promise<DigestFacts> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const ref = (c: { order_id: string | null; support_case_id: string | null; buyer_name: string | null }) => c.order_id ?? (c.support_case_id ? `case ${c.support_case_id}` : (c.buyer_name ?? '-'));
  const active = await db.selectFrom('cases').selectAll().where('account_id', '=', account.id).where('status', '!=', 'resolved').execute();
  const overdue = active.filter((c) => isOverdue(c, now));
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
    overdue: overdue.map((c) => ({ id: c.id, ref: ref(c), replyBy: c.reply_by! })),
    waitingDrafts: drafts.map((d) => ({ id: d.id, caseId: d.case_id, ref: ref(d) })),
    waitingOnAmazon: active
      .filter((c) => c.kind === 'support' && c.status === 'awaiting_amazon' && c.last_outbound_at)
      .map((c) => ({ caseId: c.id, supportCaseId: c.support_case_id ?? '?', days: Math.floor((now.getTime() - new Date(c.last_outbound_at!).getTime()) / DAY) })),
    sentAutomatically: auto.map((d) => ({ caseId: d.case_id, ref: ref(d), at: d.updated_at })),
    quarantined: Number(quarantined.n),
    refused: await refusedReplies(db, new Date(now.getTime() - DAY), account.id),
  };
}

export function digestText(f: DigestFacts, ja: boolean, timezone: string, now: Date): { subject: string; text: string } {
  const day = formatLocal(now, timezone, false).slice(0, 10);
  const subject = ja ? `[kotae] 本日のまとめ ${day}: 期限切れ ${f.overdue.length} 件、承認待ち ${f.waitingDrafts.length} 件` : `[kotae] Daily digest ${day}: ${f.overdue.length} overdue, ${f.waitingDrafts.length} drafts waiting`;
  const L: string[] = [];
  const section = (title: string, items: string[], none: string) => {
    L.push(`■ ${title}`, ...(items.length ? items.map((i) => `・${i}`) : [none]), '');
  };
  L.push(ja ? `対応中のケース: ${f.open} 件` : `Open cases: ${f.open}`, '');
  section(ja ? '返信期限を過ぎたもの' : 'Past their reply-by time', f.overdue.map((o) => `#${o.id} ${o.ref} (${formatLocal(o.replyBy, timezone)})`), ja ? 'なし' : 'none');
  section(ja ? '承認待ちの返信案' : 'Drafts waiting for approval', f.waitingDrafts.map((d) => `#${d.id} ${d.ref} (ケース #${d.caseId})`), ja ? 'なし' : 'none');
  section(ja ? 'Amazon の回答待ち（テクニカルサポート）' : 'Seller Support cases waiting on Amazon', f.waitingOnAmazon.map((w) => `${ja ? 'ケースID' : 'case'} ${w.supportCaseId}: ${w.days} ${ja ? '日' : 'day(s)'}`), ja ? 'なし' : 'none');
  section(ja ? '自動で送信したもの（24時間以内）' : 'Sent automatically (last 24 hours)', f.sentAutomatically.map((s) => `${s.ref} (${formatLocal(s.at, timezone)})`), ja ? 'なし' : 'none');
  section(
    ja ? '送信を拒否された返信（24時間以内、セラーセントラルから返信してください）' : 'Replies the mail server refused (last 24 hours; answer in Seller Central)',
    f.refused.map((r) => `${ja ? 'ケース' : 'case'} #${r.caseId ?? '-'} → ${r.to}: ${r.error ?? ''}`.slice(0, 200)),
    ja ? 'なし' : 'none',
  );
  if (f.quarantined) L.push(ja ? `■ 処理できなかったメール: ${f.quarantined} 件（\`kotae quarantine\`）` : `■ Messages kotae could not process: ${f.quarantined} (\`kotae quarantine\`)`, '');
  return { subject, text: L.join('\n') };
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
