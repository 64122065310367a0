// The Case Log path. Seller Support's answers arrive by mail, but Amazon takes the seller's answer on
// a case in the Case Log in Seller Central (see README, "Seller Support: the channels"). So an approved
// letter to Seller Support is not mailed to Amazon unless the account says Amazon takes mail
// (`sellerSupport.replyByMail`): it goes to the approvers as text to paste, with the case's Case Log
// link, and the case waits until the seller says it is posted (a reply `投稿済` / `posted`) or Amazon's
// next mail on the case shows that it was.
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import { DAY, HOUR } from '../shared/clock.ts';
import type { Db } from '../store/index.ts';
import { appendEvent, getCase, updateCase } from '../store/cases.ts';
import { claimDraft } from '../store/drafts.ts';
import type { CaseRow, DraftRow } from '../store/schema.ts';
import type { Language } from '../understand/kinds.ts';
import { accountLanguage } from '../respond/gather.ts';
import { newToken, replyAddress, storeToken } from '../approval/tokens.ts';
import { draftMarkers } from '../approval/markers.ts';
import { queueToApprover } from './to-approver.ts';

/**
 * Seller Central's host per marketplace (the codes of rules/classify.yaml). Every one serves the Case
 * Log at the same path, /cu/case-dashboard/view-case?caseID=…; a marketplace not listed gets the menu
 * path instead of a link.
 */
const SELLER_CENTRAL: Readonly<Record<string, string>> = {
  JP: 'https://sellercentral.amazon.co.jp',
  US: 'https://sellercentral.amazon.com',
  CA: 'https://sellercentral.amazon.ca',
  MX: 'https://sellercentral.amazon.com.mx',
  BR: 'https://sellercentral.amazon.com.br',
  UK: 'https://sellercentral.amazon.co.uk',
  DE: 'https://sellercentral.amazon.de',
  FR: 'https://sellercentral.amazon.fr',
  IT: 'https://sellercentral.amazon.it',
  ES: 'https://sellercentral.amazon.es',
  NL: 'https://sellercentral.amazon.nl',
  SE: 'https://sellercentral.amazon.se',
  PL: 'https://sellercentral.amazon.pl',
  BE: 'https://sellercentral.amazon.com.be',
  TR: 'https://sellercentral.amazon.com.tr',
  AE: 'https://sellercentral.amazon.ae',
  SA: 'https://sellercentral.amazon.sa',
  EG: 'https://sellercentral.amazon.eg',
  IN: 'https://sellercentral.amazon.in',
  SG: 'https://sellercentral.amazon.sg',
  AU: 'https://sellercentral.amazon.com.au',
};

/** The case's page in Seller Central's Case Log, for the marketplaces whose address is known. */
export function caseLogUrl(marketplace: string | null, supportCaseId: string): string | null {
  const base = marketplace !== null && Object.hasOwn(SELLER_CENTRAL, marketplace) ? SELLER_CENTRAL[marketplace] : undefined;
  return base === undefined ? null : `${base}/cu/case-dashboard/view-case?caseID=${encodeURIComponent(supportCaseId)}`;
}

/** A first line that says the letter is posted: 投稿済, 投稿しました, posted, done. */
const POSTED = /^\s*(?:投稿済み?|投稿しました|投稿完了|貼り付けました|posted|done|sent)\s*(?:です|でした)?[。.!！]?\s*$/i;

export function saysPosted(firstLine: string): boolean {
  return POSTED.test(firstLine.normalize('NFKC'));
}

/** Whether an approved draft to Amazon goes by mail (Amazon takes it) or through the Case Log. */
export function goesByMail(account: AccountConfig, draft: Pick<DraftRow, 'audience'>): boolean {
  return draft.audience !== 'amazon' || account.sellerSupport.replyByMail;
}

/** How long the seller has to say "posted": a token for weeks, not the approval's hours. */
const POST_TOKEN_TTL = 30 * DAY;

/**
 * The approved letter to the approvers, to paste into the Case Log; the draft waits in
 * `awaiting_post`. Called in the draft's transaction, after it moved approved → queued.
 */
export async function queueForCaseLog(db: Db, ctx: Context, account: AccountConfig, caseRow: CaseRow, draft: DraftRow): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  await claimDraft(db, draft, 'queued', 'awaiting_post', now);
  const language = accountLanguage(account);
  const url = caseRow.support_case_id ? caseLogUrl(caseRow.marketplace ?? account.marketplace, caseRow.support_case_id) : null;
  for (const approver of account.approvers) {
    const token = newToken();
    await storeToken(db, token, {
      draft_id: draft.id,
      revision: draft.revision,
      approver,
      created_at: at,
      expires_at: new Date(now.getTime() + Math.max(POST_TOKEN_TTL, account.approval.tokenTtlHours * HOUR)).toISOString(),
    });
    const text = caseLogMail({ supportCaseId: caseRow.support_case_id, url, body: draft.body, caseId: caseRow.id, draftId: draft.id }, token, language);
    await queueToApprover(db, account, approver, {
      ...text,
      purpose: 'notice',
      ref: `post.${draft.id}.${draft.revision}`,
      caseId: caseRow.id,
      draftId: draft.id,
      replyTo: replyAddress(account.address, account.approval.replyAddress, token),
      headers: { 'X-Kotae-Draft': `${draft.id}.${draft.revision}` },
    }, now);
  }
  await appendEvent(db, caseRow.id, {
    at,
    type: 'note',
    actor: 'kotae',
    message_id: null,
    draft_id: draft.id,
    summary: `Draft #${draft.id} approved: sent to ${account.approvers.join(', ')} to post in the Case Log${url ? ` (${url})` : ''}; waiting for the seller to confirm`,
    data_json: JSON.stringify({ caseLog: url }),
  });
}

