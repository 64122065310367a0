// Respond: for each message that may need an answer, the playbook picks a template and a mode, the
// template is rendered with the case's facts, and the policy guard judges it: the result is a draft
// (for approval or automatic sending) or a notice to the approvers. One transaction per message.
import type { Context } from '../context.ts';
import type { AccountConfig } from '../config/schema.ts';
import type { Db } from '../store/index.ts';
import { appendEvent, getCase } from '../store/cases.ts';
import { createDraft, openDraftsOfCase, setDraftState } from '../store/drafts.ts';
import type { CaseRow, MessageRow } from '../store/schema.ts';
import { DAY, HOUR } from '../shared/clock.ts';
import { errorMessage } from '../shared/errors.ts';
import { StoreError } from '../store/errors.ts';
import type { Kind, Language } from '../understand/kinds.ts';
import { isQuestion, sentences } from '../understand/extract.ts';
import { arrivalOf } from '../understand/stage.ts';
import { checkBuyerMessage, type Violation } from './guard/index.ts';
import { accountLanguage, classificationOf, earlierSupportAnswers, gatherRenderData } from './gather.ts';
import type { ReplyKit } from './kit.ts';
import { climb } from './ladder.ts';
import { choosePlay, looksLikeBoilerplate, type PlayEntry, type Situation } from './playbook.ts';
import { supportHistory, type SupportHistory } from './support-history.ts';
import { confirmPostedByAmazon } from '../outbox/case-log.ts';

export interface RespondResult {
  drafted: number;
  automatic: number;
  notified: number;
  skipped: number;
}

/** Kinds whose answer window is Amazon's 24 hours: no draft once the window has closed (a backfill). */
const WINDOWED = new Set<Kind>(['buyer_message', 'cs_inquiry', 'return_request']);

export async function draftReplies(ctx: Context, kit: ReplyKit): Promise<RespondResult> {
  const result: RespondResult = { drafted: 0, automatic: 0, notified: 0, skipped: 0 };
  // Amazon's answer on a case shows that the letter waiting to be posted in its Case Log was posted.
  await confirmPostedByAmazon(ctx);
  const pending = await ctx.db.selectFrom('messages').selectAll().where('respond_state', '=', 'pending').orderBy('id').execute();
  for (const message of pending) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        // pending → done first: a message read by two kotae processes is answered by one.
        if (!(await claimRespond(trx, message.id))) return;
        result[await respondTo(trx, ctx, kit, message)] += 1;
      });
    } catch (err) {
      if (err instanceof StoreError) throw err;
      // A broken template or rule must not stop the others, nor retry forever: tell the approvers.
      ctx.log.error({ messageId: message.id, caseId: message.case_id, err: errorMessage(err) }, 'could not prepare a reply');
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await claimRespond(trx, message.id))) return;
        await notifyFailure(trx, ctx, message, errorMessage(err));
        result.notified += 1;
      });
    }
  }
  return result;
}

/**
 * Whether a message waits for the respond step that may get a draft (drafting then loads the Japanese
 * reader): not mail of a first sync that arrived before the reply window, which is left undrafted.
 */
