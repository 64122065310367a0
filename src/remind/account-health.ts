// Account-health deadlines as a clock: a notice that names its window (72 hours for a severe policy
// warning) has a reply-by time on its case; the approvers are reminded at
// `reminders.accountHealthHoursBefore` and alerted once when it passes. Like the buyer's 24 hours,
// each point is recorded on the timeline and sent once (its once-key) however often this runs. The
// answer itself is given in Seller Central, never by mail: the reminder says so.
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import { accountLanguage } from '../respond/gather.ts';
import { HOUR } from '../shared/clock.ts';
import { relative, sellerTime } from '../shared/time.ts';
import { appendEvent } from '../store/cases.ts';
import type { CaseRow } from '../store/schema.ts';
import { queueToApprover } from '../outbox/to-approver.ts';
import { BREACH_ALERT_HOURS, duePoint, type ReminderResult } from './reminders.ts';


export async function sendAccountHealthReminders(ctx: Context): Promise<ReminderResult> {
  const now = ctx.clock.now();
  const thresholds = [...ctx.config.reminders.accountHealthHoursBefore].sort((a, b) => b - a);
  const horizon = new Date(now.getTime() + (thresholds[0] ?? 0) * HOUR).toISOString();
  const oldest = new Date(now.getTime() - BREACH_ALERT_HOURS * HOUR).toISOString();
  const cases = await ctx.db.selectFrom('cases').selectAll().where('kind', '=', 'notice').where('status', '=', 'awaiting_seller').where('reply_by', '>=', oldest).where('reply_by', '<=', horizon).execute();
  const result: ReminderResult = { reminders: 0, breaches: 0 };
  for (const c of cases) {
    const account = ctx.config.accounts.find((a) => a.id === c.account_id);
    if (!account) continue;
    const point = duePoint(c.reply_by!, thresholds, now, await firstSeen(ctx, c.id));
    if (!point) continue;
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const text = healthReminderText(c, account, point, ctx.config.timezone, now);
      let queued = false;
      for (const approver of account.approvers) {
        if (await queueToApprover(trx, account, approver, { ...text, purpose: 'reminder', ref: `${c.id}.health.${point}`, caseId: c.id, draftId: null }, now)) queued = true;
      }
      // Another kotae process sent it already (its once-key): nothing to record.
      if (!queued) return false;
      await appendEvent(trx, c.id, { at: now.toISOString(), type: 'reminder', actor: 'kotae', message_id: null, draft_id: null, summary: point === 'breach' ? 'Account-health deadline passed' : `Account-health deadline: ${point} left`, data_json: JSON.stringify({ point: `health-${point}` }) });
      return true;
    });
    if (!sent) continue;
    if (point === 'breach') {
      result.breaches += 1;
      ctx.log.warn({ caseId: c.id, replyBy: c.reply_by }, 'account-health deadline passed');
    } else result.reminders += 1;
  }
  return result;
}

/** When kotae first saw the notice: a point already passed then is not reminded of (the notice told it). */
async function firstSeen(ctx: Context, caseId: number): Promise<string | null> {
  const row = await ctx.db.selectFrom('messages').select((eb) => eb.fn.min('stored_at').as('at')).where('case_id', '=', caseId).where('direction', '=', 'in').executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

export function healthReminderText(c: Pick<CaseRow, 'id' | 'subject' | 'reply_by'>, account: AccountConfig, point: string, timezone: string, now: Date): { subject: string; text: string } {
  const ja = accountLanguage(account) === 'ja';
  const off = relative(c.reply_by!, now, ja ? 'ja' : 'en', 'overdue');
  const at = sellerTime(c.reply_by!, timezone, ja ? 'ja' : 'en');
  const breach = point === 'breach';
  const title = (c.subject ?? '').trim();
  if (ja) {
    return {
      subject: `[kotae] ${breach ? `アカウント健全性の回答期限を過ぎました（${off}）` : `アカウント健全性の回答期限まで${off}`}${title ? `: ${title}` : ''}`,
      text: [
        `Amazonからのアカウント健全性のお知らせ${title ? `「${title}」` : ''}${breach ? 'の回答期限を過ぎています。' : 'に、まだ回答していません。'}`,
        `回答期限: ${at}（${off}）`,
        '',
        '回答はセラーセントラルの「アカウント健全性」から行ってください。このメールやAmazonからのメールに返信しても回答にはなりません。',
        '',
        `kotae ケース #${c.id}（\`kotae case ${c.id}\`）`,
      ].join('\n'),
    };
  }
  return {
    subject: `[kotae] ${breach ? `Account-health deadline passed (${off})` : `Account-health deadline ${off}`}${title ? `: ${title}` : ''}`,
    text: [
      `${breach ? 'The deadline of' : 'You have not answered'} Amazon's account-health notice${title ? ` "${title}"` : ''}${breach ? ' has passed.' : ' yet.'}`,
      `Answer by: ${at} (${off})`,
      '',
      'Answer it in Seller Central (Account Health). Replying to this email or to Amazon\'s does not count as an answer.',
      '',
      `kotae case #${c.id} (\`kotae case ${c.id}\`)`,
    ].join('\n'),
  };
}
