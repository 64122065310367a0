// `kotae demo`: the embedded default. No configuration, no account, no network: see src/demo/demo.ts.
import { resolve } from 'node:path';
import { runDemo } from '../../demo/demo.ts';
import { createLogger } from '../../shared/log.ts';
import { jsonOption, type Command } from '../command.ts';

export const command: Command = {
  usage: 'demo [--dir PATH] [--json]',
  summary: 'Show the whole flow on a built-in sample mailbox (Amazon.co.jp and Amazon.com), writing mail to a local outbox folder. Default folder: ./data/demo (recreated on every run).',
  options: { ...jsonOption, dir: { type: 'string' } },
  async run({ values, io }) {
    const dir = resolve(io.cwd, (values.dir as string | undefined) ?? 'data/demo');
    const lines: string[] = [];
    const summary = await runDemo({ dir, out: values.json ? (l) => lines.push(l) : io.out, log: createLogger({ level: io.env.KOTAE_LOG_LEVEL ?? 'error' }) });
    if (values.json) io.out(JSON.stringify({ dir, ...summary }));
    return summary.quarantined > 0 ? 1 : 0;
  },
};
