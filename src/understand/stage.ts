// The understanding stage of processing: record what the message is (classified beside parsing, see
// ingest/analyse.ts) and thread it into its case, inside the message's transaction.
import type { Config } from '../config/load.ts';
import type { MessageStage } from '../ingest/process.ts';
import { DAY, HOUR, type Clock } from '../shared/clock.ts';
import { threadMessage } from './thread.ts';

export function understandStage(config: Config, clock: Clock): MessageStage {
  return async (db, row, parsed, c) => {
    const written = writtenAt(parsed.date, new Date(row.stored_at));
    const account = config.accounts.find((a) => a.id === row.account_id);
    const thread = await threadMessage(db, {
      accountId: row.account_id,
      accountMarketplace: account?.marketplace ?? null,
      messageRowId: row.id,
      subject: parsed.subject,
      at: written,
      inReplyTo: parsed.inReplyTo,
      references: parsed.references,
      classification: c,
      body: parsed.text ?? '',
      // Old is judged by when the mail arrived, not by its Date header: a message delivered now is new.
      history: arrivedAt(row, written) < new Date(clock.now().getTime() - config.sync.historyDays * DAY),
    });
    const { text, ...facts } = c;
    return {
      kind: c.kind,
      case_id: thread.caseId,
      classification_json: JSON.stringify(facts),
      buyer_text: text,
      respond_state: thread.mayNeedReply ? ('pending' as const) : ('none' as const),
    };
  };
}

/** The Date header, unless it is missing or claims a time after the message was stored (clock skew, forgeries). */
export function writtenAt(date: Date | null, storedAt: Date): Date {
  if (date === null || date.getTime() > storedAt.getTime() + HOUR) return storedAt;
  return date;
}

/** When the mail reached the mailbox: the server's INTERNALDATE, or for files the time it was written. */
export function arrivedAt(row: { received_at: string | null }, written: Date): Date {
  return row.received_at ? new Date(row.received_at) : written;
}

/** `arrivedAt` for a stored message, from its own columns. */
export function arrivalOf(row: { received_at: string | null; date: string | null; stored_at: string }): Date {
  return arrivedAt(row, writtenAt(row.date === null ? null : new Date(row.date), new Date(row.stored_at)));
}
