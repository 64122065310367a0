// Seller Support that has not answered: after `reminders.supportFollowUpDays` days waiting on Amazon,
// kotae drafts a polite follow-up on the same case (support/follow-up) for the approvers; a promised
// reimbursement still unpaid gets its own (payments.ts).
import type { Context } from '../context.ts';
import { DAY } from '../shared/clock.ts';
import type { ReplyKit } from '../respond/kit.ts';
import type { PlayEntry } from '../respond/playbook.ts';
import { draftFor } from '../respond/respond.ts';
import { lockCase } from '../store/cases.ts';
import { draftPaymentFollowUps } from './payments.ts';

const FOLLOW_UP: PlayEntry = {
  id: 'support-follow-up',
  at: 'built in',
  when: { kind: ['support_case'] },
  template: 'support/follow-up',
  mode: 'approval',
  note: null,
};

export async function draftSupportFollowUps(ctx: Context, kit: ReplyKit): Promise<number> {
  const now = ctx.clock.now();
  const due = new Date(now.getTime() - ctx.config.reminders.supportFollowUpDays * DAY).toISOString();
  const cases = await ctx.db.selectFrom('cases').selectAll().where('kind', '=', 'support').where('status', '=', 'awaiting_amazon').where('last_outbound_at', '<=', due).execute();
  let drafted = 0;
  for (const caseRow of cases) {
    const account = ctx.config.accounts.find((a) => a.id === caseRow.account_id);
    if (!account) continue;
    // One follow-up per silence: none if a draft was made since the seller last wrote.
    const recent = await ctx.db.selectFrom('drafts').select('id').where('case_id', '=', caseRow.id).where('created_at', '>', caseRow.last_outbound_at!).executeTakeFirst();
    const message = await ctx.db.selectFrom('messages').selectAll().where('case_id', '=', caseRow.id).where('direction', '=', 'in').where('kind', '=', 'support_case').orderBy('id', 'desc').executeTakeFirst();
    if (recent || !message) continue;
    const made = await ctx.db.transaction().execute(async (trx) => {
      // Asked again under the case's lock: another kotae process may have drafted it meanwhile.
      await lockCase(trx, caseRow.id);
      if (await trx.selectFrom('drafts').select('id').where('case_id', '=', caseRow.id).where('created_at', '>', caseRow.last_outbound_at!).executeTakeFirst()) return false;
      await draftFor(trx, ctx, kit, { account, caseRow, message, play: FOLLOW_UP });
      return true;
    });
    if (!made) continue;
    drafted += 1;
    ctx.log.info({ caseId: caseRow.id, supportCaseId: caseRow.support_case_id }, 'Seller Support follow-up drafted');
  }
  return drafted + (await draftPaymentFollowUps(ctx, kit));
}
