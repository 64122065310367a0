// Amazon's 24 hours: reminders to the approvers at configured points before a buyer's reply-by time
// (the case still waits for the seller, its draft perhaps unapproved), and one alert when it passes.
// Each reminder is recorded on the case timeline, so it is sent once however often this runs.
import type { Context } from '../context.ts';
import type { AccountConfig } from '../config/schema.ts';
import { accountLanguage } from '../respond/gather.ts';
import { HOUR } from '../shared/clock.ts';
import { replyByText, who } from '../approval/mail.ts';
import { appendEvent } from '../store/cases.ts';
import type { CaseRow } from '../store/schema.ts';
import { queueToApprover } from '../outbox/to-approver.ts';

/** How long after a missed reply-by time the one alert may still go out. */
const BREACH_ALERT_HOURS = 24;

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
    const left = (new Date(c.reply_by!).getTime() - now.getTime()) / HOUR;
    // Only the nearest point that has passed, and only one that passed after kotae saw the message: a
    // message first seen with 10 h left gets its approval mail now and a reminder at 4 h, not both now.
    const seen = await ctx.db.selectFrom('messages').select((eb) => eb.fn.max('stored_at').as('at')).where('case_id', '=', c.id).where('direction', '=', 'in').executeTakeFirst();
    const seenLeft = seen?.at ? (new Date(c.reply_by!).getTime() - new Date(seen.at).getTime()) / HOUR : Infinity;
    const point = left <= 0 ? 'breach' : thresholds.filter((h) => left <= h && h < seenLeft).map((h) => `${h}h`).at(-1);
    if (!point) continue;
    const done = new Set(
      (await ctx.db.selectFrom('case_events').select('data_json').where('case_id', '=', c.id).where('type', '=', 'reminder').execute()).map((e) => (JSON.parse(e.data_json ?? '{}') as { point?: string }).point),
    );
    if (done.has(point)) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const waiting = await trx.selectFrom('drafts').select(['id', 'state']).where('case_id', '=', c.id).where('state', 'in', ['awaiting_approval', 'notify']).orderBy('id', 'desc').executeTakeFirst();
      const text = reminderText(c, account, point, waiting?.id ?? null, ctx.config.timezone, now);
      let queued = false;
      for (const approver of account.approvers) {
        if (await queueToApprover(trx, account, approver, { ...text, purpose: 'reminder', ref: `${c.id}.${point}`, caseId: c.id, draftId: waiting?.id ?? null }, now)) queued = true;
      }
      // Another kotae process sent this reminder already (its once-key): nothing to record.
      if (!queued) return;
      await appendEvent(trx, c.id, { at: now.toISOString(), type: 'reminder', actor: 'kotae', message_id: null, draft_id: waiting?.id ?? null, summary: point === 'breach' ? 'Reply-by time passed without an answer' : `Reminder: ${point} left to answer`, data_json: JSON.stringify({ point }) });
    });
    if (point === 'breach') {
      result.breaches += 1;
      ctx.log.warn({ caseId: c.id, replyBy: c.reply_by }, 'reply-by time passed without an answer');
    } else result.reminders += 1;
  }
  return result;
}

function reminderText(c: CaseRow, account: AccountConfig, point: string, draftId: number | null, timezone: string, now: Date): { subject: string; text: string } {
  const ja = accountLanguage(account) === 'ja';
  const buyer = who({ audience: 'buyer', supportCaseId: null, buyerName: c.buyer_name, orderId: c.order_id }, ja ? 'ja' : 'en');
  const when = replyByText(c.reply_by!, timezone, now);
  const breach = point === 'breach';
  const subject = ja ? `[kotae] ${breach ? '返信期限を過ぎました' : `返信期限まで ${point.replace('h', ' 時間')}`}: ${buyer}` : `[kotae] ${breach ? 'Reply-by time passed' : `${point.replace('h', ' h')} left to reply`}: ${buyer}`;
  const lines = ja
    ? [`${buyer}のメッセージにまだ返信していません。返信期限: ${when}`, '', draftId !== null ? `返信案 #${draftId} が承認待ちです。承認メールに「承認」と返信するか、\`kotae approve ${draftId}\` を実行してください。` : 'Seller Central から返信してください。', '', `kotae ケース #${c.id}（\`kotae case ${c.id}\`）`]
    : [`The message from ${buyer} has no answer yet. Reply by: ${when}`, '', draftId !== null ? `Draft #${draftId} waits for approval: reply "approve" to its approval mail, or run \`kotae approve ${draftId}\`.` : 'Please answer it in Seller Central.', '', `kotae case #${c.id} (\`kotae case ${c.id}\`)`];
  return { subject, text: lines.join('\n') };
}
