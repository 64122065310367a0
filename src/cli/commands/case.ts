// `kotae case ID`: one case and its whole timeline. ID is kotae's case number, an order ID or a
// Seller Support case ID. On a Seller Support case the seller also sets the fault and the money
// (--fault, --money), and any case exports as a dossier (--export DIR).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { Config } from '../../config/load.ts';
import { dossierHtml, gatherDossier } from '../../evidence/dossier.ts';
import { accountLanguage } from '../../respond/gather.ts';
import type { Db } from '../../store/index.ts';
import { caseEvents, firstTamperedEvent, getCase } from '../../store/cases.ts';
import { recordForSeller } from '../../store/seller-records.ts';
import type { CaseEventRow, CaseRow } from '../../store/schema.ts';
import { NotFoundError, UsageError, errorMessage } from '../../shared/errors.ts';
import { formatLocal, pad, relative } from '../../shared/time.ts';
import { normalise } from '../../understand/extract.ts';
import type { Language } from '../../understand/kinds.ts';
import { parseFault, parseMoney, problemText, type MoneySetting } from '../../understand/seller-lines.ts';
import { loadSupportFacts, type FaultParty, type SupportFacts } from '../../understand/support-facts.ts';
import { supportFactLines } from '../../understand/support-facts-text.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';
import { caseJson } from './cases.ts';

export const command: Command = {
  usage: 'case ID [--json] [--fault amazon|seller|unclear|auto] [--money "AMOUNT CURRENCY WHAT STATE"]... [--export DIR] [--config PATH]   (ID: case number, order ID or Seller Support case ID)',
  summary: [
    "Show one case's timeline: every message in and out, drafts, approvals, sends and notes.",
    '  --fault P: who is at fault on a Seller Support case, as you judge it (auto: follow Amazon\'s answers again)',
    '  --money "3240 JPY 在庫保管手数料 claimed": an amount at stake; state claimed, promised, paid, refused, or remove (repeatable)',
    '  --export DIR: write DIR/index.html (a page to read and print) and DIR/case.json',
  ].join('\n'),
  options: { ...configOption, ...jsonOption, fault: { type: 'string' }, money: { type: 'string', multiple: true }, export: { type: 'string' } },
  async run({ positionals, values, io }) {
    const [id] = positionals;
    if (id === undefined || positionals.length > 1) throw new UsageError('case needs exactly one ID', { hint: 'Usage: kotae case ID (see `kotae cases`)' });
    const fault = values.fault === undefined ? undefined : faultOption(values.fault as string);
    const money = (values.money as string[] | undefined) ?? [];
    const exportDir = values.export as string | undefined;
    if (exportDir !== undefined && exportDir.trim() === '') throw new UsageError('--export needs a folder', { hint: 'For example: kotae case 12 --export ./case-12' });
    const writes = fault !== undefined || money.length > 0;
    const config = readConfig(values, io, 'file');
    return withRuntime(
      config,
      io,
      async (rt) => {
        const found = await requireCase(rt.db, id);
        const now = rt.clock.now();
        if (writes) {
          if (found.kind !== 'support') throw new UsageError(`case #${found.id} is not a Seller Support case: the fault and the money are kept for Seller Support cases`, { hint: '`kotae note CASE TEXT` adds a note to any case.' });
          const settings = money.map((m) => moneyOption(m, found));
          const by = `terminal:${userInfo().username}`;
          await rt.db.transaction().execute(async (trx) => {
            const how = { at: now.toISOString(), by, messageId: null };
            if (fault !== undefined) await recordForSeller(trx, found.id, { fault }, how);
            for (const s of settings) await recordForSeller(trx, found.id, { money: s }, how);
          });
        }
        const stored = await caseEvents(rt.db, found.id);
        const facts = await loadSupportFacts(rt.db, found.id);
        const language = caseLanguage(config, found);
        if (exportDir !== undefined) {
          const dir = resolve(io.cwd, exportDir);
          const dossier = await gatherDossier(rt.db, found);
          try {
            await mkdir(dir, { recursive: true });
            await writeFile(join(dir, 'index.html'), dossierHtml(dossier, language, config.timezone, now));
            const document = { ...caseDocument(found, now, stored, facts), messages: dossier.messages, letters: dossier.letters };
            await writeFile(join(dir, 'case.json'), `${JSON.stringify(document, null, 2)}\n`);
          } catch (err) {
            throw new UsageError(`--export ${exportDir}: cannot write there (${errorMessage(err)})`, { hint: 'Give a folder you can write to; it is created if missing.' });
          }
          io.out(`Wrote ${join(dir, 'index.html')} and ${join(dir, 'case.json')}${dossier.tampered === null ? '' : ` (the timeline was altered at event ${dossier.tampered}: the page says so)`}.`);
          return 0;
        }
        if (values.json) {
          io.out(JSON.stringify(caseDocument(found, now, stored, facts)));
          return 0;
        }
        showCase(io.out, found, stored, facts, language, config.timezone, now);
        const waiting = await rt.db.selectFrom('drafts').select('id').where('case_id', '=', found.id).where('state', '=', 'awaiting_approval').orderBy('id').execute();
        for (const d of waiting) io.out(`\nDraft #${d.id} waits for approval: \`kotae draft ${d.id}\` shows its text and blanks; \`kotae approve ${d.id}\` / \`kotae reject ${d.id}\` decide.`);
        return 0;
      },
      writes ? { role: 'case' } : {},
    );
  },
};

