// The store's tables, as kysely sees them. Times are ISO-8601 UTC strings; booleans are 0/1;
// JSON columns hold arrays/objects as text. Comments say what a row means to the seller.
import type { Generated, Selectable, Updateable } from 'kysely';
import type { Kind, Language } from '../understand/kinds.ts';

/** One email, stored once per account however many times it was seen (see dedupKey). */
export interface MessagesTable {
  id: Generated<number>;
  account_id: string;
  /** sha256(Message-ID or synthetic identity + normalised body): the same mail from two sources or two syncs. */
  dedup_key: string;
  /** sha256 of the raw bytes as first received. */
  sha256: string;
  /** The Message-ID header, or `<…@kotae.invalid>` synthesised from the content when the header is missing. */
  message_id: string;
  message_id_synthetic: number;
  /** 'in' for mail received, 'out' for mail kotae sent (its own copy). */
  direction: 'in' | 'out';
  size: number;
  /** Where it was first seen: `imap:INBOX`, `file:/path/a.eml`, `mbox:/path/box#12`. */
  origin: string;
  stored_at: string;
  /** When the mail reached the mailbox (IMAP INTERNALDATE); null for files, whose Date header stands in. */
  received_at: string | null;
  /** pending → processed; after 3 failed tries: quarantined (kept, listed, re-runnable). */
  state: 'pending' | 'processed' | 'quarantined';
  tries: number;
  last_error: string | null;
  processed_at: string | null;
  // Filled by parsing:
  date: string | null;
  subject: string | null;
  from_address: string | null;
  from_name: string | null;
  to_addresses: string | null;
  cc_addresses: string | null;
  reply_to: string | null;
  in_reply_to: string | null;
  references_ids: string | null;
  text_body: string | null;
  /** The HTML part of an HTML-only message (the raw bytes hold every HTML part). */
  html_body: string | null;
  /** The headers the rest of kotae reads (auto-reply signals, Authentication-Results, List-*), as JSON. */
  headers_json: string | null;
  // Filled by understanding (002):
  kind: Kind | null;
  case_id: number | null;
  /** The Classification (without its text), as JSON. */
  classification_json: string | null;
  /** The buyer's (or Amazon's) own words, without wrappers and quoted history. */
  buyer_text: string | null;
  /** none: nothing to answer; pending: the respond step should look at it; done. */
  respond_state: Generated<'none' | 'pending' | 'done'>;
  /** The process analysing this pending message (host:pid:random), and since when (007); null when none. */
  claimed_by: string | null;
  claimed_at: string | null;
}

/** The bytes of each message, exactly as received, kept apart so scans of messages never read them. */
export interface MessageRawTable {
  message_id: number;
  bytes: Buffer;
}

export interface AttachmentsTable {
  id: Generated<number>;
  message_id: number;
  position: number;
  filename: string | null;
  content_type: string;
  disposition: string | null;
  content_id: string | null;
  size: number;
  sha256: string;
}

/** Where the IMAP sync of one mailbox stands. */
export interface MailboxStateTable {
  account_id: string;
  mailbox: string;
  uid_validity: string;
  /** The highest UID whose message is stored: the next sync fetches UIDs above it. */
  last_uid: number;
  updated_at: string;
}

/** How each configured account's last sync went (status, /healthz). */
export interface AccountStateTable {
  account_id: string;
  last_sync_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

/** Which stored message each IMAP UID is (per UIDVALIDITY). */
export interface MailboxUidsTable {
  account_id: string;
  mailbox: string;
  uid_validity: string;
  uid: number;
  message_id: number;
  /** 1 while the configured change (markSeen, moveTo) to this message on the server is not done yet. */
  change_pending: Generated<number>;
}

export type CaseKind = 'order' | 'buyer' | 'support' | 'notice';
export type CaseStatus = 'open' | 'awaiting_seller' | 'awaiting_amazon' | 'awaiting_buyer' | 'resolved';

/** A conversation as the seller thinks of it: an order's messages, a Seller Support case, a notice. */
export interface CasesTable {
  id: Generated<number>;
  account_id: string;
  /** order: everything about one order; buyer: a buyer without an order ID; support: a Seller Support case; notice: an account-health notice. */
  kind: CaseKind;
  marketplace: string | null;
  order_id: string | null;
  support_case_id: string | null;
  /** The buyer's relay address: one per buyer and seller, it links messages without an order ID. */
  buyer_alias: string | null;
  buyer_name: string | null;
  language: Language | null;
  subject: string | null;
  status: CaseStatus;
  /** When the seller must have answered (24 h after a buyer's message), or null. */
  reply_by: string | null;
  opened_at: string;
  updated_at: string;
  last_inbound_at: string | null;
  last_outbound_at: string | null;
  /** Answers received from Seller Support on this case (the ladder reads it). */
  amazon_answers: Generated<number>;
  previous_support_case_id: string | null;
}

export type CaseEventType =
  | 'message_in'
  | 'message_out'
  | 'seller_replied_elsewhere'
  | 'draft'
  | 'approval_requested'
  | 'approved'
  | 'rejected'
  | 'edited'
  | 'blocked'
  | 'sent'
  | 'send_failed'
  | 'reminder'
  | 'status'
  | 'note';

/** The case timeline: append-only; each event's hash chains the one before it (tamper evidence). */
export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  type: CaseEventType;
  /** Who acted: buyer, amazon, seller, approver, kotae. */
  actor: 'buyer' | 'amazon' | 'seller' | 'approver' | 'kotae';
  message_id: number | null;
  draft_id: number | null;
  summary: string;
  data_json: string | null;
  hash: string;
}

