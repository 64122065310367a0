// Stored → processed. Pending messages are claimed a batch at a time (several daemons on one store
// analyse disjoint batches), analysed (parsed and classified: in worker threads for a backlog) and
// handed to the stages that write the store (thread, approval replies), a batch per transaction. A
// failure costs that message one try (three, then quarantine; at once when its bytes can never
// parse) and never stops the messages after it.
import { rulesFile } from '../config/load.ts';
import type { Context } from '../context.ts';
import { holdAccounts } from '../store/dialect.ts';
import type { Db } from '../store/index.ts';
import { claimForAnalysis, claimPending, readRawMessages, recordFailure, releaseClaims, updateMessage } from '../store/messages.ts';
import { StoreError } from '../store/errors.ts';
import { parsedColumns, saveAttachments } from '../store/parsed.ts';
import type { MessageRow, MessageUpdate } from '../store/schema.ts';
import type { Classification } from '../understand/classify.ts';
import { cutBatches, MAX_BATCH_BYTES } from '../shared/batches.ts';
import { errorMessage } from '../shared/errors.ts';
import type { Analysis, AnalysisResult } from './analyse.ts';
import type { FreshMail } from './fresh-mail.ts';
import { inlinePool, workerPool, type AnalysisPool, type WorkerPoolOptions } from './pool.ts';
import type { ParsedMail } from './parse.ts';

/**
 * A stage that acts on each analysed message (thread it, act on an approval) inside its transaction.
 * It returns the message's own columns it sets; they are written with the rest in one update.
 */
export type MessageStage = (db: Db, message: MessageRow, parsed: ParsedMail, classification: Classification) => Promise<MessageUpdate | void>;

export interface ProcessResult {
  processed: number;
  failed: number;
  quarantined: number;
}

export interface ProcessOptions {
  /** While this says more mail may still be stored (a sync running beside), wait for it. */
  moreComing?: () => boolean;
  /** Raw mail the sync beside has just stored, to take instead of reading it back. */
  fresh?: FreshMail;
  /** Analyse in this pool (the daemon's, kept warm), whatever the number of messages; it stays open. */
  pool?: AnalysisPool;
}

/** Messages per analysis batch and per transaction, at most (and at most MAX_BATCH_BYTES of raw mail). */
const BATCH_SIZE = 128;
/** Batches being analysed ahead of the one being written. */
const PIPELINE_DEPTH = 2;
/** From this many pending messages on, analyses run in worker threads. */
/** From this many messages a pass is a backlog: analysed in worker threads whose memory goes after it. */
export const WORKERS_FROM = 200;

export async function processPending(ctx: Context, stages: MessageStage[] = [], options: ProcessOptions = {}): Promise<ProcessResult> {
  const result: ProcessResult = { processed: 0, failed: 0, quarantined: 0 };
  // Claims a crashed pass of this process left (its release failed too) would bar it from them.
  await releaseClaims(ctx.db);
  try {
    return await claimedPass(ctx, stages, options, result);
  } finally {
    // What this pass claimed and did not write (it was interrupted, a message failed) is free again.
    // A store too busy for this leaves the claims to expire (ANALYSIS_CLAIM_MS); the pass's own error matters more.
    await releaseClaims(ctx.db).catch(() => {});
  }
}

