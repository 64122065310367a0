// Reimbursements Amazon promised that have not been paid after `sellerSupport.reimbursementFollowUpDays`:
// the digest lists them, and each gets one follow-up draft on its case (support/payment-follow-up).
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import type { ReplyKit } from '../respond/kit.ts';
import { formatMoney } from '../respond/money.ts';
import type { PlayEntry } from '../respond/playbook.ts';
import { draftFor } from '../respond/respond.ts';
import { accountLanguage } from '../respond/gather.ts';
import { promisedAt, supportHistory } from '../respond/support-history.ts';
import { DAY } from '../shared/clock.ts';
import type { Db } from '../store/index.ts';
import { lockCase } from '../store/cases.ts';
import type { CaseRow } from '../store/schema.ts';

export const PAYMENT_FOLLOW_UP: PlayEntry = {
  id: 'support-payment-follow-up',
  at: 'built in',
  when: { kind: ['support_case'] },
  template: 'support/payment-follow-up',
  mode: 'approval',
  note: {
    ja: 'Amazonが案内した返金（補填）が、設定した日数を過ぎても確認できません。同じケースで状況を確認する文面です。',
    en: 'The reimbursement Amazon promised has not arrived within the days you set. This asks about it on the same case.',
  },
};

export interface OverduePayment {
  caseRow: CaseRow;
  supportCaseId: string;
  /** "在庫保管手数料 3,240円" / "monthly storage fees $214.80", one per promised amount. */
  items: string[];
  promisedAt: string;
  days: number;
}

/** The account's Seller Support cases with a promised payment older than its follow-up days. */
export async function overduePayments(ctx: Context, account: AccountConfig): Promise<OverduePayment[]> {
  const now = ctx.clock.now();
  const language = accountLanguage(account);
  const cases = await ctx.db.selectFrom('cases').selectAll().where('account_id', '=', account.id).where('kind', '=', 'support').where('status', '!=', 'resolved').execute();
  const out: OverduePayment[] = [];
  for (const caseRow of cases) {
    // Stock answers do not matter here: no phrases, so none is counted.
    const h = await supportHistory(ctx.db, caseRow, { minPhrases: 1, repeatShare: 1, phrases: [] });
    const promised = h.facts.money.filter((m) => m.state === 'promised');
    const at = promisedAt(h);
    if (promised.length === 0 || at === null) continue;
    const days = Math.floor((now.getTime() - new Date(at).getTime()) / DAY);
    if (days < account.sellerSupport.reimbursementFollowUpDays) continue;
    out.push({ caseRow, supportCaseId: caseRow.support_case_id ?? '?', items: promised.map((m) => `${m.what} ${formatMoney(m.amount, m.currency, language)}`), promisedAt: at, days });
  }
  return out;
}

/** One follow-up draft per promise: none if one was drafted since Amazon promised. */
export async function draftPaymentFollowUps(ctx: Context, kit: ReplyKit): Promise<number> {
  let drafted = 0;
  for (const account of ctx.config.accounts) {
    for (const due of await overduePayments(ctx, account)) {
      const message = await ctx.db.selectFrom('messages').selectAll().where('case_id', '=', due.caseRow.id).where('direction', '=', 'in').where('kind', '=', 'support_case').orderBy('id', 'desc').executeTakeFirst();
      if (!message || (await followedUp(ctx.db, due.caseRow.id, due.promisedAt))) continue;
      const made = await ctx.db.transaction().execute(async (trx) => {
        // Asked again under the case's lock: another kotae process may have drafted it meanwhile.
        await lockCase(trx, due.caseRow.id);
        if (await followedUp(trx, due.caseRow.id, due.promisedAt)) return false;
        await draftFor(trx, ctx, kit, { account, caseRow: due.caseRow, message, play: PAYMENT_FOLLOW_UP });
        return true;
      });
      if (!made) continue;
      drafted += 1;
      ctx.log.info({ caseId: due.caseRow.id, supportCaseId: due.supportCaseId, days: due.days }, 'follow-up on a promised reimbursement drafted');
    }
  }
  return drafted;
}

async function followedUp(db: Db, caseId: number, since: string): Promise<boolean> {
  const row = await db.selectFrom('drafts').select('id').where('case_id', '=', caseId).where('play', '=', PAYMENT_FOLLOW_UP.id).where('created_at', '>=', since).executeTakeFirst();
  return row !== undefined;
}