interface CaseLogFacts {
  supportCaseId: string | null;
  url: string | null;
  body: string;
  caseId: number;
  draftId: number;
}

export function caseLogMail(f: CaseLogFacts, token: string, language: Language): { subject: string; text: string } {
  const ja = language === 'ja';
  const { begin, end } = draftMarkers(language);
  const ref = f.supportCaseId ?? '?';
  const subject = ja ? `[kotae #${token}] ケースログに投稿してください: テクニカルサポート（ケースID ${ref}）` : `[kotae #${token}] Post in the Case Log: Seller Support (case ${ref})`;
  const where = f.url ?? (ja ? 'セラーセントラルの「ヘルプ」→「ケースログ」でケースIDを検索してください。' : 'In Seller Central, Help > Case Log, search for the case ID.');
  const lines = ja
    ? [
        '承認いただいた文面です。テクニカルサポートへの回答はセラーセントラルのケースログで受け付けられるため、kotae はAmazonにメールでは送っていません。',
        '',
        '■ 手順',
        `1. ケースログを開く: ${where}`,
        '2. 「返信」を押し、下の文面をそのまま貼り付けて送信する',
        '3. このメールに「投稿済」と1行目に書いて返信する（Amazonから次の回答が届いた場合も投稿済として扱います）',
        '',
        begin,
        f.body.trim(),
        end,
        '',
        `kotae ケース #${f.caseId} / 返信案 #${f.draftId}`,
      ]
    : [
        'This is the text you approved. Amazon takes answers to Seller Support in the Case Log in Seller Central, so kotae did not mail it to Amazon.',
        '',
        'What to do',
        `1. Open the case: ${where}`,
        '2. Click Reply, paste the text below as it is, and send it',
        '3. Reply to this email with "posted" on the first line (Amazon\'s next answer on the case counts too)',
        '',
        begin,
        f.body.trim(),
        end,
        '',
        `kotae case #${f.caseId} / draft #${f.draftId}`,
      ];
  return { subject, text: lines.join('\n') };
}

/**
 * The letter is in the Case Log: the draft is done, and the case waits on Amazon from now (the
 * follow-up clock counts from here). False when it was confirmed already.
 */
export async function confirmPosted(db: Db, draft: DraftRow, by: string, now: Date, messageId: number | null): Promise<boolean> {
  if (!(await claimDraft(db, draft, 'awaiting_post', 'sent', now))) return false;
  const at = now.toISOString();
  await updateCase(db, draft.case_id, { status: 'awaiting_amazon', reply_by: null, last_outbound_at: at, updated_at: at });
  await appendEvent(db, draft.case_id, { at, type: 'sent', actor: 'seller', message_id: messageId, draft_id: draft.id, summary: `Posted in the Case Log by the seller (confirmed by ${by}): ${draft.body.replace(/\s+/g, ' ').slice(0, 100)}`, data_json: JSON.stringify({ channel: 'case-log' }) });
  return true;
}

/**
 * Amazon answered on a case after a letter was approved for posting: it was posted. The case keeps
 * the status the new answer gave it; only the letter and the time of the seller's last word change.
 */
export async function confirmPostedByAmazon(ctx: Context): Promise<number> {
  const waiting = await ctx.db.selectFrom('drafts').selectAll().where('state', '=', 'awaiting_post').orderBy('id').execute();
  let confirmed = 0;
  for (const draft of waiting) {
    const since = draft.decided_at ?? draft.updated_at;
    const answer = await ctx.db
      .selectFrom('messages')
      .select(['id', 'stored_at'])
      .where('case_id', '=', draft.case_id)
      .where('direction', '=', 'in')
      .where('kind', '=', 'support_case')
      .where('stored_at', '>', since)
      .orderBy('id')
      .executeTakeFirst();
    if (!answer) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      if (!(await claimDraft(trx, draft, 'awaiting_post', 'sent', now))) return;
      const caseRow = await getCase(trx, draft.case_id);
      if (caseRow && (caseRow.last_outbound_at === null || caseRow.last_outbound_at < since)) await updateCase(trx, caseRow.id, { last_outbound_at: since });
      await appendEvent(trx, draft.case_id, { at: now.toISOString(), type: 'sent', actor: 'seller', message_id: null, draft_id: draft.id, summary: `Posted in the Case Log (Amazon answered on the case after it was approved): ${draft.body.replace(/\s+/g, ' ').slice(0, 100)}`, data_json: JSON.stringify({ channel: 'case-log', shownBy: answer.id }) });
      confirmed += 1;
    });
  }
  return confirmed;
}
