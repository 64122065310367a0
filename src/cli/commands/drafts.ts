// `kotae drafts`: the approval queue: drafts waiting for a decision (and, with --all, recent ones).
import { findPlaceholders } from '../../respond/templates/index.ts';
import { formatLocal, pad } from '../../shared/time.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';

export const command: Command = {
  usage: 'drafts [--all] [--json] [--config PATH]',
  summary: 'List drafts waiting for approval (--all: every draft, newest first). Approve with `kotae approve ID` or by replying to the approval mail.',
  options: { ...configOption, ...jsonOption, all: { type: 'boolean' } },
  async run({ values, io }) {
    const config = readConfig(values, io, 'file');
    return withRuntime(config, io, async (rt) => {
      let q = rt.db
        .selectFrom('drafts')
        .innerJoin('cases', 'cases.id', 'drafts.case_id')
        .select(['drafts.id', 'drafts.case_id', 'drafts.state', 'drafts.template', 'drafts.mode', 'drafts.revision', 'drafts.to_address', 'drafts.body', 'drafts.guard_ok', 'drafts.violations_json', 'drafts.created_at', 'cases.order_id', 'cases.support_case_id', 'cases.buyer_name', 'cases.reply_by'])
        .orderBy('drafts.id', 'desc');
      if (!values.all) q = q.where('drafts.state', '=', 'awaiting_approval');
      const rows = await q.limit(200).execute();
      if (values.json) {
        for (const d of rows) {
          io.out(JSON.stringify({ id: d.id, caseId: d.case_id, state: d.state, template: d.template, mode: d.mode, revision: d.revision, to: d.to_address, orderId: d.order_id, supportCaseId: d.support_case_id, buyerName: d.buyer_name, replyBy: d.reply_by, guardOk: d.guard_ok === 1, violations: d.violations_json ? JSON.parse(d.violations_json) : [], body: d.body, createdAt: d.created_at }));
        }
        return 0;
      }
      if (rows.length === 0) {
        io.out(values.all ? 'No drafts.' : 'No drafts waiting for approval.');
        return 0;
      }
      io.out(`${pad('#', 6)} ${pad('CASE', 6)} ${pad('STATE', 18)} ${pad('TEMPLATE', 24)} ${pad('FOR', 22)} ${pad('REPLY BY', 17)} CHECK`);
      for (const d of rows) {
        const forWhom = d.order_id ?? (d.support_case_id ? `case ${d.support_case_id}` : '');
        io.out(`${pad(String(d.id), 6)} ${pad(String(d.case_id), 6)} ${pad(d.state, 18)} ${pad(d.template ?? '-', 24)} ${pad(forWhom, 22)} ${pad(d.reply_by ? formatLocal(d.reply_by, config.timezone, false) : '', 17)} ${d.guard_ok ? 'ok' : 'BLOCKED'}${blanks(d.body)}`);
      }
      io.out('\n`kotae draft ID` shows a draft\'s text and its blanks; `kotae approve ID` / `kotae reject ID` decide (`kotae draft ID --edit` to change it first).');
      return 0;
    });
  },
};

function blanks(body: string): string {
  const n = findPlaceholders(body).length;
  return n ? `, ${n} blank${n > 1 ? 's' : ''} to fill` : '';
}
