// `kotae cases`: the cases that need the seller, most urgent first. Filters: --status, --kind,
// --overdue, --account; --all includes resolved cases.
import { isOverdue, listCases, type CaseFilter } from '../../store/cases.ts';
import type { CaseKind, CaseRow, CaseStatus } from '../../store/schema.ts';
import { UsageError } from '../../shared/errors.ts';
import { formatLocal, pad, relative } from '../../shared/time.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';

const STATUSES: CaseStatus[] = ['open', 'awaiting_seller', 'awaiting_amazon', 'awaiting_buyer', 'resolved'];
const KINDS: CaseKind[] = ['order', 'buyer', 'support', 'notice'];

export const command: Command = {
  usage: 'cases [--status S] [--kind K] [--overdue] [--account ID] [--all] [--json] [--config PATH]',
  summary: `List cases, most urgent first (resolved ones only with --all or --status resolved).\n  --status: ${STATUSES.join(', ')}\n  --kind: ${KINDS.join(', ')}\n  --overdue: waiting for the seller past the reply-by time`,
  options: { ...configOption, ...jsonOption, status: { type: 'string' }, kind: { type: 'string' }, overdue: { type: 'boolean' }, account: { type: 'string' }, all: { type: 'boolean' } },
  async run({ values, io }) {
    const status = values.status as string | undefined;
    const kind = values.kind as string | undefined;
    if (status !== undefined && !STATUSES.includes(status as CaseStatus)) throw new UsageError(`unknown status "${status}"`, { hint: `Use one of: ${STATUSES.join(', ')}.` });
    if (kind !== undefined && !KINDS.includes(kind as CaseKind)) throw new UsageError(`unknown case kind "${kind}"`, { hint: `Use one of: ${KINDS.join(', ')}.` });
    const config = readConfig(values, io, 'file');
    return withRuntime(config, io, async (rt) => {
      const now = rt.clock.now();
      const filter: CaseFilter = { status: (status as CaseStatus | undefined) ?? (values.all ? undefined : 'active') };
      if (kind) filter.kind = kind as CaseKind;
      if (values.account) filter.account = values.account as string;
      if (values.overdue) filter.overdueAt = now;
      const rows = await listCases(rt.db, filter);
      if (values.json) {
        for (const c of rows) io.out(JSON.stringify(caseJson(c, now)));
        return 0;
      }
      if (rows.length === 0) {
        io.out('No cases match.');
        return 0;
      }
      io.out(`${pad('#', 5)} ${pad('STATUS', 16)} ${pad('KIND', 7)} ${pad('MP', 3)} ${pad('ORDER / CASE ID', 20)} ${pad('BUYER', 10)} ${pad('REPLY BY', 26)} SUBJECT`);
      for (const c of rows) {
        const replyBy = c.reply_by ? `${formatLocal(c.reply_by, config.timezone, false)} (${relative(c.reply_by, now)})` : '';
        const overdue = isOverdue(c, now) ? '!' : ' ';
        io.out(`${pad(String(c.id), 5)} ${pad(c.status, 16)} ${pad(c.kind, 7)} ${pad(c.marketplace ?? '', 3)} ${pad(c.order_id ?? c.support_case_id ?? '', 20)} ${pad(c.buyer_name ?? '', 10)} ${overdue}${pad(replyBy, 25)} ${pad(c.subject ?? '', 50)}`);
      }
      io.out(`\n${rows.length} case(s). "!" marks a reply that is overdue. \`kotae case ID\` shows one.`);
      return 0;
    });
  },
};

export function caseJson(c: CaseRow, now: Date) {
  return {
    id: c.id,
    account: c.account_id,
    kind: c.kind,
    status: c.status,
    marketplace: c.marketplace,
    orderId: c.order_id,
    supportCaseId: c.support_case_id,
    buyerName: c.buyer_name,
    buyerAlias: c.buyer_alias,
    language: c.language,
    subject: c.subject,
    replyBy: c.reply_by,
    overdue: isOverdue(c, now),
    openedAt: c.opened_at,
    updatedAt: c.updated_at,
    amazonAnswers: c.amazon_answers,
  };
}