export type DraftState =
  /** Waiting for an approver (an approval mail is due or out). */
  | 'awaiting_approval'
  /** Approved (or automatic): to be queued for sending. */
  | 'approved'
  | 'queued'
  | 'sent'
  | 'rejected'
  /** A newer message or revision replaced it, or the seller answered elsewhere. */
  | 'superseded'
  /** The approvers were told; they act themselves (claims, notices, new Seller Support cases). */
  | 'notify'
  /** Sending failed permanently; the approvers were told why. */
  | 'failed'
  /** Approved for Seller Support: the seller posts it in the Case Log and says so (outbox/case-log.ts). */
  | 'awaiting_post';

/** A reply kotae prepared. Each revision (an approver's edit) is a new row; the old one is superseded. */
export interface DraftsTable {
  id: Generated<number>;
  account_id: string;
  case_id: number;
  /** The message it answers. */
  message_id: number;
  /** The playbook entry that chose it. */
  play: string;
  template: string | null;
  language: Language;
  /** buyer: the policy guard applies; amazon: Seller Support. */
  audience: 'buyer' | 'amazon';
  mode: 'approval' | 'auto' | 'notify';
  revision: number;
  subject: string;
  body: string;
  to_address: string | null;
  guard_ok: number;
  violations_json: string | null;
  note: string | null;
  state: DraftState;
  approval_requested_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One approval token per draft revision and approver; only its hash is stored. */
export interface ApprovalTokensTable {
  token_hash: string;
  draft_id: number;
  revision: number;
  approver: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** One message to send. Its bytes and Message-ID are fixed when queued, so a resend is the same mail. */
export interface OutboxTable {
  id: Generated<number>;
  account_id: string;
  /** reply: to a buyer or Seller Support; approval, notice, feedback, reminder, digest: to approvers. */
  purpose: 'reply' | 'approval' | 'notice' | 'feedback' | 'reminder' | 'digest';
  case_id: number | null;
  draft_id: number | null;
  from_address: string;
  to_json: string;
  subject: string;
  message_id: string;
  raw: Buffer;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  smtp_response: string | null;
  created_at: string;
  sending_at: string | null;
  sent_at: string | null;
  /** Whether the Sent folder holds a copy: pending, provider (it filed one), appended (kotae did), none. */
  sent_copy: 'pending' | 'provider' | 'appended' | 'none';
  /** The process sending it while `sending` (processes.id); a row is taken for a crash only when its owner is gone. */
  owner: string | null;
  /** The same mail twice is refused by this key (a reply per draft, an approval mail per revision and approver, …). */
  once_key: string | null;
}

/** A kotae process writing to this store: in-flight work names it, and it says it is alive. */
export interface ProcessesTable {
  /** `host:pid:random`, new at every start. */
  id: string;
  host: string;
  pid: number;
  /** daemon, once, import, approve, … */
  role: string;
  started_at: string;
  /** Refreshed every few seconds while the process runs. */
  seen_at: string;
}

/** Which process syncs an account's mailbox: one at a time. */
export interface SyncHoldersTable {
  account_id: string;
  owner: string;
  since: string;
}

export interface Database {
  messages: MessagesTable;
  message_raw: MessageRawTable;
  attachments: AttachmentsTable;
  mailbox_state: MailboxStateTable;
  mailbox_uids: MailboxUidsTable;
  account_state: AccountStateTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  drafts: DraftsTable;
  approval_tokens: ApprovalTokensTable;
  outbox: OutboxTable;
  processes: ProcessesTable;
  sync_holders: SyncHoldersTable;
}

export type MessageRow = Selectable<MessagesTable>;
export type MessageUpdate = Updateable<MessagesTable>;
export type MailboxStateRow = Selectable<MailboxStateTable>;
export type AccountStateRow = Selectable<AccountStateTable>;
export type CaseRow = Selectable<CasesTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
export type DraftRow = Selectable<DraftsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type ApprovalTokenRow = Selectable<ApprovalTokensTable>;
