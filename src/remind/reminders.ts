// Amazon's 24 hours: reminders to the approvers at configured points before a buyer's reply-by time,
// and one alert when it passes, for a case that still needs something from the seller: a draft to
// approve, or an answer only the seller can give in Seller Central (a prepared text to paste, a draft
// kotae could not make, a draft the seller rejected). A thank-you that needs no reply and a notice
// with nothing to send get none. Each reminder is recorded on the case timeline, so it is sent once
// however often this runs.
import type { Context } from '../context.ts';
import type { AccountConfig } from '../config/schema.ts';
import { accountLanguage } from '../respond/gather.ts';
import { HOUR } from '../shared/clock.ts';
import { relative, sellerTime } from '../shared/time.ts';
import { who } from '../approval/mail.ts';
import { appendEvent } from '../store/cases.ts';
import type { Db } from '../store/index.ts';
import type { CaseRow, DraftRow } from '../store/schema.ts';
import { queueToApprover } from '../outbox/to-approver.ts';

/** How long after a missed reply-by time the one alert may still go out. */
export const BREACH_ALERT_HOURS = 24;

export interface ReminderResult {
  reminders: number;
  breaches: number;
}

export async function sendReminders(ctx: Context): Promise<ReminderResult> {
  const now = ctx.clock.now();
  const thresholds = [...ctx.config.reminders.hoursBeforeDeadline].sort((a, b) => b - a);
  const horizon = new Date(now.getTime() + (thresholds[0] ?? 0) * HOUR).toISOString();
  // A deadline long gone (old mail from a first sync, days of downtime) gets no alert: the digest
  // lists it as overdue.
  const oldest = new Date(now.getTime() - BREACH_ALERT_HOURS * HOUR).toISOString();
  const cases = await ctx.db.selectFrom('cases').selectAll().where('status', '=', 'awaiting_seller').where('reply_by', '>=', oldest).where('reply_by', '<=', horizon).execute();
  const result: ReminderResult = { reminders: 0, breaches: 0 };
  for (const c of cases) {
    const account = ctx.config.accounts.find((a) => a.id === c.account_id);
    if (!account) continue;
    // Counted from the buyer's latest message: a message first seen with 10 h left gets its approval
    // mail now and a reminder at 4 h, not both now.
    const seen = await ctx.db.selectFrom('messages').select((eb) => eb.fn.max('stored_at').as('at')).where('case_id', '=', c.id).where('direction', '=', 'in').executeTakeFirst();
    const point = duePoint(c.reply_by!, thresholds, now, (seen?.at as string | null | undefined) ?? null);
    if (!point) continue;
    const done = new Set(
      (await ctx.db.selectFrom('case_events').select('data_json').where('case_id', '=', c.id).where('type', '=', 'reminder').execute()).map((e) => (JSON.parse(e.data_json ?? '{}') as { point?: string }).point),
    );
    if (done.has(point)) continue;
    let reminded = false;
    await ctx.db.transaction().execute(async (trx) => {
      const task = await sellerTask(trx, c.id);
      if (!task) return;
      const text = reminderText(c, account, point, task, ctx.config.timezone, now);
      let queued = false;
      for (const approver of account.approvers) {
        if (await queueToApprover(trx, account, approver, { ...text, purpose: 'reminder', ref: `${c.id}.${point}`, caseId: c.id, draftId: task.draftId }, now)) queued = true;
      }
      // Another kotae process sent this reminder already (its once-key): nothing to record.
      if (!queued) return;
      await appendEvent(trx, c.id, { at: now.toISOString(), type: 'reminder', actor: 'kotae', message_id: null, draft_id: task.draftId, summary: point === 'breach' ? 'Reply-by time passed without an answer' : `Reminder: ${point} left to answer`, data_json: JSON.stringify({ point }) });
      reminded = true;
    });
    if (!reminded) continue;
    if (point === 'breach') {
      result.breaches += 1;
      ctx.log.warn({ caseId: c.id, replyBy: c.reply_by }, 'reply-by time passed without an answer');
    } else result.reminders += 1;
  }
  return result;
}

/**
 * Pure: the point of a deadline's clock due now (`24h`, `2h`, `breach`), or null. Only the nearest
 * point that has passed, and only one that passed after kotae saw the mail (`seenAt`): a point
 * already gone then is not reminded of, the mail itself told the seller.
 */
export function duePoint(replyBy: string, thresholds: number[], now: Date, seenAt: string | null): string | null {
  const at = new Date(replyBy).getTime();
  const left = (at - now.getTime()) / HOUR;
  const seenLeft = seenAt ? (at - new Date(seenAt).getTime()) / HOUR : Infinity;
  return left <= 0 ? 'breach' : (thresholds.filter((h) => left <= h && h < seenLeft).map((h) => `${h}h`).at(-1) ?? null);
}

