// `kotae classify FILE.eml… [--json] [--explain]`: read-only. One result per file, in order (a folder:
// its files; `-`: standard input); a file that cannot be read or parsed gets an error line and the
// rest go on (exit 1 if any failed).
import { rulesFile } from '../../config/load.ts';
import { parseMail } from '../../ingest/parse.ts';
import { classify, type Evidence, type Explanation } from '../../understand/classify.ts';
import { loadClassifyRules } from '../../understand/rules.ts';
import { UsageError, errorMessage } from '../../shared/errors.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { expandInputs, InputError } from '../inputs.ts';
import { readConfig } from '../runtime.ts';

export const command: Command = {
  usage: 'classify FILE.eml|FOLDER|-... [--json] [--explain] [--config PATH]',
  summary: 'Read-only: what kotae makes of each message (kind, marketplace, language, order and case IDs, intents).',
  options: { ...configOption, ...jsonOption, explain: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    if (positionals.length === 0) throw new UsageError('classify needs at least one FILE', { hint: 'Usage: kotae classify FILE.eml|FOLDER|-... --json  (- reads one message from standard input)' });
    const config = readConfig(values, io, 'defaults');
    const rules = loadClassifyRules(rulesFile(config, 'classify'));
    let failed = 0;
    for (const { name: file, read } of expandInputs(positionals, io)) {
      try {
        const mail = await parseMail(await read());
        const c = classify(mail, rules, { explain: values.explain === true });
        const result = {
          file,
          kind: c.kind,
          marketplace: c.marketplace,
          language: c.language,
          orderId: c.orderId,
          caseId: c.caseId,
          intents: c.intents,
          asin: c.asin,
          buyerName: c.buyerName,
          relayAddress: c.relayAddress,
          ...(values.explain ? { rule: c.rule, fromAmazon: c.fromAmazon, why: c.why } : {}),
        };
        if (values.json) io.out(JSON.stringify(result));
        else {
          io.out(`${file}: ${c.kind}${c.marketplace ? ` ${c.marketplace}` : ''}${c.language ? ` ${c.language}` : ''}${c.orderId ? ` order ${c.orderId}` : ''}${c.caseId ? ` case ${c.caseId}` : ''}${c.intents.length ? ` [${c.intents.join(', ')}]` : ''}${values.explain ? ` (rule ${c.rule})` : ''}`);
          if (values.explain && c.why) for (const line of explainLines(c.kind, c.why)) io.out(`  ${line}`);
        }
      } catch (err) {
        failed += 1;
        const message = err instanceof InputError ? err.message : errorMessage(err);
        if (values.json) io.out(JSON.stringify({ file, error: message }));
        else io.err(`${file}: error: ${message}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};

/** One line per decision: the kind, then each intent, with the rule and the words that triggered it. */
function explainLines(kind: string, why: Explanation): string[] {
  const quote = (text: string) => JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text);
  const describe = (e: Evidence) =>
    `rule ${e.rule}${e.pattern ? ` /${e.pattern}/` : ''}${e.probability !== undefined ? ` (${e.probability.toFixed(2)})` : ''}${e.words ? `, words ${quote(e.words)}` : ''}${e.sentence && e.sentence !== e.words ? ` in ${quote(e.sentence)}` : ''}`;
  return [`kind ${kind}: ${describe(why.kind)}`, ...why.intents.map((e) => `intent ${e.intent}: ${describe(e)}`)];
}
