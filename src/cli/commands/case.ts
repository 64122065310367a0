// `kotae case ID`: one case and its whole timeline. ID is kotae's case number, an order ID or a
// Seller Support case ID.
import type { Db } from '../../store/index.ts';
import { caseEvents, firstTamperedEvent, getCase } from '../../store/cases.ts';
import type { CaseRow } from '../../store/schema.ts';
import { UsageError } from '../../shared/errors.ts';
import { formatLocal, pad, relative } from '../../shared/time.ts';
import { normalise } from '../../understand/extract.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';
import { caseJson } from './cases.ts';

export const command: Command = {
  usage: 'case ID [--json] [--config PATH]   (ID: case number, order ID or Seller Support case ID)',
  summary: "Show one case's timeline: every message in and out, drafts, approvals and sends.",
  options: { ...configOption, ...jsonOption },
  async run({ positionals, values, io }) {
    const [id] = positionals;
    if (id === undefined || positionals.length > 1) throw new UsageError('case needs exactly one ID', { hint: 'Usage: kotae case ID (see `kotae cases`)' });
    const config = readConfig(values, io, 'file');
    return withRuntime(config, io, async (rt) => {
      const found = await findCase(rt.db, id);
      if (!found) {
        io.err(`kotae: no case ${id}`);
        io.err('`kotae cases --all` lists every case with its number, order ID or Seller Support case ID.');
        return 1;
      }
      const stored = await caseEvents(rt.db, found.id);
      const tampered = firstTamperedEvent(stored);
      const events = [...stored].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
      const now = rt.clock.now();
      if (values.json) {
        io.out(
          JSON.stringify({
            ...caseJson(found, now),
            timelineIntact: tampered === null,
            events: events.map((e) => ({ id: e.id, at: e.at, type: e.type, actor: e.actor, messageId: e.message_id, draftId: e.draft_id, summary: e.summary, data: e.data_json ? JSON.parse(e.data_json) : null })),
          }),
        );
        return 0;
      }
      const tz = config.timezone;
      const ref = found.order_id ? `order ${found.order_id}` : found.support_case_id ? `Seller Support case ${found.support_case_id}` : found.kind;
      io.out(`Case #${found.id} · ${ref} · ${found.marketplace ?? '?'} · ${found.status.replace('_', ' ')}`);
      if (found.reply_by) io.out(`Reply by ${formatLocal(found.reply_by, tz)} (${relative(found.reply_by, now)})`);
      if (found.buyer_alias || found.buyer_name) io.out(`Buyer: ${found.buyer_name ?? '(no name)'}${found.buyer_alias ? ` <${found.buyer_alias}>` : ''}${found.language ? ` · writes in ${found.language}` : ''}`);
      if (found.kind === 'support') io.out(`Amazon answers so far: ${found.amazon_answers}`);
      io.out(`Opened ${formatLocal(found.opened_at, tz)} · ${events.length} event(s)${tampered === null ? '' : ` · TIMELINE ALTERED at event ${tampered}`}\n`);
      for (const e of events) io.out(`${formatLocal(e.at, tz, false)}  ${pad(e.actor, 8)} ${pad(e.type, 24)} ${e.summary}`);
      return 0;
    });
  },
};

async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  const key = normalise(id.trim());
  if (/^\d{3}-\d{7}-\d{7}$/.test(key)) return db.selectFrom('cases').selectAll().where('order_id', '=', key).orderBy('id').executeTakeFirst();
  if (/^\d{10,11}$/.test(key)) return db.selectFrom('cases').selectAll().where('support_case_id', '=', key).orderBy('id').executeTakeFirst();
  if (/^#?\d{1,9}$/.test(key)) return getCase(db, Number(key.replace('#', '')));
  return undefined;
}
