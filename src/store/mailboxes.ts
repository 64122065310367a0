// IMAP sync positions (per account and mailbox: UIDVALIDITY and the highest UID stored) and how each
// account's last sync went.
import type { Db } from './index.ts';
import type { AccountStateRow, MailboxStateRow } from './schema.ts';

export async function listMailboxStates(db: Db, accountId: string): Promise<MailboxStateRow[]> {
  return db.selectFrom('mailbox_state').selectAll().where('account_id', '=', accountId).orderBy('mailbox').execute();
}

/** Record that every UID up to `lastUid` under `uidValidity` is stored. Same transaction as the messages. */
export async function advanceMailbox(db: Db, accountId: string, mailbox: string, uidValidity: string, lastUid: number, now: Date): Promise<void> {
  await db
    .insertInto('mailbox_state')
    .values({ account_id: accountId, mailbox, uid_validity: uidValidity, last_uid: lastUid, updated_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['account_id', 'mailbox']).doUpdateSet({ uid_validity: uidValidity, last_uid: lastUid, updated_at: now.toISOString() }))
    .execute();
}

export async function rememberUids(db: Db, accountId: string, mailbox: string, uidValidity: string, uids: { uid: number; messageId: number }[]): Promise<void> {
  if (uids.length === 0) return;
  await db
    .insertInto('mailbox_uids')
    .values(uids.map((u) => ({ account_id: accountId, mailbox, uid_validity: uidValidity, uid: u.uid, message_id: u.messageId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A finished sync (error null) or a failed one. A failure keeps the time of the last good sync. */
export async function recordAccountSync(db: Db, accountId: string, at: Date, error: string | null): Promise<void> {
  const values =
    error === null ? { last_sync_at: at.toISOString(), last_error: null, last_error_at: null } : { last_error: error.slice(0, 500), last_error_at: at.toISOString() };
  await db
    .insertInto('account_state')
    .values({ account_id: accountId, last_sync_at: null, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}

export async function listAccountStates(db: Db): Promise<AccountStateRow[]> {
  return db.selectFrom('account_state').selectAll().orderBy('account_id').execute();
}
