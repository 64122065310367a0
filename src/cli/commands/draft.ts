// `kotae draft ID [--edit] [--json]`: one draft as its recipient would get it (From, To, Subject, the
// text), the blanks 【要記入】 still to fill, and how to decide it. --edit opens the text in $VISUAL or
// $EDITOR; saving a changed text approves it through the same path as an edit by mail (a new revision,
// the policy guard checked again).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlaceholders } from '../../respond/templates/index.ts';
import { getCase } from '../../store/cases.ts';
import { getDraft } from '../../store/drafts.ts';
import type { CaseRow, DraftRow } from '../../store/schema.ts';
import { KotaeError } from '../../shared/errors.ts';
import { formatLocal } from '../../shared/time.ts';
import type { Config } from '../../config/load.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import type { Io } from '../io.ts';
import { readConfig, withRuntime } from '../runtime.ts';
import { decideFromTerminal, draftId, draftNotFound } from './approve.ts';

const STATES: Record<DraftRow['state'], string> = {
  awaiting_approval: 'waiting for approval',
  approved: 'approved, to be sent at the next cycle',
  queued: 'approved, in the outbox',
  sent: 'sent',
  rejected: 'rejected',
  superseded: 'replaced by a newer revision or message',
  notify: 'a notice to the seller: kotae does not send it',
  failed: 'could not be sent',
  awaiting_post: 'approved: to post in the Case Log in Seller Central',
};

export const command: Command = {
  usage: 'draft ID [--edit] [--json] [--config PATH]',
  summary: 'Show a draft as its recipient would get it (From, To, Subject, text) and the blanks 【要記入】 left to fill.\n  --edit: open the text in $VISUAL or $EDITOR; save a changed text to approve it (checked by the policy guard again).\n  Also: `kotae approve ID [--body FILE|-]`, `kotae reject ID`.',
  options: { ...configOption, ...jsonOption, edit: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    const id = draftId('draft', positionals);
    const config = readConfig(values, io, 'file');
    const shown = await withRuntime(config, io, async (rt) => {
      const draft = await getDraft(rt.db, id);
      if (!draft) throw draftNotFound(id);
      return { draft, caseRow: await getCase(rt.db, draft.case_id) };
    });
    const { draft, caseRow } = shown;
    if (values.edit) return edit(config, io, draft);
    const view = draftView(config, draft, caseRow);
    if (values.json) {
      io.out(JSON.stringify(view));
      return 0;
    }
    for (const line of draftLines(view, config.timezone)) io.out(line);
    return 0;
  },
};

export interface DraftView {
  id: number;
  caseId: number;
  revision: number;
  state: DraftRow['state'];
  template: string | null;
  mode: DraftRow['mode'];
  audience: DraftRow['audience'];
  orderId: string | null;
  supportCaseId: string | null;
  replyBy: string | null;
  from: string;
  to: string | null;
  subject: string;
  body: string;
  blanks: string[];
  guardOk: boolean;
  violations: { rule: string; excerpt: string; message?: string }[];
}

/** The draft with the headers the reply would carry (outbox/queue.ts composes the same From and To). */
export function draftView(config: Config, draft: DraftRow, caseRow: CaseRow | undefined): DraftView {
  const account = config.accounts.find((a) => a.id === draft.account_id);
  const address = account?.address ?? '(the account’s address)';
  return {
    id: draft.id,
    caseId: draft.case_id,
    revision: draft.revision,
    state: draft.state,
    template: draft.template,
    mode: draft.mode,
    audience: draft.audience,
    orderId: caseRow?.order_id ?? null,
    supportCaseId: caseRow?.support_case_id ?? null,
    replyBy: caseRow?.reply_by ?? null,
    from: account?.shopName ? `${account.shopName} <${address}>` : address,
    to: draft.to_address,
    subject: draft.subject,
    body: draft.body,
    blanks: findPlaceholders(`${draft.subject}\n${draft.body}`),
    guardOk: draft.guard_ok === 1,
    violations: draft.violations_json ? (JSON.parse(draft.violations_json) as DraftView['violations']) : [],
  };
}

export function draftLines(view: DraftView, timeZone: string): string[] {
  const about = view.orderId ? `order ${view.orderId}` : view.supportCaseId ? `Seller Support case ${view.supportCaseId}` : null;
  const lines = [
    `Draft #${view.id} · revision ${view.revision} · ${STATES[view.state]} · case #${view.caseId}${about ? ` (${about})` : ''}`,
    [view.template ? `template ${view.template}` : null, view.replyBy && view.state === 'awaiting_approval' ? `reply by ${formatLocal(view.replyBy, timeZone)}` : null, view.audience === 'buyer' ? `policy check: ${view.guardOk ? 'passed' : 'BLOCKED'}` : null]
      .filter(Boolean)
      .join(' · '),
    '',
    `From: ${view.from}`,
    `To: ${view.to ?? '(no address: kotae cannot send it)'}`,
    `Subject: ${view.subject}`,
    '',
    view.body,
    '',
  ];
  for (const v of view.violations) lines.push(`Policy check: ${v.rule}: 「${v.excerpt}」${v.message ? ` ${v.message}` : ''}`);
  if (view.blanks.length) {
    lines.push(`Blanks to fill before it can be sent (${view.blanks.length}):`);
    for (const blank of view.blanks) lines.push(`  ${blank}`);
  }
  if (view.state === 'awaiting_approval') {
    lines.push(
      view.blanks.length || !view.guardOk
        ? `Fill it in: kotae draft ${view.id} --edit  (or kotae approve ${view.id} --body FILE); drop it: kotae reject ${view.id}`
        : `Send it as is: kotae approve ${view.id}; change it: kotae draft ${view.id} --edit  (or kotae approve ${view.id} --body FILE); drop it: kotae reject ${view.id}`,
    );
  }
  return lines;
}

/** Open the text in the seller's editor; a changed, non-empty text is approved as an edit. */
async function edit(config: Config, io: Io, draft: DraftRow): Promise<number> {
  if (draft.state !== 'awaiting_approval') {
    io.err(`kotae: draft ${draft.id} is ${draft.state}, not waiting for approval; there is nothing to edit.`);
    return 1;
  }
  const editor = io.env.VISUAL || io.env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'kotae-draft-'));
  const file = join(dir, `draft-${draft.id}.txt`);
  try {
    writeFileSync(file, `${draft.body}\n`);
    // Through the shell: EDITOR may carry arguments ("code --wait").
    const result = spawnSync(`${editor} "$KOTAE_DRAFT_FILE"`, { shell: true, stdio: 'inherit', env: { ...io.env, KOTAE_DRAFT_FILE: file } });
    if (result.error || result.status !== 0) {
      throw new KotaeError(`the editor (${editor}) ${result.error ? `could not start: ${result.error.message}` : `exited with status ${result.status ?? result.signal}`}; nothing changed`, {
        hint: 'Set EDITOR (or VISUAL) to an editor that waits until the file is closed, e.g. EDITOR=nano; or use `kotae approve ID --body FILE`.',
      });
    }
    const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').trimEnd();
    if (text.trim() === '') {
      io.err(`kotae: the text is empty; nothing changed (\`kotae reject ${draft.id}\` drops a draft).`);
      return 1;
    }
    if (text === draft.body.trimEnd()) {
      io.out(`No change; draft ${draft.id} still waits${findPlaceholders(text).length ? ', with its blanks 【要記入】 to fill' : ` (send it as is with \`kotae approve ${draft.id}\`)`}.`);
      return 0;
    }
    return await decideFromTerminal(config, io, draft.id, { command: 'approve', editedText: text });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
