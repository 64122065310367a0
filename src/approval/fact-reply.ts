// A reply to any kotae mail about a case whose first line is `メモ:` / `Note:` (a note), or `責任:` /
// `Fault:` and `金額:` / `Money:` lines (the seller's fault and money settings). It is about the case,
// not the draft: nothing is approved, and an approval token is not used up. The case is the one the
// replied-to mail was about; only an approver that mail went to may write, and the approver gets a
// short answer saying what was recorded (or what could not be read).
import type { AccountConfig } from '../config/schema.ts';
import type { Context } from '../context.ts';
import type { ParsedMail } from '../ingest/parse.ts';
import { queueToApprover } from '../outbox/to-approver.ts';
import { accountLanguage } from '../respond/gather.ts';
import type { Db } from '../store/index.ts';
import { getCase } from '../store/cases.ts';
import type { CaseRow, MessageRow } from '../store/schema.ts';
import { recordForSeller } from '../store/seller-records.ts';
import type { Language } from '../understand/kinds.ts';
import { problemText, readSellerLines, type SellerLines } from '../understand/seller-lines.ts';
import { loadSupportFacts } from '../understand/support-facts.ts';
import { faultText, moneyItemText, supportFactLines } from '../understand/support-facts-text.ts';
import { approverRefusal } from './authentication.ts';

/** At most this many Message-IDs of References are looked up (the newest). */
const MAX_REFERENCES = 20;

/**
 * `own`: the approver's own words (parseApprovalReply). False when the reply is not one of these (its
 * first line is no note or setting): the caller goes on.
 */
export async function handleFactReply(db: Db, ctx: Context, account: AccountConfig, row: MessageRow, mail: ParsedMail, sender: string, own: string): Promise<boolean> {
  const lines = readSellerLines(own, currencyOf(account.marketplace));
  if (lines === null) return false;
  const language = accountLanguage(account);
  const refuse = (reason: string) => ctx.log.warn({ messageId: row.id, sender, reason }, 'note or setting by reply refused');
  const refusal = approverRefusal(account, sender, mail.headers);
  if (refusal !== null) {
    refuse(refusal);
    return true;
  }
  const now = ctx.clock.now();
  const caseRow = await repliedCase(db, account, mail, sender);
  if (!caseRow) {
    refuse('the reply answers no kotae mail about a case sent to this approver');
    await answer(db, account, sender, mail, row, null, [language === 'ja' ? 'どのケースについてのご返信か分かりませんでした。ケースについて kotae が送ったメール（承認のお願い、お知らせ、リマインダー）に返信するか、`kotae note ケース番号 "本文"` をお使いください。' : 'kotae could not tell which case your reply is about. Reply to a mail kotae sent about the case (an approval request, a notice, a reminder), or use `kotae note CASE "text"`.'], now, false);
    return true;
  }
  const how = { at: now.toISOString(), by: sender, messageId: row.id };
  const done: string[] = [];
  const problems = lines.problems.map((p) => problemText(p, language));
  if (lines.note) {
    await recordForSeller(db, caseRow.id, { note: lines.note }, how);
    done.push(language === 'ja' ? `メモ（${{ phone: '電話', chat: 'チャット', other: 'その他' }[lines.note.channel]}）を記録しました。` : `Note (${lines.note.channel}) recorded.`);
  }
  if (hasSettings(lines)) {
    if (caseRow.kind !== 'support') {
      problems.push(language === 'ja' ? '責任の所在と金額は、テクニカルサポートのケースについてのみ記録します。' : 'The fault and the money are kept for Seller Support cases only.');
    } else {
      if (lines.fault !== undefined) {
        await recordForSeller(db, caseRow.id, { fault: lines.fault }, how);
        done.push(lines.fault === null ? (language === 'ja' ? '責任の所在は、Amazonの回答に従う設定に戻しました。' : "The fault follows Amazon's answers again.") : `${faultText({ party: lines.fault, disputed: false, evidence: [] }, language)}`);
      }
      for (const m of lines.money) {
        await recordForSeller(db, caseRow.id, { money: m }, how);
        done.push(m.state === null ? (language === 'ja' ? `${m.amount} ${m.currency} を取り消しました。` : `${m.amount} ${m.currency} removed.`) : `${language === 'ja' ? '金額' : 'Money'}: ${moneyItemText({ ...m, state: m.state, eventIds: [] }, language)}`);
      }
    }
  }
  const onRecord = caseRow.kind === 'support' && done.length ? supportFactLines(await loadSupportFacts(db, caseRow.id), language) : [];
  await answer(db, account, sender, mail, row, caseRow, [...done, ...(problems.length ? ['', ...problems] : []), ...(onRecord.length ? ['', language === 'ja' ? '■ 現在の記録' : '■ Now on record', ...onRecord] : [])], now, done.length > 0);
  return true;
}

function hasSettings(lines: SellerLines): boolean {
  return lines.fault !== undefined || lines.money.length > 0;
}

function currencyOf(marketplace: string | null): string | null {
  return marketplace === 'JP' ? 'JPY' : marketplace === 'US' ? 'USD' : null;
}

/** The case of the kotae mail this replies to (In-Reply-To first, then References from the newest), if it went to the sender. */
export async function repliedCase(db: Db, account: AccountConfig, mail: ParsedMail, sender: string): Promise<CaseRow | null> {
  const ids = [...new Set([mail.inReplyTo, ...mail.references.slice(-MAX_REFERENCES).reverse()].filter((x): x is string => Boolean(x)))];
  if (ids.length === 0) return null;
  const sent = await db.selectFrom('outbox').select(['message_id', 'case_id', 'to_json']).where('account_id', '=', account.id).where('message_id', 'in', ids).where('purpose', '!=', 'reply').execute();
  for (const id of ids) {
    const hit = sent.find((s) => s.message_id === id && s.case_id !== null);
    if (!hit) continue;
    const to = (JSON.parse(hit.to_json) as string[]).map((a) => a.toLowerCase());
    if (!to.includes(sender)) continue;
    return (await getCase(db, hit.case_id!)) ?? null;
  }
  return null;
}

async function answer(db: Db, account: AccountConfig, approver: string, reply: ParsedMail, row: MessageRow, caseRow: CaseRow | null, body: string[], now: Date, recorded: boolean): Promise<void> {
  const language: Language = accountLanguage(account);
  const ref = caseRow === null ? '' : caseRow.support_case_id ? (language === 'ja' ? ` ケースID ${caseRow.support_case_id}` : ` case ${caseRow.support_case_id}`) : caseRow.order_id ? ` ${caseRow.order_id}` : '';
  const subject = language === 'ja' ? `[kotae] ${recorded ? '記録しました' : '記録できませんでした'}:${ref || ' ケース'}` : `[kotae] ${recorded ? 'Recorded' : 'Not recorded'}:${ref || ' case'}`;
  const footer = caseRow === null ? [] : ['', language === 'ja' ? `kotae ケース #${caseRow.id}（\`kotae case ${caseRow.id}\` で全体を確認できます）` : `kotae case #${caseRow.id} (\`kotae case ${caseRow.id}\` shows all of it)`];
  const text = [...body, ...footer].join('\n');
  await queueToApprover(db, account, approver, { purpose: 'feedback', ref: `facts.${row.id}`, subject, text, caseId: caseRow?.id ?? null, draftId: null, inReplyTo: reply.messageId ?? undefined }, now);
}
