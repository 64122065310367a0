// A Seller Support case's history as the ladder and the letters read it: the facts (fault, money),
// Amazon's answers and how many were stock answers, the case it continues, the letters already sent.
import type { Db } from '../store/index.ts';
import type { CaseRow } from '../store/schema.ts';
import { loadSupportFacts, type SupportFacts } from '../understand/support-facts.ts';
import type { Language } from '../understand/kinds.ts';
import type { RenderData } from './render-data.ts';
import { STEPS, type LadderHistory, type Letter } from './ladder.ts';
import { formatMoney, totalOf } from './money.ts';
import { looksLikeBoilerplate, type Playbook } from './playbook.ts';

export interface SupportHistory extends LadderHistory {
  facts: SupportFacts;
  answers: number;
  stockAnswers: number;
  /** The last answer Amazon gave on the case this one continues. */
  previousAnswer: string | null;
  /** When each timeline event of the case happened (evidence and money name events). */
  eventTimes: Map<number, string>;
}

export async function supportHistory(db: Db, caseRow: CaseRow, boilerplate: Playbook['boilerplate']): Promise<SupportHistory> {
  const facts = await loadSupportFacts(db, caseRow.id);
  const answers = await amazonAnswers(db, caseRow.id);
  let stockAnswers = 0;
  let stockInARow = 0;
  answers.forEach((text, i) => {
    const stock = looksLikeBoilerplate(text, answers.slice(0, i), boilerplate);
    stockAnswers += stock ? 1 : 0;
    stockInARow = stock ? stockInARow + 1 : 0;
  });
  const previous = caseRow.previous_support_case_id
    ? await db.selectFrom('cases').select(['id', 'amazon_answers']).where('account_id', '=', caseRow.account_id).where('support_case_id', '=', caseRow.previous_support_case_id).executeTakeFirst()
    : undefined;
  const previousAnswers = previous ? await amazonAnswers(db, previous.id) : [];
  const letters = await db.selectFrom('drafts').select('template').where('case_id', '=', caseRow.id).where('state', 'in', ['sent', 'awaiting_post']).execute();
  const events = await db.selectFrom('case_events').select(['id', 'at']).where('case_id', '=', caseRow.id).execute();
  return {
    facts,
    fault: { party: facts.fault.party, disputed: facts.fault.disputed },
    money: facts.money.map((m) => ({ amount: m.amount, state: m.state })),
    answers: Math.max(caseRow.amazon_answers, answers.length),
    rounds: Math.max(caseRow.amazon_answers, answers.length) + (previous?.amazon_answers ?? 0),
    stockAnswers,
    stockInARow,
    previousCase: caseRow.previous_support_case_id !== null,
    previousAnswer: previousAnswers.at(-1) ?? null,
    sent: letters.map((l) => (l.template ?? '').replace(/^support\//, '')).filter((t): t is Letter => (STEPS as readonly string[]).includes(t) && t !== 'none'),
    eventTimes: new Map(events.map((e) => [e.id, e.at])),
  };
}

/** The `support` part of a template's data, amounts written for `language`. */
export function supportRenderData(h: SupportHistory, language: Language): RenderData['support'] {
  const latest = (party: 'amazon' | 'seller') => {
    const e = h.facts.fault.evidence.filter((x) => x.party === party).at(-1);
    return e ? { quote: e.quote, at: h.eventTimes.get(e.eventId) ?? '' } : null;
  };
  const unpaid = h.facts.money.filter((m) => m.state !== 'paid');
  return {
    fault: h.facts.fault.party,
    disputed: h.facts.fault.disputed,
    admission: latest('amazon'),
    blame: latest('seller'),
    money: h.facts.money.map((m) => ({ amount: formatMoney(m.amount, m.currency, language), what: m.what, state: m.state })),
    unpaidTotal: totalOf(unpaid, language),
    promisedAt: promisedAt(h),
    stockAnswers: h.stockAnswers,
  };
}

/** When Amazon promised the payment that is still missing: the latest event of a promised amount. */
export function promisedAt(h: Pick<SupportHistory, 'facts' | 'eventTimes'>): string | null {
  const times = h.facts.money
    .filter((m) => m.state === 'promised')
    .flatMap((m) => m.eventIds.map((id) => h.eventTimes.get(id)))
    .filter((t): t is string => t !== undefined)
    .sort();
  return times.at(-1) ?? null;
}

/** Amazon's answers on a case, oldest first. */
async function amazonAnswers(db: Db, caseId: number): Promise<string[]> {
  const rows = await db.selectFrom('messages').select('buyer_text').where('case_id', '=', caseId).where('kind', '=', 'support_case').where('direction', '=', 'in').orderBy('id').execute();
  return rows.map((r) => r.buyer_text ?? '');
}
