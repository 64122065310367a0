// Where mail comes from. A source yields raw messages in batches, oldest first, each batch with the
// position to record once its messages are stored; storing and recording in one transaction is what
// lets a sync resume exactly where it stopped after a crash.

export interface SourceMessage {
  bytes: Buffer;
  /** Human-readable origin: `imap:INBOX#123`, `file:/path/a.eml`, `mbox:/path/box#12`. */
  origin: string;
  /** The IMAP UID, for sources that have them. */
  uid?: number;
  /** When the server received it (IMAP INTERNALDATE), for sources that know. */
  receivedAt?: Date;
}

/** An IMAP mailbox's sync position: everything up to lastUid under uidValidity is stored. */
export interface MailboxPosition {
  uidValidity: string;
  lastUid: number;
  /** Stored UIDs whose configured change on the server (markSeen, moveTo) is not done yet: done first. */
  pendingChanges?: number[];
}

export interface SourceBatch {
  /** The mailbox the batch came from (`INBOX`), or the path for local sources. */
  mailbox: string;
  messages: SourceMessage[];
  /** For IMAP: the position to record after storing this batch. */
  position?: MailboxPosition;
  /** True when the server's UIDVALIDITY differs from the recorded one: the batch restarts from UID 1. */
  resync?: boolean;
  /** The source changes these messages on the server (markSeen, moveTo) once they are stored. */
  changesAfterStore?: boolean;
}

/** Told by a source when the changes it made to stored messages on the server are done. */
export type ChangesDone = (mailbox: string, uidValidity: string, uids: number[]) => Promise<void>;

export interface MailSource {
  readonly label: string;
  /** New mail since the recorded positions (by mailbox name), in batches. */
  batches(positions: ReadonlyMap<string, MailboxPosition>, changesDone?: ChangesDone): AsyncIterable<SourceBatch>;
  close(): Promise<void>;
}
