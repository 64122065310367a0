// `kotae guard FILE… --json [--lang ja|en]`: read-only. Runs the policy guard on candidate buyer
// message bodies (UTF-8 text; a folder: its files; `-`: standard input). Exit 0 when every file
// passes, 1 when any is blocked or unreadable.
import { rulesFile } from '../../config/load.ts';
import { checkBuyerMessage, loadGuardRules } from '../../respond/guard/index.ts';
import { UsageError, errorMessage } from '../../shared/errors.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { expandInputs, InputError } from '../inputs.ts';
import { readConfig } from '../runtime.ts';

export const command: Command = {
  usage: 'guard FILE|FOLDER|-... [--json] [--explain] [--lang ja|en] [--config PATH]',
  summary: "Read-only: check candidate buyer-message bodies against Amazon's messaging rules (rules/guard.yaml).",
  options: { ...configOption, ...jsonOption, lang: { type: 'string' }, explain: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    if (positionals.length === 0) throw new UsageError('guard needs at least one FILE', { hint: 'Usage: kotae guard FILE|FOLDER|-... --json [--lang ja|en]  (- reads the text from standard input)' });
    const lang = values.lang as string | undefined;
    if (lang !== undefined && lang !== 'ja' && lang !== 'en') throw new UsageError(`--lang must be ja or en, not "${lang}"`);
    const config = readConfig(values, io, 'defaults');
    const rules = loadGuardRules(rulesFile(config, 'guard'));
    let failed = 0;
    for (const { name: file, read } of expandInputs(positionals, io)) {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await read());
      } catch (err) {
        failed += 1;
        const message = err instanceof InputError ? err.message : err instanceof TypeError ? 'not UTF-8 text' : errorMessage(err);
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
