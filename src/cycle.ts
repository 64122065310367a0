// The one pipeline `kotae once`, `kotae run` and `kotae demo` drive. Each step reads durable state and
// writes the next state in its own transactions, so a crash anywhere is finished by the next cycle:
//   ingest (fetch → store) → process (parse → classify → thread → approval replies)
//   → respond (playbook → template → guard → draft) → remind (deadlines, follow-ups, digest)
//   → ask approvers → queue approved → send.
import type { AccountConfig } from './config/schema.ts';
import type { Context } from './context.ts';
import { approvalStage } from './approval/handle.ts';
import { requestApprovals } from './approval/request.ts';
import { FreshMail } from './ingest/fresh-mail.ts';
import type { AnalysisPool } from './ingest/pool.ts';
import { processPending, WORKERS_FROM, type MessageStage, type ProcessResult } from './ingest/process.ts';
import { syncWithRetry, type SyncResult } from './ingest/sync.ts';
import { queueApproved } from './outbox/queue.ts';
import { sendOutbox, type SendReport, type SentFolder } from './outbox/send.ts';
import { folderTransport, smtpTransport, type Transport } from './outbox/transport.ts';
import { loadReplyKit, type ReplyKit } from './respond/kit.ts';
import { draftReplies, repliesWaiting, type RespondResult } from './respond/respond.ts';
import { errorMessage } from './shared/errors.ts';
import { ImapAccount } from './sources/imap.ts';
import { holdSync } from './store/processes.ts';
import { sendAccountHealthReminders } from './remind/account-health.ts';
import { sendDigests } from './remind/digest.ts';
import { draftSupportFollowUps } from './remind/follow-ups.ts';
import { sendReminders, type ReminderResult } from './remind/reminders.ts';
import { understandStage } from './understand/stage.ts';

export interface CycleReport {
  /** Per account: its sync, or why there was none (an error, or another kotae process syncing it). */
  accounts: { id: string; sync: SyncResult | null; error: string | null; syncedElsewhere?: boolean }[];
  process: ProcessResult;
  respond: RespondResult;
  followUps: number;
  reminders: ReminderResult;
  digests: number;
  approvals: { approvalMails: number; notices: number };
  queued: number;
  send: { id: string; report: SendReport | null; error: string | null }[];
  /** The cycle ended before drafting: `beforeDrafting` left the rest to a fresh start. */
  draftingDeferred?: true;
}

export interface CycleOptions {
  io?: MailIo;
  kit?: ReplyKit;
  /** Fetch new mail first (false: the clock-driven steps and sending only, for the SLA schedule). */
  ingest?: boolean;
  /** Send the daily digest in this cycle. */
  digest?: boolean;
  /** Where messages are analysed (the daemon's pool); by default one made for the cycle. */
  analysis?: AnalysisPool;
  /**
   * Asked when a backlog has been analysed and replies wait to be drafted. True leaves the drafting and
   * the rest of the cycle to a fresh start of the process, which does them at once: drafting loads the
   * Japanese reader, and on top of what a backlog left behind that is the process's peak
   * (src/daemon/fresh-start.ts).
   */
  beforeDrafting?: (accounts: CycleReport['accounts']) => boolean;
}

/** The mail connections of each account; the demo and tests swap them for local ones. */
export interface MailIo {
  imap(account: AccountConfig): ImapAccount | null;
  transport(account: AccountConfig): Transport | null;
}

function configuredMailIo(batchSize: number): MailIo {
  return {
    imap: (account) => (account.imap ? new ImapAccount(account, { batchSize }) : null),
    transport: (account) => (account.smtp ? smtpTransport(account) : account.outboxDir ? folderTransport(account.outboxDir) : null),
  };
}

/** The per-message stages, in order, run inside each message's transaction. */
export function messageStages(ctx: Context, kit: () => ReplyKit): MessageStage[] {
  return [understandStage(ctx.config, ctx.clock), approvalStage(ctx, kit)];
}

