// Stored → processed. Each pending message is parsed and handed to the understanding stages in one
// transaction. A failure costs the message one try (three, then quarantine; at once when the bytes
// can never parse) and never stops the messages after it.
import type { Context } from '../context.ts';
import type { Db } from '../store/index.ts';
import { markProcessed, pendingMessages, readRaw, recordFailure } from '../store/messages.ts';
import { saveParsed } from '../store/parsed.ts';
import type { MessageRow } from '../store/schema.ts';
import { MessageError, errorMessage } from '../shared/errors.ts';
import { parseMail, type ParsedMail } from './parse.ts';

/** A stage that acts on each newly parsed message (classify, thread, …) inside its transaction. */
export type MessageStage = (db: Db, message: MessageRow, parsed: ParsedMail) => Promise<void>;

export interface ProcessResult {
  processed: number;
  failed: number;
  quarantined: number;
}

export async function processPending(ctx: Context, stages: MessageStage[] = [], options: { batchSize?: number } = {}): Promise<ProcessResult> {
  const result: ProcessResult = { processed: 0, failed: 0, quarantined: 0 };
  const batchSize = options.batchSize ?? 100;
  // Walk forward by id: a message that failed this time is not retried in the same pass.
  let afterId = 0;
  for (;;) {
    const rows = await pendingMessages(ctx.db, batchSize, afterId);
    if (rows.length === 0) return result;
    for (const row of rows) {
      afterId = row.id;
      await processOne(ctx, row, stages, result);
    }
  }
}

async function processOne(ctx: Context, row: MessageRow, stages: MessageStage[], result: ProcessResult): Promise<void> {
  try {
    const parsed = await parseMail(await readRaw(ctx.db, row.id), { maxAttachmentBytes: ctx.config.storage.maxAttachmentBytes });
    await ctx.db.transaction().execute(async (trx) => {
      await saveParsed(trx, row.id, parsed);
      for (const stage of stages) await stage(trx, row, parsed);
      await markProcessed(trx, row.id, ctx.clock.now());
    });
    result.processed += 1;
  } catch (err) {
    const state = await recordFailure(ctx.db, row.id, errorMessage(err), err instanceof MessageError);
    result.failed += 1;
    if (state === 'quarantined') result.quarantined += 1;
    ctx.log.warn({ messageId: row.id, messageIdHeader: row.message_id, state, err: errorMessage(err) }, state === 'quarantined' ? 'message quarantined' : 'message failed; will retry next cycle');
  }
}
