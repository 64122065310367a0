// The Seller Support ladder (domain rule 5, seeds 000/003/004): which letter the case's history calls
// for. Pure: the history in, one step and the reason out. The playbook says per step which template
// answers it and how (rules/playbook.yaml, `support: { step: … }`).

/** The letters, lowest rung first; `none`: nothing to write (the seller reads the answer, or waits). */
export const STEPS = ['clarify', 'reimbursement', 'new-case', 'escalate', 'executive', 'none'] as const;
export type Step = (typeof STEPS)[number];

/** The letters the ladder writes, by template name under support/. */
export type Letter = Exclude<Step, 'none'>;

export interface LadderHistory {
  fault: { party: 'amazon' | 'seller' | 'unclear'; disputed: boolean };
  money: { amount: number; state: 'claimed' | 'promised' | 'paid' | 'refused' }[];
  /** Amazon's answers on this case and on the case it continues. */
  rounds: number;
  /** Stock answers in a row, ending with the latest answer. */
  stockInARow: number;
  /** This case was opened citing an earlier one. */
  previousCase: boolean;
  /** Letters already sent (or approved and waiting to be posted) on this case. */
  sent: readonly Letter[];
}

export interface LadderRules {
  newCaseAfterStockAnswers: number;
  executive: { afterRounds: number; moneyAtLeast?: number | undefined };
}

export interface Rung {
  step: Step;
  /** Why, in a few words (the timeline and the approvers' note). */
  why: string;
}

export function climb(h: LadderHistory, rules: LadderRules): Rung {
  const open = h.money.filter((m) => m.state !== 'paid');
  const atStake = open.reduce((sum, m) => sum + m.amount, 0);
  const pastThreshold = h.rounds >= rules.executive.afterRounds || (rules.executive.moneyAtLeast !== undefined && atStake >= rules.executive.moneyAtLeast);
  const sent = new Set(h.sent);
  // The top of the ladder: the official position first; the executive letter only past the seller's
  // own threshold, and only once the official position was asked for.
  const top = (why: string): Rung =>
    pastThreshold && sent.has('escalate') && !sent.has('executive') ? { step: 'executive', why: `${why}; past the seller's threshold` } : sent.has('escalate') && sent.has('executive') ? { step: 'none', why: `${why}; every rung has been tried` } : { step: 'escalate', why };

  if (h.money.length > 0 && open.length === 0) return { step: 'none', why: 'the money at stake has been paid' };
  if (open.some((m) => m.state === 'promised')) return { step: 'none', why: 'Amazon promised the payment; kotae watches for it' };
  if (h.fault.party === 'amazon' && open.some((m) => m.state === 'refused')) return top('Amazon admitted the fault but refused the payment');
  if (h.fault.party === 'amazon' && open.some((m) => m.state === 'claimed') && !sent.has('reimbursement')) {
    return { step: 'reimbursement', why: 'Amazon admitted the fault and money is at stake' };
  }
  if (h.stockInARow >= rules.newCaseAfterStockAnswers) {
    // 担当者ガチャ: another agent on a new case first; a new case that gets stock answers too goes up.
    if (!h.previousCase && !sent.has('new-case')) return { step: 'new-case', why: `${h.stockInARow} stock answers in a row` };
    return top(`${h.stockInARow} stock answers in a row on a case that continues another`);
  }
  if (h.fault.party !== 'amazon') {
    if (!sent.has('clarify')) return { step: 'clarify', why: h.fault.party === 'seller' ? 'Amazon blames the seller without saying how to avoid it' : 'the cause is not clear' };
    if (!h.previousCase && !sent.has('new-case')) return { step: 'new-case', why: 'the cause is still not clear after asking' };
    return top('the cause is still not clear on a case that continues another');
  }
  return { step: 'none', why: 'Amazon admitted the fault; nothing is at stake' };
}