function faultOption(value: string): FaultParty | null {
  const parsed = parseFault(value);
  if (!parsed.ok) throw new UsageError(`--fault ${value}: not understood`, { hint: 'Use --fault amazon, seller, unclear, or auto (follow Amazon\'s answers again).' });
  return parsed.value;
}

function moneyOption(value: string, caseRow: CaseRow): MoneySetting {
  const parsed = parseMoney(value, currencyOf(caseRow.marketplace));
  if (!parsed.ok) throw new UsageError(`--money: ${problemText(parsed.problem, 'en')}`, { hint: 'Nothing was recorded. Quote the whole value: --money "3240 JPY 在庫保管手数料 claimed".' });
  return parsed.value;
}

/** The currency an amount without one is in: the marketplace's. */
export function currencyOf(marketplace: string | null): string | null {
  return marketplace === 'JP' ? 'JPY' : marketplace === 'US' ? 'USD' : null;
}

/** The language the seller of this case reads: the account's, else the marketplace's. */
export function caseLanguage(config: Config, caseRow: CaseRow): Language {
  const account = config.accounts.find((a) => a.id === caseRow.account_id);
  if (account) return accountLanguage(account);
  return caseRow.marketplace === 'JP' ? 'ja' : 'en';
}

/** `kotae case ID --json`: the case, its facts (fault and money on a Seller Support case), notes and timeline. */
export function caseDocument(found: CaseRow, now: Date, stored: CaseEventRow[], facts: SupportFacts) {
  const events = [...stored].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  return {
    ...caseJson(found, now),
    timelineIntact: firstTamperedEvent(stored) === null,
    ...(found.kind === 'support' ? { fault: facts.fault, money: facts.money } : {}),
    notes: facts.notes,
    events: events.map((e) => ({ id: e.id, at: e.at, type: e.type, actor: e.actor, messageId: e.message_id, draftId: e.draft_id, summary: e.summary, data: e.data_json ? JSON.parse(e.data_json) : null, hash: e.hash })),
  };
}

function showCase(out: (line: string) => void, found: CaseRow, stored: CaseEventRow[], facts: SupportFacts, language: Language, tz: string, now: Date): void {
  const tampered = firstTamperedEvent(stored);
  const events = [...stored].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  const ref = found.order_id ? `order ${found.order_id}` : found.support_case_id ? `Seller Support case ${found.support_case_id}` : found.kind;
  out(`Case #${found.id} · ${ref} · ${found.marketplace ?? '?'} · ${found.status.replace('_', ' ')}`);
  if (found.reply_by) out(`Reply by ${formatLocal(found.reply_by, tz)} (${relative(found.reply_by, now)})`);
  if (found.buyer_alias || found.buyer_name) out(`Buyer: ${found.buyer_name ?? '(no name)'}${found.buyer_alias ? ` <${found.buyer_alias}>` : ''}${found.language ? ` · writes in ${found.language}` : ''}`);
  if (found.kind === 'support') {
    out(`Amazon answers so far: ${found.amazon_answers}`);
    for (const line of supportFactLines(facts, language)) out(line);
    for (const e of facts.fault.evidence.slice(-3)) out(`  ${language === 'ja' ? '根拠' : 'evidence'} #${e.eventId}: 「${e.quote.length > 100 ? `${e.quote.slice(0, 99)}…` : e.quote}」`);
  }
  const channel = { ja: { phone: '電話', chat: 'チャット', other: 'その他' }, en: { phone: 'phone', chat: 'chat', other: 'other' } }[language];
  for (const n of facts.notes) {
    const text = n.text.replace(/\s+/g, ' ');
    const shown = text.length > 100 ? `${text.slice(0, 99)}…` : text;
    out(language === 'ja' ? `メモ（${channel[n.channel]}、${formatLocal(n.at, tz, false)}）: ${shown}` : `Note (${channel[n.channel]}, ${formatLocal(n.at, tz, false)}): ${shown}`);
  }
  out(`Opened ${formatLocal(found.opened_at, tz)} · ${events.length} event(s)${tampered === null ? '' : ` · TIMELINE ALTERED at event ${tampered}`}\n`);
  for (const e of events) out(`${formatLocal(e.at, tz, false)}  ${pad(e.actor, 8)} ${pad(e.type, 24)} ${e.summary}`);
}

/** The case the user named, or a NotFoundError saying how to find its number (exit 1). */
export async function requireCase(db: Db, id: string): Promise<CaseRow> {
  const found = await findCase(db, id);
  if (!found) throw new NotFoundError(`no case ${id}`, { hint: '`kotae cases --all` lists every case with its number, order ID or Seller Support case ID.' });
  return found;
}

async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  const key = normalise(id.trim());
  if (/^\d{3}-\d{7}-\d{7}$/.test(key)) return db.selectFrom('cases').selectAll().where('order_id', '=', key).orderBy('id').executeTakeFirst();
  if (/^\d{10,11}$/.test(key)) return db.selectFrom('cases').selectAll().where('support_case_id', '=', key).orderBy('id').executeTakeFirst();
  if (/^#?\d{1,9}$/.test(key)) return getCase(db, Number(key.replace('#', '')));
  return undefined;
}
