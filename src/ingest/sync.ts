// Fetch → store. Each batch's raw messages and its new sync position are written in one transaction:
// a crash at any point leaves either both or neither, so the next run resumes exactly after the last
// stored UID, and a message fetched twice is stored once (its dedup key).
import type { Context } from '../context.ts';
import { advanceMailbox, dropStaleChanges, listMailboxStates, listPendingChanges, recordAccountSync, recordChangesDone, rememberUids } from '../store/mailboxes.ts';
import { storeRawMessages } from '../store/messages.ts';
import { RemoteError, errorMessage } from '../shared/errors.ts';
import type { MailboxPosition, MailSource } from '../sources/types.ts';
import type { FreshMail } from './fresh-mail.ts';

export interface SyncResult {
  fetched: number;
  stored: number;
  duplicates: number;
  /** Mailboxes whose UIDVALIDITY changed: they were rescanned from UID 1 and deduplicated by content. */
  resynced: string[];
}

export function emptySyncResult(): SyncResult {
  return { fetched: 0, stored: 0, duplicates: 0, resynced: [] };
}

export interface SyncOptions {
  /** Counts go here, so a retried sync reports its whole work. */
  result?: SyncResult;
  /** Processing running beside: new messages are handed over in memory once committed. */
  fresh?: FreshMail;
}

/** One pass over the source. */
export async function syncSource(ctx: Context, accountId: string, source: MailSource, options: SyncOptions = {}): Promise<SyncResult> {
  const result = options.result ?? emptySyncResult();
  const states = await listMailboxStates(ctx.db, accountId);
  const pending = await listPendingChanges(ctx.db, accountId);
  const positions = new Map<string, MailboxPosition>(states.map((s) => [s.mailbox, { uidValidity: s.uid_validity, lastUid: s.last_uid, pendingChanges: pending.get(s.mailbox) ?? [] }]));
  const changesDone = (mailbox: string, uidValidity: string, uids: number[]) => recordChangesDone(ctx.db, accountId, mailbox, uidValidity, uids);

  for await (const batch of source.batches(positions, changesDone)) {
    if (batch.resync) {
      result.resynced.push(batch.mailbox);
      ctx.log.warn({ account: accountId, mailbox: batch.mailbox, uidValidity: batch.position?.uidValidity }, 'UIDVALIDITY changed: rescanning the mailbox, deduplicating by content');
    }
    const now = ctx.clock.now();
    const refs = await ctx.db.transaction().execute(async (trx) => {
      const refs = await storeRawMessages(trx, accountId, batch.messages, 'in', now);
      if (batch.position) {
        const uids = batch.messages.flatMap((m, i) => (m.uid !== undefined ? [{ uid: m.uid, messageId: refs[i]!.id }] : []));
        await rememberUids(trx, accountId, batch.mailbox, batch.position.uidValidity, uids, batch.changesAfterStore);
        if (batch.resync) await dropStaleChanges(trx, accountId, batch.mailbox, batch.position.uidValidity);
        await advanceMailbox(trx, accountId, batch.mailbox, batch.position.uidValidity, batch.position.lastUid, now);
      }
      return refs;
    });
    refs.forEach((ref, i) => {
      if (ref.inserted) {
        result.stored += 1;
        options.fresh?.offer(ref.id, batch.messages[i]!.bytes);
      } else {
        result.duplicates += 1;
      }
    });
    result.fetched += batch.messages.length;
    await options.fresh?.room();
  }
  return result;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/** Exponential backoff with full jitter, so reconnecting workers do not hit the server in step. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/**
 * Sync an IMAP account, reconnecting after transient failures (a server restart mid-sync): every
 * retry resumes from the positions committed so far. Bounded: gives up after `attempts` failures.
 */
export async function syncWithRetry(
  ctx: Context,
  accountId: string,
  source: MailSource,
  options: { retry?: RetryPolicy; sleep?: (ms: number) => Promise<void>; fresh?: FreshMail } = {},
): Promise<SyncResult> {
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const result = emptySyncResult();
  for (let attempt = 0; ; attempt++) {
    try {
      await syncSource(ctx, accountId, source, { result, fresh: options.fresh });
      await recordAccountSync(ctx.db, accountId, ctx.clock.now(), null);
      return result;
    } catch (err) {
      const transient = !(err instanceof RemoteError) || err.transient;
      await source.close();
      await recordAccountSync(ctx.db, accountId, ctx.clock.now(), errorMessage(err));
      if (!transient || attempt + 1 >= retry.attempts) throw err;
      const delay = backoffDelay(attempt, retry);
      ctx.log.warn({ account: accountId, attempt: attempt + 1, delayMs: delay, err: errorMessage(err) }, 'sync interrupted; reconnecting');
      await sleep(delay);
    }
  }
}
