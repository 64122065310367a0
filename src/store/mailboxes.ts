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

/** Map stored messages to their UIDs; `changePending`: the source will change them on the server (markSeen, moveTo). */
export async function rememberUids(db: Db, accountId: string, mailbox: string, uidValidity: string, uids: { uid: number; messageId: number }[], changePending = false): Promise<void> {
  if (uids.length === 0) return;
  await db
    .insertInto('mailbox_uids')
    .values(uids.map((u) => ({ account_id: accountId, mailbox, uid_validity: uidValidity, uid: u.uid, message_id: u.messageId, change_pending: changePending ? 1 : 0 })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Per mailbox, the stored UIDs (under its current UIDVALIDITY) whose change on the server is not done yet. */
export async function listPendingChanges(db: Db, accountId: string): Promise<Map<string, number[]>> {
  const rows = await db
    .selectFrom('mailbox_uids as u')
    .innerJoin('mailbox_state as s', (join) => join.onRef('s.account_id', '=', 'u.account_id').onRef('s.mailbox', '=', 'u.mailbox').onRef('s.uid_validity', '=', 'u.uid_validity'))
    .select(['u.mailbox', 'u.uid'])
    .where('u.account_id', '=', accountId)
    .where('u.change_pending', '=', 1)
    .orderBy('u.mailbox')
    .orderBy('u.uid')
    .execute();
  const pending = new Map<string, number[]>();
  for (const row of rows) {
    if (!pending.has(row.mailbox)) pending.set(row.mailbox, []);
    pending.get(row.mailbox)!.push(row.uid);
  }
  return pending;
}

/** The changes to these messages on the server are done. */
export async function recordChangesDone(db: Db, accountId: string, mailbox: string, uidValidity: string, uids: number[]): Promise<void> {
  if (uids.length === 0) return;
  await db
    .updateTable('mailbox_uids')
    .set({ change_pending: 0 })
    .where('account_id', '=', accountId)
    .where('mailbox', '=', mailbox)
    .where('uid_validity', '=', uidValidity)
    .where('uid', 'in', uids)
    .execute();
}

/** A new UIDVALIDITY: the old UIDs name nothing on the server any more, so their changes cannot be made. */
export async function dropStaleChanges(db: Db, accountId: string, mailbox: string, uidValidity: string): Promise<void> {
  await db
    .updateTable('mailbox_uids')
    .set({ change_pending: 0 })
    .where('account_id', '=', accountId)
    .where('mailbox', '=', mailbox)
    .where('uid_validity', '!=', uidValidity)
    .where('change_pending', '=', 1)
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
