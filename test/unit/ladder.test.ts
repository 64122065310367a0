// The Seller Support ladder over case histories (seeds 000, 003, 004): which letter each history calls
// for, and that the executive letter waits for the seller's own threshold.
import { describe, expect, it } from 'vitest';
import { climb, type LadderHistory, type LadderRules } from '../../src/respond/ladder.ts';

const rules: LadderRules = { newCaseAfterStockAnswers: 2, executive: { afterRounds: 6 } };
const history = (over: Partial<LadderHistory> = {}): LadderHistory => ({
  fault: { party: 'unclear', disputed: false },
  money: [],
  rounds: 1,
  stockInARow: 0,
  previousCase: false,
  sent: [],
  ...over,
});

describe('the ladder', () => {
  it.each<[string, Partial<LadderHistory>, string]>([
    ['a first answer that leaves the cause open asks whose it is', {}, 'clarify'],
    ['an answer blaming the seller asks the same, and how to avoid it', { fault: { party: 'seller', disputed: false } }, 'clarify'],
    ['still unclear after asking: another agent on a new case', { sent: ['clarify'], rounds: 2 }, 'new-case'],
    ['stock answers in a row: a new case (担当者ガチャ)', { stockInARow: 2, rounds: 2 }, 'new-case'],
    ['stock answers on the new case too: the official position', { stockInARow: 2, rounds: 4, previousCase: true }, 'escalate'],
    ['Amazon admitted the fault and money is at stake: reimbursement', { fault: { party: 'amazon', disputed: true }, money: [{ amount: 3240, state: 'claimed' }] }, 'reimbursement'],
    ['the reimbursement asked already: nothing new to write', { fault: { party: 'amazon', disputed: true }, money: [{ amount: 3240, state: 'claimed' }], sent: ['reimbursement'] }, 'none'],
    ['an admission with nothing at stake: nothing to write', { fault: { party: 'amazon', disputed: false } }, 'none'],
    ['a promised payment: kotae waits for it', { fault: { party: 'amazon', disputed: true }, money: [{ amount: 3240, state: 'promised' }] }, 'none'],
    ['the payment made: nothing to write', { fault: { party: 'amazon', disputed: true }, money: [{ amount: 3240, state: 'paid' }] }, 'none'],
    ['a payment refused after an admission: the official position', { fault: { party: 'amazon', disputed: true }, money: [{ amount: 3240, state: 'refused' }], sent: ['reimbursement'] }, 'escalate'],
  ])('%s', (_, over, step) => {
    expect(climb(history(over), rules).step).toBe(step);
  });

  it('suggests the executive letter only past the seller\'s own threshold, after the official position', () => {
    const stuck = history({ stockInARow: 3, previousCase: true, sent: ['new-case', 'escalate'] });
    expect(climb({ ...stuck, rounds: 5 }, rules).step).toBe('escalate');
    expect(climb({ ...stuck, rounds: 6 }, rules).step).toBe('executive');
    expect(climb({ ...stuck, rounds: 6, sent: ['new-case'] }, rules).step).toBe('escalate');
    expect(climb({ ...stuck, rounds: 6, sent: ['new-case', 'escalate', 'executive'] }, rules).step).toBe('none');
  });

  it('reaches the executive letter by money when the seller set an amount', () => {
    const refused = history({ fault: { party: 'amazon', disputed: true }, money: [{ amount: 52_000, state: 'refused' }], sent: ['reimbursement', 'escalate'], rounds: 3 });
    expect(climb(refused, rules).step).toBe('escalate');
    expect(climb(refused, { ...rules, executive: { afterRounds: 6, moneyAtLeast: 50_000 } }).step).toBe('executive');
    expect(climb(refused, { ...rules, executive: { afterRounds: 6, moneyAtLeast: 60_000 } }).step).toBe('escalate');
  });

  it('says why, for the timeline', () => {
    expect(climb(history({ stockInARow: 2 }), rules).why).toBe('2 stock answers in a row');
  });
});
