// `kotae templates check`: every template renders with its sample data, buyer templates pass the
// policy guard, every template the playbook names exists in both languages, and the rules files
// load. Non-zero on any failure: usable in the seller's own CI.
// `kotae templates preview NAME [--case ID] [--lang ja|en]`: one rendering, with sample data or a case's.
import { loadGuardRules, checkBuyerMessage } from '../../respond/guard/index.ts';
import { gatherRenderData } from '../../respond/gather.ts';
import { replyLanguage } from '../../respond/respond.ts';
import { loadPlaybook } from '../../respond/playbook.ts';
import { loadTemplates, type Templates } from '../../respond/templates/index.ts';
import type { RenderData } from '../../respond/render-data.ts';
import { loadClassifyRules } from '../../understand/rules.ts';
import { getCase } from '../../store/cases.ts';
import { NotFoundError, UsageError, errorMessage } from '../../shared/errors.ts';
import type { Language } from '../../understand/kinds.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import type { Io } from '../io.ts';
import { readConfig, withRuntime } from '../runtime.ts';
import { rulesFile, type Config } from '../../config/load.ts';

export const command: Command = {
  usage: 'templates check [--json] | templates preview NAME [--case ID] [--lang ja|en]  [--config PATH]',
  summary: 'check: render every template with its sample data and run the policy guard (non-zero on any failure).\npreview: show one template rendered, with sample data or the facts of a case.',
  options: { ...configOption, ...jsonOption, case: { type: 'string' }, lang: { type: 'string' } },
  async run({ positionals, values, io }) {
    const [action, name] = positionals;
    // Only a preview with a real case reads the store; the rest runs on the shipped templates too.
    const config = readConfig(values, io, action === 'preview' && values.case !== undefined ? 'file' : 'defaults');
    if (action === 'check') return check(config, Boolean(values.json), io.out);
    if (action === 'preview') {
      if (!name) throw new UsageError('templates preview needs a template NAME', { hint: 'e.g. kotae templates preview buyer/fba-return (see `kotae templates check` for the list)' });
      return preview(config, name, values, io);
    }
    throw new UsageError(`unknown templates action "${action ?? ''}"`, { hint: 'Use `kotae templates check` or `kotae templates preview NAME`.' });
  },
};

function check(config: Config, json: boolean, out: (line: string) => void): number {
  const failures: string[] = [];
  const templates = loadTemplates(config.templatesDir);
  for (const p of templates.problems) failures.push(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  let guard;
  try {
    guard = loadGuardRules(rulesFile(config, 'guard'));
    loadClassifyRules(rulesFile(config, 'classify'));
    const playbook = loadPlaybook(rulesFile(config, 'playbook'));
    for (const entry of playbook.entries) {
      for (const lang of ['ja', 'en'] as const) {
        if (entry.template && !templates.get(entry.template, lang)) failures.push(`${entry.at}: playbook entry "${entry.id}" names ${entry.template}, which has no ${lang} template`);
      }
    }
  } catch (err) {
    failures.push(errorMessage(err));
  }
  let rendered = 0;
  for (const t of templates.list()) {
    try {
      const r = templates.render(t.name, t.language, t.sample);
      rendered += 1;
      const verdict = guard && t.audience === 'buyer' ? checkBuyerMessage({ text: r.text, subject: r.subject, language: t.language }, guard) : null;
      const problems = verdict && !verdict.ok ? verdict.violations.map((v) => `${v.rule} 「${v.excerpt}」`) : [];
      if (problems.length) failures.push(`${t.file}: the sample rendering breaks the policy guard: ${problems.join(', ')}`);
      if (json) out(JSON.stringify({ template: t.name, language: t.language, audience: t.audience, ok: problems.length === 0, violations: problems, placeholders: r.placeholders }));
      else out(`${problems.length ? 'FAIL' : 'ok  '} ${t.name}.${t.language}${r.placeholders.length ? `  (${r.placeholders.length} blank(s) for the approver)` : ''}`);
    } catch (err) {
      failures.push(errorMessage(err));
    }
  }
  for (const f of failures) out(json ? JSON.stringify({ error: f }) : `FAIL ${f}`);
  if (!json) out(`\n${rendered} template(s) rendered; ${failures.length} problem(s).`);
  return failures.length ? 1 : 0;
}

async function preview(config: Config, name: string, values: Record<string, unknown>, io: Io): Promise<number> {
  const templates: Templates = loadTemplates(config.templatesDir);
  const lang = values.lang as Language | undefined;
  if (lang !== undefined && lang !== 'ja' && lang !== 'en') throw new UsageError('--lang must be ja or en');
  const info = templates.get(name, lang ?? 'ja') ?? templates.get(name, lang ?? 'en');
  if (!info) {
    const known = [...new Set(templates.list().map((t) => t.name))].join(', ');
    throw new NotFoundError(`no template "${name}"${lang ? ` in ${lang}` : ''}`, { hint: `Known templates: ${known}` });
  }
  const data: RenderData =
    values.case === undefined
      ? info.sample
      : await withRuntime(config, io, async (rt) => {
          const caseRow = await getCase(rt.db, Number(values.case));
          if (!caseRow) throw new NotFoundError(`no case ${String(values.case)}`, { hint: '`kotae cases --all` lists them.' });
          const account = config.accounts.find((a) => a.id === caseRow.account_id);
          if (!account) throw new UsageError(`case ${caseRow.id} belongs to account ${caseRow.account_id}, which is not configured`);
          const message = await rt.db.selectFrom('messages').selectAll().where('case_id', '=', caseRow.id).where('direction', '=', 'in').orderBy('id', 'desc').executeTakeFirst();
          if (!message) throw new UsageError(`case ${caseRow.id} has no message to answer`);
          const language = lang ?? replyLanguage(info.audience, account, caseRow, message);
          return gatherRenderData(rt.db, { account, caseRow, message, language, timezone: config.timezone, now: rt.clock.now() });
        });
  const r = templates.render(name, data.language, data);
  io.out(`Template ${name}.${data.language} (${info.audience}) — ${info.description}`);
  if (r.subject) io.out(`Subject: ${r.subject}`);
  io.out(`\n${r.text}\n`);
  if (info.audience === 'buyer') {
    const verdict = checkBuyerMessage({ text: r.text, subject: r.subject, language: data.language }, loadGuardRules(rulesFile(config, 'guard')));
    io.out(verdict.ok ? 'Policy check: passed' : `Policy check: BLOCKED\n${verdict.violations.map((v) => `  ${v.rule}: 「${v.excerpt}」 ${v.message}`).join('\n')}`);
  }
  if (r.placeholders.length) io.out(`Blanks for the approver: ${r.placeholders.join(', ')}`);
  return 0;
}