async function claimedPass(ctx: Context, stages: MessageStage[], options: ProcessOptions, result: ProcessResult): Promise<ProcessResult> {
  const moreComing = options.moreComing ?? (() => false);
  const next = async () => {
    for (;;) {
      const rows = await pendingWithRaw(ctx.db, BATCH_SIZE, options.fresh);
      if (rows.length || !moreComing()) return rows;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const first = await next();
  if (first.length === 0) return result;
  // In the caller's pool (the daemon, `once` and `import` bring one); else a few new messages
  // inline (no worker start-up) and a backlog in worker threads.
  const pool = options.pool ?? ((await countPending(ctx.db)) >= WORKERS_FROM ? workerPool(analysisPoolOptions(ctx)) : inlinePool(analysisPoolOptions(ctx)));
  // A batch claimed is not claimed again in this pass (a message that failed is not retried in it).
  // Up to PIPELINE_DEPTH batches are being analysed while the main thread writes the one before
  // them: with a single batch ahead, the pool sat idle whenever a write took longer than an analysis.
  const ahead: { rows: typeof first; results: Promise<AnalysisResult[]> }[] = [];
  const queue = (rows: typeof first) => {
    const results = pool.run(rows.map((r) => ({ id: r.row.id, raw: r.raw })));
    // Awaited in turn; if an earlier batch fails first, this one's failure must not go unhandled.
    results.catch(() => {});
    ahead.push({ rows, results });
  };
  // Queue what is stored already; with `wait`, and nothing else to do, wait for the sync beside.
  const fill = async (wait: boolean) => {
    while (ahead.length < PIPELINE_DEPTH) {
      const rows = wait && ahead.length === 0 ? await next() : await pendingWithRaw(ctx.db, BATCH_SIZE, options.fresh);
      if (rows.length === 0) return;
      queue(rows);
    }
  };
  try {
    queue(first);
    await fill(false);
    while (ahead.length) {
      const batch = ahead.shift()!;
      const results = await batch.results;
      await fill(false);
      await writeBatch(ctx, stages, batch.rows.map((c) => c.row), results, result);
      if (ahead.length === 0) await fill(true);
    }
  } finally {
    if (pool !== options.pool) await pool.close();
    // The caller's pool outlives the pass, but its threads' heaps grew with a backlog: they go now,
    // before drafting (which may load the Japanese reader) adds its own memory on top.
    else if (result.processed + result.failed >= WORKERS_FROM) await pool.release?.();
  }
  return result;
}

/** How a pool of this store analyses: the seller's classification rules, raw mail read again from the store. */
export function analysisPoolOptions(ctx: Pick<Context, 'config' | 'db'>): WorkerPoolOptions {
  return { rulesFile: rulesFile(ctx.config, 'classify'), reload: (ids) => readRawMessages(ctx.db, ids) };
}

async function countPending(db: Db): Promise<number> {
  const row = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Claim a batch of pending messages (claimForAnalysis) and bring their raw bytes. */
async function pendingWithRaw(db: Db, limit: number, fresh?: FreshMail): Promise<{ row: MessageRow; raw: Buffer }[]> {
  const pending = await claimForAnalysis(db, limit);
  if (pending.length === 0) {
    // What the sync beside handed over is claimed by other daemons: dropped, or a sync waiting for
    // room would wait for a take that never comes.
    fresh?.take([Infinity]);
    return [];
  }
  // A batch of large messages is cut short: its raw bytes are read and analysed together. The rest
  // is given back, for this pass's next batch or another daemon.
  const rows = cutBatches(pending, (row) => row.size, limit, MAX_BATCH_BYTES)[0]!;
  await releaseClaims(db, pending.slice(rows.length).map((r) => r.id));
  const byId = fresh?.take(rows.map((r) => r.id)) ?? new Map<number, Buffer>();
  const stored = rows.filter((r) => !byId.has(r.id)).map((r) => r.id);
  for (const [id, bytes] of await readRawMessages(db, stored)) byId.set(id, bytes);
  return rows.map((row) => ({ row, raw: byId.get(row.id) ?? Buffer.alloc(0) }));
}

/**
 * Write a batch of analysed messages. The common case is one transaction for the whole batch; if any
 * message's stages fail, that transaction is rolled back and the batch is written again one message
 * per transaction, so only the failing message loses a try.
 */
async function writeBatch(ctx: Context, stages: MessageStage[], rows: MessageRow[], results: AnalysisResult[], result: ProcessResult): Promise<void> {
  const failures: { row: MessageRow; error: string; permanent: boolean }[] = [];
  const analysed = rows.flatMap((row, i) => {
    const r = results[i]!;
    if (r.ok) return [{ row, analysis: r.analysis }];
    failures.push({ row, error: r.error, permanent: r.permanent });
    return [];
  });
  try {
    result.processed += await ctx.db.transaction().execute(async (trx) => {
      await holdAccounts(trx, analysed.map((a) => a.row.account_id));
      let written = 0;
      for (const { row, analysis } of analysed) if (await writeOne(trx, ctx, stages, row, analysis)) written += 1;
      return written;
    });
  } catch (err) {
    // A busy store is nobody's fault: the batch stays pending for the next cycle, no try is spent.
    if (err instanceof StoreError) throw err;
    for (const { row, analysis } of analysed) {
      try {
        const written = await ctx.db.transaction().execute(async (trx) => {
          await holdAccounts(trx, [row.account_id]);
          return writeOne(trx, ctx, stages, row, analysis);
        });
        if (written) result.processed += 1;
      } catch (err) {
        if (err instanceof StoreError) throw err;
        failures.push({ row, error: errorMessage(err), permanent: false });
      }
    }
  }
  for (const f of failures) {
    const state = await recordFailure(ctx.db, f.row.id, f.error, f.permanent);
    if (state === null) continue;
    result.failed += 1;
    if (state === 'quarantined') result.quarantined += 1;
    ctx.log.warn({ messageId: f.row.id, messageIdHeader: f.row.message_id, state, err: f.error }, state === 'quarantined' ? 'message quarantined' : 'message failed; will retry next cycle');
  }
}

/** False when another kotae process processed the message first (nothing is written twice). */
async function writeOne(db: Db, ctx: Context, stages: MessageStage[], row: MessageRow, analysis: Analysis): Promise<boolean> {
  if (!(await claimPending(db, row.id, ctx.clock.now()))) return false;
  const { parsed, classification } = analysis;
  await saveAttachments(db, row.id, parsed, row.tries > 0);
  let columns: MessageUpdate = parsedColumns(parsed);
  for (const stage of stages) columns = { ...columns, ...(await stage(db, row, parsed, classification)) };
  await updateMessage(db, row.id, { ...columns, state: 'processed', processed_at: ctx.clock.now().toISOString(), last_error: null, claimed_by: null, claimed_at: null });
  return true;
}
