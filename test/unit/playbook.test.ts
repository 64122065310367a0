// The playbook as shipped (rules/playbook.yaml): which play each situation gets, first match wins, and
// the stock-answer judgement the Seller Support ladder reads (the ladder itself: ladder.test.ts).
// Pure: no store, no templates.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePlay, loadPlaybook, looksLikeBoilerplate, type Situation } from '../../src/respond/playbook.ts';

const playbook = loadPlaybook(join(import.meta.dirname, '../../rules/playbook.yaml'));
const buyer = (over: Partial<Situation> = {}): Situation => ({ kind: 'buyer_message', intents: [], question: true, fulfilment: 'fba', marketplace: 'JP', ...over });
const support = (s: Partial<NonNullable<Situation['support']>>): Situation => ({
  kind: 'support_case',
  intents: [],
  question: false,
  fulfilment: 'fba',
  marketplace: 'JP',
  support: { answers: 1, daysOpen: 0, boilerplate: false, previousCase: false, step: 'none', ...s },
});

describe('choosing a play', () => {
  it.each<[string, Situation, string]>([
    ['a thank-you with no question', buyer({ question: false }), 'thanks-only'],
    ['a question with no known intent', buyer(), 'buyer-other'],
    ['a phone request, before anything else the buyer asked', buyer({ intents: ['phone_request', 'invoice_request'] }), 'phone-request'],
    ['a return on an FBA order', buyer({ intents: ['return'] }), 'fba-return'],
    ['a return on a merchant-fulfilled order', buyer({ intents: ['return'], fulfilment: 'merchant' }), 'merchant-return'],
    ['an A-to-z claim', { ...buyer(), kind: 'atoz_claim' }, 'atoz-claim'],
    ['the ladder asks whose fault it is', support({ step: 'clarify' }), 'support-clarify'],
    ['the ladder asks for the money Amazon owes', support({ step: 'reimbursement' }), 'support-reimbursement'],
    ['the ladder re-rolls the agent with a new case', support({ step: 'new-case' }), 'support-new-case'],
    ['the ladder asks for the official position', support({ step: 'escalate' }), 'support-escalate'],
    ['the ladder reaches the executive letter', support({ step: 'executive' }), 'support-executive'],
    ['a real answer', support({}), 'support-answer'],
  ])('%s → %s', (_, situation, play) => {
    expect(choosePlay(playbook, situation)?.id).toBe(play);
  });
});

describe('the stock-answer judgement', () => {
  const rules = playbook.boilerplate;

  it('is a stock answer with enough stock phrases, and not with one', () => {
    expect(looksLikeBoilerplate('詳細はヘルプページをご確認ください。ご不便をおかけし申し訳ございません。', [], rules)).toBe(true);
    expect(looksLikeBoilerplate('ご不便をおかけし申し訳ございません。在庫は本日補填いたしました。', [], rules)).toBe(false);
  });

  it('is a stock answer when most sentences repeat an earlier answer, however the lines were wrapped', () => {
    const earlier = 'お問い合わせいただきありがとうございます。\n該当の在庫は現在調査中でございます。\n結果は改めてご連絡いたします。';
    const again = 'お問い合わせいただきありがとうございます。該当の在庫は現在\n調査中でございます。結果は改めてご連絡いたします。';
    expect(looksLikeBoilerplate(again, [earlier], rules)).toBe(true);
    expect(looksLikeBoilerplate('該当の在庫 12 点を本日補填いたしました。明細は次の請求に反映されます。', [earlier], rules)).toBe(false);
  });

  it('does not break a sentence at the dots of a domain name', () => {
    const earlier = 'The units were added to your sellable inventory at amazon.com.';
    expect(looksLikeBoilerplate('The units were added to your sellable inventory at amazon.com.', [earlier], rules)).toBe(true);
    expect(looksLikeBoilerplate('The units were added to your sellable inventory at amazon.co.jp.', [earlier], rules)).toBe(false);
  });
});