export async function repliesWaiting(ctx: Context): Promise<boolean> {
  const windowStart = new Date(ctx.clock.now().getTime() - ctx.config.sync.replyWindowHours * HOUR).toISOString();
  const row = await ctx.db
    .selectFrom('messages')
    .select('id')
    .where('respond_state', '=', 'pending')
    .where((eb) => eb.or([eb('kind', 'not in', [...WINDOWED]), eb('received_at', 'is', null), eb('received_at', '>=', windowStart)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function claimRespond(db: Db, messageId: number): Promise<boolean> {
  const res = await db.updateTable('messages').set({ respond_state: 'done' }).where('id', '=', messageId).where('respond_state', '=', 'pending').executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

async function respondTo(db: Db, ctx: Context, kit: ReplyKit, message: MessageRow): Promise<keyof RespondResult> {
  const account = ctx.config.accounts.find((a) => a.id === message.account_id);
  const caseRow = message.case_id === null ? undefined : await getCase(db, message.case_id);
  if (!account || !caseRow || caseRow.status !== 'awaiting_seller') return 'skipped';
  const now = ctx.clock.now();
  const c = classificationOf(message);
  // The window counts from the mail's arrival (INTERNALDATE), so a first sync of old mail drafts
  // nothing while a message delivered now is answered whatever its Date header says.
  const arrived = arrivalOf(message);
  if (message.kind !== null && WINDOWED.has(message.kind) && now.getTime() - arrived.getTime() > ctx.config.sync.replyWindowHours * HOUR) {
    await appendEvent(db, caseRow.id, { at: now.toISOString(), type: 'note', actor: 'kotae', message_id: message.id, draft_id: null, summary: 'No draft: the message is older than the reply window (first sync of old mail).', data_json: null });
    return 'skipped';
  }

  const situation: Situation = {
    kind: message.kind!,
    intents: c.intents ?? [],
    question: sentences(message.buyer_text ?? '').some(isQuestion),
    fulfilment: account.fulfilment,
    marketplace: caseRow.marketplace,
  };
  let history: SupportHistory | undefined;
  if (message.kind === 'support_case') {
    const earlier = await earlierSupportAnswers(db, caseRow.id, message.id);
    history = await supportHistory(db, caseRow, kit.playbook.boilerplate);
    const rung = climb(history, account.sellerSupport);
    situation.support = {
      answers: caseRow.amazon_answers,
      daysOpen: Math.floor((now.getTime() - new Date(caseRow.opened_at).getTime()) / DAY),
      boilerplate: looksLikeBoilerplate(message.buyer_text ?? '', earlier, kit.playbook.boilerplate),
      previousCase: caseRow.previous_support_case_id !== null,
      step: rung.step,
    };
    await appendEvent(db, caseRow.id, { at: now.toISOString(), type: 'note', actor: 'kotae', message_id: message.id, draft_id: null, summary: `Ladder: ${rung.step} (${rung.why})`, data_json: JSON.stringify({ ladder: rung.step, why: rung.why, fault: history.fault.party, stockInARow: history.stockInARow, rounds: history.rounds }) });
  }
  const play = choosePlay(kit.playbook, situation);
  if (!play || play.mode === 'ignore') return 'skipped';

  // A newer message makes earlier drafts of the case stale: their tokens stop working with them.
  for (const old of await openDraftsOfCase(db, caseRow.id)) {
    await setDraftState(db, old.id, 'superseded', now);
    await appendEvent(db, caseRow.id, { at: now.toISOString(), type: 'note', actor: 'kotae', message_id: null, draft_id: old.id, summary: `Draft #${old.id} superseded by a newer message.`, data_json: null });
  }
  return draftFor(db, ctx, kit, { account, caseRow, message, play, ...(history ? { history } : {}) });
}

export interface DraftContext {
  account: AccountConfig;
  caseRow: CaseRow;
  message: MessageRow;
  play: PlayEntry;
  /** The Seller Support case's history, when the ladder read it already. */
  history?: SupportHistory;
}

/** Render the play's template for the case, judge it, and record the draft (or notice). */
export async function draftFor(db: Db, ctx: Context, kit: ReplyKit, d: DraftContext): Promise<keyof RespondResult> {
  const now = ctx.clock.now();
  const info = d.play.template ? kit.templates.get(d.play.template, 'ja') ?? kit.templates.get(d.play.template, 'en') : undefined;
  const audience = info?.audience ?? audienceOf(d.message);
  const language = replyLanguage(audience, d.account, d.caseRow, d.message);

  let body = '';
  let subject = replySubject(d.message.subject);
  let placeholders: string[] = [];
  let note = d.play.note ? d.play.note[accountLanguage(d.account)] : null;
  if (d.play.template) {
    const data = await gatherRenderData(db, { account: d.account, caseRow: d.caseRow, message: d.message, language, timezone: ctx.config.timezone, now, boilerplate: kit.playbook.boilerplate, ...(d.history ? { history: d.history } : {}) });
    const rendered = kit.templates.render(d.play.template, language, data);
    body = rendered.text;
    subject = rendered.subject ?? subject;
    placeholders = rendered.placeholders;
  }
  const violations: Violation[] = audience === 'buyer' && body ? checkBuyerMessage({ text: body, subject, language }, kit.guard).violations : [];
  const to = audience === 'buyer' ? d.caseRow.buyer_alias : (replyAddressOf(d.message) ?? null);

  let mode = d.play.mode as 'approval' | 'auto' | 'notify';
  // Why the draft does not go as the play says, for the approvers, in their language.
  const say = (ja: string, en: string) => (note = [note, accountLanguage(d.account) === 'ja' ? ja : en].filter(Boolean).join('\n'));
  if (mode !== 'notify' && !to) {
    mode = 'notify';
    say('購入者の連絡先（Amazonのメッセージ用アドレス）が分からないため、セラーセントラルの「購入者とのメッセージ」（または注文詳細の「購入者に連絡」）から送ってください。', "The buyer's relay address is unknown: send this from Seller Central (Contact Buyer).");
  }
  if (mode === 'auto' && !(info?.auto === true && violations.length === 0 && placeholders.length === 0)) {
    mode = 'approval';
    say('自動送信の設定ですが、条件を満たさないため承認をお願いします。', 'Set to send automatically, but this draft needs your approval (template, policy check or blanks).');
  }
  // A colleague's forward (src/understand/forward.ts) is not Amazon's own mail: its relay address and words
  // are only as good as the forward, so a person approves what is sent.
  if (mode === 'auto' && classificationOf(d.message).rule?.startsWith('team-forward')) {
    mode = 'approval';
    say('購入者のメッセージがスタッフ経由の転送で届いたため、自動送信は行わず承認をお願いします。', "This answers a colleague's forward, so it is not sent automatically: please approve it.");
  }
  const state = mode === 'notify' ? 'notify' : mode === 'auto' ? 'approved' : 'awaiting_approval';
  const draftId = await createDraft(db, {
    account_id: d.account.id,
    case_id: d.caseRow.id,
    message_id: d.message.id,
    play: d.play.id,
    template: d.play.template,
    language,
    audience,
    mode,
    revision: 1,
    subject,
    body,
    to_address: to,
    guard_ok: violations.length === 0 ? 1 : 0,
    violations_json: violations.length ? JSON.stringify(violations) : null,
    note,
    state,
    approval_requested_at: null,
    decided_by: mode === 'auto' ? 'auto' : null,
    decided_at: mode === 'auto' ? now.toISOString() : null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  const verdict = audience !== 'buyer' || !body ? 'no policy check (not a message to a buyer)' : violations.length ? `${violations.length} policy violation(s): ${violations.map((v) => v.rule).join(', ')}` : 'policy check passed';
  await appendEvent(db, d.caseRow.id, {
    at: now.toISOString(),
    type: 'draft',
    actor: 'kotae',
    message_id: d.message.id,
    draft_id: draftId,
    summary: body ? `Draft #${draftId} (${d.play.template}, ${mode}): ${verdict}${placeholders.length ? `; ${placeholders.length} blank(s) to fill` : ''}` : `Notice to the approvers (${d.play.id})`,
    data_json: JSON.stringify({ play: d.play.id, violations, placeholders }),
  });
  return mode === 'notify' ? 'notified' : mode === 'auto' ? 'automatic' : 'drafted';
}

async function notifyFailure(db: Db, ctx: Context, message: MessageRow, error: string): Promise<void> {
  const account = ctx.config.accounts.find((a) => a.id === message.account_id);
  if (!account || message.case_id === null) return;
  const now = ctx.clock.now().toISOString();
  const draftId = await createDraft(db, {
    account_id: account.id,
    case_id: message.case_id,
    message_id: message.id,
    play: 'error',
    template: null,
    language: accountLanguage(account),
    audience: audienceOf(message),
    mode: 'notify',
    revision: 1,
    subject: replySubject(message.subject),
    body: '',
    to_address: null,
    guard_ok: 1,
    violations_json: null,
    note: accountLanguage(account) === 'ja' ? `kotae は返信案を用意できませんでした。セラーセントラルから返信してください（原因: ${error}）。` : `kotae could not prepare a reply: ${error}`,
    state: 'notify',
    approval_requested_at: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
  });
  await appendEvent(db, message.case_id, { at: now, type: 'note', actor: 'kotae', message_id: message.id, draft_id: draftId, summary: `No draft: ${error}`, data_json: null });
}

/** Who a reply to a message is for when no template says: Seller Support for its cases, else the buyer. */
function audienceOf(message: MessageRow): 'buyer' | 'amazon' {
  return message.kind === 'support_case' ? 'amazon' : 'buyer';
}

/** To Amazon in the account's language; to a buyer in the case's, else the message's, else the account's. */
export function replyLanguage(audience: 'buyer' | 'amazon', account: AccountConfig, caseRow: CaseRow, message: MessageRow): Language {
  if (audience === 'amazon') return accountLanguage(account);
  return caseRow.language ?? classificationOf(message).language ?? accountLanguage(account);
}

export function replySubject(subject: string | null): string {
  const base = (subject ?? '').replace(/^(?:\s*(?:re|aw|fw|fwd)\s*[:：]\s*)+/i, '').trim();
  return `Re: ${base}`.trim();
}

/** Where an answer to Amazon goes: the Reply-To of Amazon's mail, else its sender. */
function replyAddressOf(message: MessageRow): string | null {
  const replyTo = message.reply_to ? (JSON.parse(message.reply_to) as { address: string }[])[0]?.address : undefined;
  return replyTo ?? message.from_address;
}
