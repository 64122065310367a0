// `kotae classify FILE.eml… [--json] [--explain]`: read-only. One result per file, in order; a file
// that cannot be read or parsed gets an error line and the rest go on (exit 1 if any failed).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rulesFile } from '../../config/load.ts';
import { parseMail } from '../../ingest/parse.ts';
import { classify } from '../../understand/classify.ts';
import { loadClassifyRules } from '../../understand/rules.ts';
import { UsageError, errorMessage } from '../../shared/errors.ts';
import { configOption, jsonOption, type Command } from '../command.ts';
import { readConfig } from '../runtime.ts';

export const command: Command = {
  usage: 'classify FILE.eml... [--json] [--explain] [--config PATH]',
  summary: 'Read-only: what kotae makes of each message (kind, marketplace, language, order and case IDs, intents).',
  options: { ...configOption, ...jsonOption, explain: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    if (positionals.length === 0) throw new UsageError('classify needs at least one FILE', { hint: 'Usage: kotae classify FILE.eml... --json' });
    const config = readConfig(values, io);
    const rules = loadClassifyRules(rulesFile(config, 'classify'));
    let failed = 0;
    for (const file of positionals) {
      try {
        const mail = await parseMail(await readFile(resolve(io.cwd, file)));
        const c = classify(mail, rules);
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
          ...(values.explain ? { rule: c.rule, fromAmazon: c.fromAmazon } : {}),
        };
        if (values.json) io.out(JSON.stringify(result));
        else io.out(`${file}: ${c.kind}${c.marketplace ? ` ${c.marketplace}` : ''}${c.language ? ` ${c.language}` : ''}${c.orderId ? ` order ${c.orderId}` : ''}${c.caseId ? ` case ${c.caseId}` : ''}${c.intents.length ? ` [${c.intents.join(', ')}]` : ''}${values.explain ? ` (rule ${c.rule})` : ''}`);
      } catch (err) {
        failed += 1;
        const message = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(err);
        if (values.json) io.out(JSON.stringify({ file, error: message }));
        else io.err(`${file}: error: ${message}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