/** What the seller still has to do on a case, or null when nothing (kotae is sending, or no reply is needed). */
export type SellerTask =
  | { type: 'approve'; draftId: number }
  | { type: 'paste'; draftId: number }
  | { type: 'answer'; draftId: number; why: 'no-draft' | 'rejected' | 'failed' };

async function sellerTask(db: Db, caseId: number): Promise<SellerTask | null> {
  const drafts = await db.selectFrom('drafts').select(['id', 'state', 'play', 'body']).where('case_id', '=', caseId).orderBy('id', 'desc').execute();
  return taskOf(drafts);
}

/** Pure: the newest draft that still asks something of the seller decides. */
export function taskOf(drafts: Pick<DraftRow, 'id' | 'state' | 'play' | 'body'>[]): SellerTask | null {
  const waiting = drafts.find((d) => d.state === 'awaiting_approval');
  if (waiting) return { type: 'approve', draftId: waiting.id };
  if (drafts.some((d) => d.state === 'approved' || d.state === 'queued')) return null;
  const notice = drafts.find((d) => d.state === 'notify' && d.body.trim() !== '');
  if (notice) return { type: 'paste', draftId: notice.id };
  const failedToDraft = drafts.find((d) => d.state === 'notify' && d.play === 'error');
  if (failedToDraft) return { type: 'answer', draftId: failedToDraft.id, why: 'no-draft' };
  const latest = drafts[0];
  if (latest?.state === 'rejected') return { type: 'answer', draftId: latest.id, why: 'rejected' };
  if (latest?.state === 'failed') return { type: 'answer', draftId: latest.id, why: 'failed' };
  // A thank-you, a notice with nothing to send (A-to-z, feedback), or no draft at all: no reminder.
  return null;
}

function reminderText(c: Pick<CaseRow, 'id' | 'buyer_name' | 'order_id' | 'reply_by'>, account: AccountConfig, point: string, task: SellerTask, timezone: string, now: Date): { subject: string; text: string } {
  const ja = accountLanguage(account) === 'ja';
  const buyer = who({ audience: 'buyer', supportCaseId: null, buyerName: c.buyer_name, orderId: c.order_id }, ja ? 'ja' : 'en');
  // One reading of the clock for the subject and the body.
  const off = relative(c.reply_by!, now, ja ? 'ja' : 'en', 'overdue');
  const at = sellerTime(c.reply_by!, timezone, ja ? 'ja' : 'en');
  const breach = point === 'breach';
  if (ja) {
    const subject = `[kotae] ${breach ? `返信期限を過ぎました（${off}）` : `返信期限まで${off}`}: ${buyer}`;
    const todo =
      task.type === 'approve' ? [`返信案 #${task.draftId} が承認待ちです。承認メールに「承認」と返信するか、\`kotae approve ${task.draftId}\` を実行してください。`]
      : task.type === 'paste' ? [`kotae はこの返信を送れません（購入者のメッセージ用アドレスが不明なため）。お知らせメールの文面（返信案 #${task.draftId}）をセラーセントラルの「購入者とのメッセージ」（または注文詳細の「購入者に連絡」）から送ってください。`]
      : [`${task.why === 'no-draft' ? 'kotae は返信案を用意できませんでした。' : task.why === 'rejected' ? `返信案 #${task.draftId} は却下されました。` : `返信案 #${task.draftId} は送信できませんでした。`}セラーセントラルから返信してください。`];
    const lines = [`${buyer}のメッセージにまだ返信していません。`, `返信期限: ${at}（${off}）`, '', ...todo, '', `kotae ケース #${c.id}（\`kotae case ${c.id}\`）`];
    return { subject, text: lines.join('\n') };
  }
  const subject = `[kotae] ${breach ? `Reply-by time passed (${off})` : `${off.replace(/^in /, '')} left to reply`}: ${buyer}`;
  const todo =
    task.type === 'approve' ? [`Draft #${task.draftId} waits for approval: reply "approve" to its approval mail, or run \`kotae approve ${task.draftId}\`.`]
    : task.type === 'paste' ? [`kotae cannot send this reply (the buyer's relay address is unknown). Send the prepared text of the notice (draft #${task.draftId}) from Seller Central (Contact Buyer).`]
    : [`${task.why === 'no-draft' ? 'kotae could not prepare a reply.' : task.why === 'rejected' ? `Draft #${task.draftId} was rejected.` : `Draft #${task.draftId} could not be sent.`} Please answer it in Seller Central.`];
  const lines = [`The message from ${buyer} has no answer yet.`, `Reply by: ${at} (${off})`, '', ...todo, '', `kotae case #${c.id} (\`kotae case ${c.id}\`)`];
  return { subject, text: lines.join('\n') };
}
