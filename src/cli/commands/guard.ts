// `kotae guard FILE… --json [--lang ja|en]`: read-only. Runs the policy guard on candidate buyer
// message bodies (UTF-8 text). Exit 0 when every file passes, 1 when any is blocked or unreadable.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rulesFile } from '../../config/load.ts';
import { checkBuyerMessage, loadGuardRules } from '../../respond/guard/index.ts';
import { UsageError, errorMessage } from '../../shared/errors.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig } from '../runtime.ts';

export const command: Command = {
  usage: 'guard FILE... [--json] [--explain] [--lang ja|en] [--config PATH]',
  summary: "Read-only: check candidate buyer-message bodies against Amazon's messaging rules (rules/guard.yaml).",
  options: { ...configOption, ...jsonOption, lang: { type: 'string' }, explain: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    if (positionals.length === 0) throw new UsageError('guard needs at least one FILE', { hint: 'Usage: kotae guard FILE... --json [--lang ja|en]' });
    const lang = values.lang as string | undefined;
    if (lang !== undefined && lang !== 'ja' && lang !== 'en') throw new UsageError(`--lang must be ja or en, not "${lang}"`);
    const config = readConfig(values, io, 'defaults');
    const rules = loadGuardRules(rulesFile(config, 'guard'));
    let failed = 0;
    for (const file of positionals) {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(resolve(io.cwd, file)));
      } catch (err) {
        failed += 1;
        const message = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof TypeError ? 'not UTF-8 text' : errorMessage(err);
        if (values.json) io.out(JSON.stringify({ file, error: message }));
        else io.err(`${file}: error: ${message}`);
        continue;
      }
      const verdict = checkBuyerMessage({ text, language: (lang as 'ja' | 'en' | undefined) ?? null }, rules);
      if (!verdict.ok) failed += 1;
      if (values.json) {
        io.out(JSON.stringify({ file, ok: verdict.ok, violations: verdict.violations.map((v) => ({ rule: v.rule, excerpt: v.excerpt, message: v.message, ...(values.explain && v.because ? { because: v.because } : {}) })) }));
      } else {
        io.out(verdict.ok ? `${file}: ok` : `${file}: BLOCKED`);
        for (const v of verdict.violations) {
          io.out(`  ${v.rule}: 「${v.excerpt}」 ${v.message}`);
          // Why: the meaning rule and the words that made it fire (a detector's match is the excerpt itself).
          if (values.explain) io.out(`    because ${v.because ?? `the ${v.rule} detector matched the words above`}`);
        }
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
