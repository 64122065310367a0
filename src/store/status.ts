// What `kotae status` reports: counts from the store and how each account's last sync went.
import type { Db } from './index.ts';
import { countCases } from './cases.ts';
import { countDrafts } from './drafts.ts';
import { countOutbox } from './outbox.ts';
import { listAccountStates } from './mailboxes.ts';
import { countMessages } from './messages.ts';

export interface StatusReport {
  messages: number;
  pending: number;
  quarantined: number;
  cases: { open: number; overdue: number };
  drafts: { waiting: number };
  outbox: { pending: number; sent: number; failed: number };
  accounts: { id: string; lastSyncAt: string | null; lastError: string | null }[];
}

export async function readStatus(db: Db, accountIds: string[], now: Date): Promise<StatusReport> {
  const counts = await countMessages(db);
  const states = new Map((await listAccountStates(db)).map((s) => [s.account_id, s]));
  const known = accountIds.length
    ? accountIds
    : (await db.selectFrom('messages').select('account_id').distinct().orderBy('account_id').execute()).map((r) => r.account_id);
  return {
    messages: counts.total,
    pending: counts.pending,
    quarantined: counts.quarantined,
    cases: await countCases(db, now),
    drafts: await countDrafts(db),
    outbox: await countOutbox(db),
    accounts: known.map((id) => ({ id, lastSyncAt: states.get(id)?.last_sync_at ?? null, lastError: states.get(id)?.last_error ?? null })),
  };
}
