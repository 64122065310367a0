// The one pipeline `kotae once`, `kotae run` and `kotae demo` drive. Each step reads durable state and
// writes the next state in its own transactions, so a crash anywhere is finished by the next cycle:
//   ingest (fetch → store) → process (parse → understand) → …
import type { Context } from './context.ts';
import { processPending, type MessageStage, type ProcessResult } from './ingest/process.ts';
import { syncWithRetry, type SyncResult } from './ingest/sync.ts';
import { ImapAccount } from './sources/imap.ts';
import { errorMessage } from './shared/errors.ts';
import { loadClassifyRules } from './understand/rules.ts';
import { understandStage } from './understand/stage.ts';
import { join } from 'node:path';

export interface CycleReport {
  accounts: { id: string; sync: SyncResult | null; error: string | null }[];
  process: ProcessResult;
}

/** The per-message stages, in order, run inside each message's transaction. */
export function messageStages(ctx: Context): MessageStage[] {
  const rules = loadClassifyRules(join(ctx.config.rulesDir, 'classify.yaml'));
  return [understandStage(ctx.config, rules, ctx.clock)];
}

/** Fetch new mail for every account with IMAP settings. One account's failure does not stop the others. */
export async function ingestAccounts(ctx: Context): Promise<CycleReport['accounts']> {
  const results: CycleReport['accounts'] = [];
  for (const account of ctx.config.accounts) {
    if (!account.imap) continue;
    let source: ImapAccount | null = null;
    try {
      source = new ImapAccount(account, { batchSize: ctx.config.sync.batchSize });
      const sync = await syncWithRetry(ctx, account.id, source);
      results.push({ id: account.id, sync, error: null });
      ctx.log.info({ account: account.id, ...sync }, 'mailbox synced');
    } catch (err) {
      results.push({ id: account.id, sync: null, error: errorMessage(err) });
      ctx.log.error({ account: account.id, err: errorMessage(err) }, 'sync failed');
    } finally {
      await source?.close();
    }
  }
  return results;
}

export async function runCycle(ctx: Context): Promise<CycleReport> {
  const accounts = await ingestAccounts(ctx);
  const process = await processPending(ctx, messageStages(ctx));
  return { accounts, process };
}
