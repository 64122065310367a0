// Account-health deadlines as a clock: a notice that names its window (72 hours for a severe policy
// warning) has a reply-by time on its case; the approvers are reminded at
// `reminders.accountHealthHoursBefore` and alerted once when it passes. Like the buyer's 24 hours,
// each point is recorded on the timeline and sent once (its once-key) however often this runs. The
// answer itself is given in Seller Central, never by mail: the reminder says so.
//
// The clock stops when the seller's turn is over. kotae cannot see an answer given in Seller Central,
// so the seller says it: `対応済` / `done` on the first line of a reply to the reminder (or to any
// kotae mail about the notice). Amazon's own next mail on the notice, saying it received the appeal or
// plan or that the matter is resolved, stops it too (src/understand/thread.ts, healthNoticeSettled).
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import { approverRefusal } from '../approval/authentication.ts';
import { repliedCase } from '../approval/fact-reply.ts';
import type { ParsedMail } from '../ingest/parse.ts';
import { accountLanguage } from '../respond/gather.ts';
import { HOUR } from '../shared/clock.ts';
import { relative, sellerTime } from '../shared/time.ts';
import type { Db } from '../store/index.ts';
import { appendEvent, updateCase } from '../store/cases.ts';
import type { CaseRow, MessageRow } from '../store/schema.ts';
import { queueToApprover } from '../outbox/to-approver.ts';
import { BREACH_ALERT_HOURS, duePoint, type ReminderResult } from './reminders.ts';

/** A first line that says the notice is answered: 対応済, 対応完了, 回答しました, 完了しました, 提出済み, done, answered, appealed. */
const ANSWERED = /^\s*(?:対応済み?|回答済み?|提出済み?|申し立て済み?|対応完了|回答完了|提出完了|完了|対応しました|回答しました|提出しました|done|answered|submitted|appealed)\s*(?:です|でした|しました)?[。.!！]?\s*$/i;

export function saysAnswered(firstLine: string): boolean {
  return ANSWERED.test(firstLine.normalize('NFKC'));
}

/**
 * `対応済` / `done` in reply to a kotae mail about an account-health notice: the seller answered it in
 * Seller Central (`own`: the approver's own words). The clock stops (the case waits on Amazon) and the
 * approver is told. False when the
 * reply is not that (its first line says something else, or the mail was not about a notice: "done"
 * on the Case Log paste mail means posted), so the caller goes on.
 */
export async function handleHealthAnswered(db: Db, ctx: Context, account: AccountConfig, row: MessageRow, mail: ParsedMail, sender: string, own: string): Promise<boolean> {
  if (!saysAnswered(own.split('\n').find((line) => line.trim() !== '') ?? '')) return false;
  const caseRow = await repliedCase(db, account, mail, sender);
  if (!caseRow || caseRow.kind !== 'notice') return false;
  const refuse = (reason: string) => ctx.log.warn({ messageId: row.id, sender, reason }, 'account-health answer by reply refused');
  const refusal = approverRefusal(account, sender, mail.headers);
  if (refusal !== null) {
    refuse(refusal);
    return true;
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const running = caseRow.status === 'awaiting_seller';
  if (running) {
    await updateCase(db, caseRow.id, { status: 'awaiting_amazon', reply_by: null, last_outbound_at: at, updated_at: at });
    await appendEvent(db, caseRow.id, { at, type: 'status', actor: 'seller', message_id: row.id, draft_id: null, summary: `Answered in Seller Central (${sender} said so by reply): the account-health clock stopped`, data_json: JSON.stringify({ answered: true }) });
  }
  const ja = accountLanguage(account) === 'ja';
  const title = (caseRow.subject ?? '').trim();
  const text = ja
    ? [
        running ? `アカウント健全性のお知らせ${title ? `「${title}」` : ''}を回答済みとして記録しました。回答期限のリマインダーは今後お送りしません。` : `アカウント健全性のお知らせ${title ? `「${title}」` : ''}は、すでに回答済みとして記録されています。`,
        'Amazonから新しいお知らせが届いた場合は、改めてご連絡します。',
        '',
        `kotae ケース #${caseRow.id}（\`kotae case ${caseRow.id}\` で全体を確認できます）`,
      ]
    : [
        running ? `Recorded as answered. No more deadline reminders for Amazon's account-health notice${title ? ` "${title}"` : ''}.` : `Amazon's account-health notice${title ? ` "${title}"` : ''} is already recorded as answered.`,
        'If Amazon sends a new notice, kotae will tell you again.',
        '',
        `kotae case #${caseRow.id} (\`kotae case ${caseRow.id}\` shows all of it)`,
      ];
  const subject = ja ? `[kotae] 回答済みとして記録しました: アカウント健全性のお知らせ${title ? `「${title}」` : ''}` : `[kotae] Recorded: account health${title ? ` "${title}"` : ''}`;
  await queueToApprover(db, account, sender, { purpose: 'feedback', ref: `health-answered.${row.id}`, subject, text: text.join('\n'), caseId: caseRow.id, draftId: null, inReplyTo: mail.messageId ?? undefined }, now);
  return true;
}


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
        'すでにセラーセントラルで回答済みの場合は、このメールに返信し、本文の1行目に「対応済」とご記入ください。以降のリマインダーを停止します。',
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
      'Answered it already? Reply to this email with "done" on the first line and the reminders stop.',
      '',
      `kotae case #${c.id} (\`kotae case ${c.id}\`)`,
    ].join('\n'),
  };
}
