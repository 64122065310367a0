// `kotae verify [ID]`: check that the record is as it was written. Every case's timeline is a hash
// chain (each event's hash covers the one before it), and each stored mail has the SHA-256 of its
// bytes as received. Exit 0 when all is intact, 1 naming the first broken entry of each case.
import type { Db } from '../../store/index.ts';
import { firstTamperedEvent } from '../../store/cases.ts';
import { sha256Hex } from '../../shared/ids.ts';
import { UsageError } from '../../shared/errors.ts';
import type { CaseEventRow } from '../../store/schema.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';
import { requireCase } from './case.ts';

/** Cases read at a time: the store may hold years of timelines. */
const PAGE = 200;

interface Broken {
  caseId: number;
  /** The first event whose hash does not match, or the stored mail whose bytes changed. */
  eventId: number | null;
  messageId: number | null;
  what: string;
}

export const command: Command = {
  usage: 'verify [ID] [--json] [--config PATH]   (ID: case number, order ID or Seller Support case ID; none: every case)',
  summary: "Check the cases' timelines (hash chains) and the stored mail (SHA-256): exit 0 when intact, 1 naming the first broken entry.",
  options: { ...configOption, ...jsonOption },
  async run({ positionals, values, io }) {
    if (positionals.length > 1) throw new UsageError('verify takes at most one case ID', { hint: 'Usage: kotae verify [ID]' });
    const [id] = positionals;
    const config = readConfig(values, io, 'file');
    return withRuntime(config, io, async (rt) => {
      let only: number | null = null;
      if (id !== undefined) {
        const found = await requireCase(rt.db, id);
        only = found.id;
      }
      const { cases, events, broken } = await verifyStore(rt.db, only);
      if (values.json) {
        io.out(JSON.stringify({ intact: broken.length === 0, cases, events, broken }));
      } else if (broken.length === 0) {
        io.out(`Intact: ${cases} case timeline(s), ${events} event(s), and their stored mail.`);
      } else {
        for (const b of broken) io.err(`kotae: case #${b.caseId}: ${b.what}`);
        io.err(`${broken.length} of ${cases} case(s) do not match what was recorded. The export of such a case (kotae case ID --export DIR) marks where.`);
      }
      return broken.length === 0 ? 0 : 1;
    });
  },
};

export async function verifyStore(db: Db, only: number | null): Promise<{ cases: number; events: number; broken: Broken[] }> {
  const broken: Broken[] = [];
  let cases = 0;
  let events = 0;
  let after = 0;
  for (;;) {
    let q = db.selectFrom('cases').select('id').where('id', '>', after).orderBy('id').limit(PAGE);
    if (only !== null) q = q.where('id', '=', only);
    const ids = (await q.execute()).map((c) => c.id);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    const rows = await db.selectFrom('case_events').selectAll().where('case_id', 'in', ids).orderBy('case_id').orderBy('id').execute();
    const byCase = new Map<number, CaseEventRow[]>();
    for (const e of rows) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    for (const caseId of ids) {
      cases += 1;
      const timeline = byCase.get(caseId) ?? [];
      events += timeline.length;
      const tampered = firstTamperedEvent(timeline);
      if (tampered !== null) {
        const e = timeline.find((x) => x.id === tampered)!;
        broken.push({ caseId, eventId: tampered, messageId: null, what: `timeline altered at event ${tampered} (${e.at}, ${e.type}: ${e.summary.slice(0, 60)})` });
        continue;
      }
      const mail = await changedMail(db, caseId);
      if (mail !== null) broken.push({ caseId, eventId: null, messageId: mail, what: `stored mail #${mail} no longer matches the SHA-256 it had when received` });
    }
    if (only !== null) break;
  }
  return { cases, events, broken };
}

/** The first stored mail of the case whose bytes no longer hash to what was recorded. */
async function changedMail(db: Db, caseId: number): Promise<number | null> {
  const messages = await db.selectFrom('messages').select(['id', 'sha256']).where('case_id', '=', caseId).orderBy('id').execute();
  for (const m of messages) {
    // One at a time: a mail may carry megabytes of attachments.
    const raw = await db.selectFrom('message_raw').select('bytes').where('message_id', '=', m.id).executeTakeFirst();
    if (raw && sha256Hex(Buffer.from(raw.bytes)) !== m.sha256) return m.id;
  }
  return null;
}
