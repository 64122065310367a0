// Stored → processed. Pending messages are analysed (parsed and classified: in worker threads for a
// backlog) and handed to the stages that write the store (thread, approval replies), a batch per
// transaction with a savepoint per message: a failure costs that message one try (three, then
// quarantine; at once when its bytes can never parse) and never stops the messages after it.
import { join } from 'node:path';
import type { Context } from '../context.ts';
import type { Db } from '../store/index.ts';
import { markProcessed, recordFailure } from '../store/messages.ts';
import { saveParsed } from '../store/parsed.ts';
import type { MessageRow } from '../store/schema.ts';
import type { Classification } from '../understand/classify.ts';
import { errorMessage } from '../shared/errors.ts';
import type { AnalysisResult } from './analyse.ts';
import { inlinePool, workerPool, type AnalysisPool } from './pool.ts';
import type { ParsedMail } from './parse.ts';

/** A stage that acts on each analysed message (thread it, act on an approval) inside its transaction. */
export type MessageStage = (db: Db, message: MessageRow, parsed: ParsedMail, classification: Classification) => Promise<void>;

export interface ProcessResult {
  processed: number;
  failed: number;
  quarantined: number;
}

export interface ProcessOptions {
  batchSize?: number;
  /** From this many pending messages on, analyses run in worker threads. */
  workersFrom?: number;
}

export async function processPending(ctx: Context, stages: MessageStage[] = [], options: ProcessOptions = {}): Promise<ProcessResult> {
  const result: ProcessResult = { processed: 0, failed: 0, quarantined: 0 };
  const batchSize = options.batchSize ?? 64;
  const pending = await countPending(ctx.db);
  if (pending === 0) return result;
  const poolOptions = { rulesFile: join(ctx.config.rulesDir, 'classify.yaml'), maxAttachmentBytes: ctx.config.storage.maxAttachmentBytes };
  const pool: AnalysisPool = pending >= (options.workersFrom ?? 200) ? workerPool(poolOptions) : inlinePool(poolOptions);
  try {
    // Walk forward by id (a message that failed is not retried in the same pass). While the main
    // thread writes one batch, the pool analyses the next.
    let afterId = 0;
    let rows = await pendingWithRaw(ctx.db, batchSize, afterId);
    let analysing = rows.length ? pool.run(rows.map((r) => ({ id: r.row.id, raw: r.raw }))) : null;
    while (analysing) {
      const results = await analysing;
      const current = rows;
      afterId = current.at(-1)!.row.id;
      rows = await pendingWithRaw(ctx.db, batchSize, afterId);
      analysing = rows.length ? pool.run(rows.map((r) => ({ id: r.row.id, raw: r.raw }))) : null;
      await writeBatch(ctx, stages, current.map((c) => c.row), results, result);
    }
  } finally {
    await pool.close();
  }
  return result;
}

async function countPending(db: Db): Promise<number> {
  const row = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

async function pendingWithRaw(db: Db, limit: number, afterId: number): Promise<{ row: MessageRow; raw: Buffer }[]> {
  const rows = await db.selectFrom('messages').selectAll().where('state', '=', 'pending').where('id', '>', afterId).orderBy('id').limit(limit).execute();
  if (rows.length === 0) return [];
  const raws = await db.selectFrom('message_raw').select(['message_id', 'bytes']).where('message_id', 'in', rows.map((r) => r.id)).execute();
  const byId = new Map(raws.map((r) => [r.message_id, r.bytes]));
  return rows.map((row) => ({ row, raw: byId.get(row.id) ?? Buffer.alloc(0) }));
}

async function writeBatch(ctx: Context, stages: MessageStage[], rows: MessageRow[], results: AnalysisResult[], result: ProcessResult): Promise<void> {
  const failures: { row: MessageRow; error: string; permanent: boolean }[] = [];
  const trx = await ctx.db.startTransaction().execute();
  try {
    for (const [i, row] of rows.entries()) {
      const analysed = results[i]!;
      if (!analysed.ok) {
        failures.push({ row, error: analysed.error, permanent: analysed.permanent });
        continue;
      }
      const savepoint = await trx.savepoint(`m${row.id}`).execute();
      try {
        const { parsed, classification } = analysed.analysis;
        await saveParsed(savepoint, row.id, parsed);
        for (const stage of stages) await stage(savepoint, row, parsed, classification);
        await markProcessed(savepoint, row.id, ctx.clock.now());
        await savepoint.releaseSavepoint(`m${row.id}`).execute();
        result.processed += 1;
      } catch (err) {
        await savepoint.rollbackToSavepoint(`m${row.id}`).execute();
        failures.push({ row, error: errorMessage(err), permanent: false });
      }
    }
    await trx.commit().execute();
  } catch (err) {
    await trx.rollback().execute();
    throw err;
  }
  for (const f of failures) {
    const state = await recordFailure(ctx.db, f.row.id, f.error, f.permanent);
    result.failed += 1;
    if (state === 'quarantined') result.quarantined += 1;
    ctx.log.warn({ messageId: f.row.id, messageIdHeader: f.row.message_id, state, err: f.error }, state === 'quarantined' ? 'message quarantined' : 'message failed; will retry next cycle');
  }
}