export async function runCycle(ctx: Context, options: CycleOptions = {}): Promise<CycleReport> {
  const io = options.io ?? configuredMailIo(ctx.config.sync.batchSize);
  const kit = options.kit ?? loadReplyKit(ctx.config);
  const imaps = new Map<string, ImapAccount>();
  try {
    const [accounts, process] = await storeAndProcess(ctx, messageStages(ctx, () => kit), (fresh) => ingestAccounts(ctx, io, imaps, options.ingest !== false, fresh), options.analysis);
    if (options.beforeDrafting && process.processed + process.failed >= WORKERS_FROM && (await repliesWaiting(ctx)) && options.beforeDrafting(accounts)) {
      const nothing = { respond: { drafted: 0, automatic: 0, notified: 0, skipped: 0 }, followUps: 0, reminders: { reminders: 0, breaches: 0 }, digests: 0, approvals: { approvalMails: 0, notices: 0 }, queued: 0, send: [] };
      return { accounts, process, ...nothing, draftingDeferred: true };
    }
    const respond = await draftReplies(ctx, kit);
    const followUps = await draftSupportFollowUps(ctx, kit);
    const buyerClock = await sendReminders(ctx);
    const healthClock = await sendAccountHealthReminders(ctx);
    const reminders = { reminders: buyerClock.reminders + healthClock.reminders, breaches: buyerClock.breaches + healthClock.breaches };
    const digests = options.digest ? await sendDigests(ctx) : 0;
    const approvals = await requestApprovals(ctx);
    const queued = await queueApproved(ctx);
    const send: CycleReport['send'] = [];
    for (const account of ctx.config.accounts) {
      const transport = io.transport(account);
      if (!transport) continue;
      try {
        const imap = imaps.get(account.id);
        send.push({ id: account.id, report: await sendOutbox(ctx, account, transport, imap ? sentFolderOf(imap) : null), error: null });
      } catch (err) {
        send.push({ id: account.id, report: null, error: errorMessage(err) });
        ctx.log.error({ account: account.id, err: errorMessage(err) }, 'sending failed');
      } finally {
        await transport.close();
      }
    }
    return { accounts, process, respond, followUps, reminders, digests, approvals, queued, send };
  } finally {
    for (const imap of imaps.values()) await imap.close();
  }
}

/**
 * Store mail and process it at the same time: the main thread waits for the mail source (IMAP, the
 * disk) much of the time, and processing fills those waits. What is stored is handed to processing
 * in memory (`fresh`) rather than read back from the store.
 */
export async function storeAndProcess<T>(ctx: Context, stages: MessageStage[], store: (fresh: FreshMail) => Promise<T>, pool?: AnalysisPool): Promise<[T, ProcessResult]> {
  let storing = true;
  const fresh = new FreshMail();
  // Both are waited for even when one fails: a sync left running would overlap the next cycle's.
  const [stored, processed] = await Promise.allSettled([
    store(fresh).finally(() => (storing = false)),
    // Ended (or failed): the sync must not wait for room any more.
    processPending(ctx, stages, { moreComing: () => storing, fresh, pool }).finally(() => fresh.close()),
  ]);
  if (stored.status === 'rejected') throw stored.reason;
  if (processed.status === 'rejected') throw processed.reason;
  return [stored.value, processed.value];
}

async function ingestAccounts(ctx: Context, io: MailIo, imaps: Map<string, ImapAccount>, ingest: boolean, fresh: FreshMail): Promise<CycleReport['accounts']> {
  const accounts: CycleReport['accounts'] = [];
  for (const account of ctx.config.accounts) {
    // The connection opens on first use: a cycle without ingest still reaches the Sent folder.
    const imap = io.imap(account);
    if (!imap) continue;
    imaps.set(account.id, imap);
    if (!ingest) continue;
    // One process syncs a mailbox at a time (the daemon, as a rule): `once` beside it does the rest.
    if (!(await holdSync(ctx.db, account.id))) {
      accounts.push({ id: account.id, sync: null, error: null, syncedElsewhere: true });
      ctx.log.info({ account: account.id }, 'another kotae process syncs this mailbox; not syncing it here');
      continue;
    }
    try {
      const sync = await syncWithRetry(ctx, account.id, imap, { fresh });
      accounts.push({ id: account.id, sync, error: null });
      ctx.log.info({ account: account.id, ...sync }, 'mailbox synced');
    } catch (err) {
      accounts.push({ id: account.id, sync: null, error: errorMessage(err) });
      ctx.log.error({ account: account.id, err: errorMessage(err) }, 'sync failed');
    }
  }
  return accounts;
}

export function sentFolderOf(imap: ImapAccount): SentFolder {
  return {
    has: async (messageId) => imap.hasMessageId(await imap.sentMailbox(), messageId),
    append: async (raw) => imap.append(await imap.sentMailbox(), raw, ['\\Seen']),
    appendToInbox: async (raw) => imap.append('INBOX', raw, []),
  };
}
