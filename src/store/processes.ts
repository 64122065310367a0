// Who works on this store. Every kotae process that writes registers itself and keeps `seen_at`
// fresh; work in flight (an outbox row being sent, a mailbox being synced) names its owner, and is
// taken over as a crash's leftover only when that owner is gone: its process no longer runs on this
// host, or it has not been seen for LEASE_MS. A live process's work is never taken (docs/design.md).
// Liveness uses the wall clock, never the context's clock, which tests and the demo pin.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from './index.ts';
import type { ProcessesTable } from './schema.ts';

/** A process not seen for this long is gone (a heartbeat every HEARTBEAT_MS keeps a live one fresh). */
export const LEASE_MS = 60_000;
export const HEARTBEAT_MS = 15_000;

export interface ProcessIdentity {
  id: string;
  host: string;
  pid: number;
}

/** This process, once: every claim it makes names it. */
export const self: ProcessIdentity = (() => {
  const host = hostname();
  return { id: `${host}:${process.pid}:${randomBytes(4).toString('hex')}`, host, pid: process.pid };
})();

export function parseOwner(owner: string): { host: string; pid: number } | null {
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(owner);
  return m ? { host: m[1]!, pid: Number(m[2]) } : null;
}

export type ProcessRow = ProcessesTable;

/**
 * Say that this process works on the store. With `alone`, only if no other live process has the same
 * role (one daemon per SQLite store): returns that other process instead, and registers nothing.
 */
export async function registerProcess(db: Db, role: string, options: { alone?: boolean; now?: Date } = {}): Promise<ProcessRow | null> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (options.alone) {
      const [other] = await liveProcesses(trx, { role, now });
      if (other) return other;
    }
    await trx
      .insertInto('processes')
      .values({ id: self.id, host: self.host, pid: self.pid, role, started_at: at, seen_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ role, seen_at: at }))
      .execute();
    // Forget processes long gone, so the table stays a handful of rows.
    await trx.deleteFrom('processes').where('seen_at', '<', new Date(now.getTime() - 24 * 3_600_000).toISOString()).execute();
    return null;
  });
}

/** Register, and keep this process seen until the returned stop() (which unregisters it). */
export async function startPresence(db: Db, role: string, options: { alone?: boolean; onError?: (err: unknown) => void } = {}): Promise<{ other: ProcessRow | null; stop: () => Promise<void> }> {
  const other = await registerProcess(db, role, options);
  if (other) return { other, stop: async () => {} };
  const timer = setInterval(() => {
    markSeen(db).catch((err: unknown) => options.onError?.(err));
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    other: null,
    stop: async () => {
      clearInterval(timer);
      await unregisterProcess(db);
    },
  };
}

export async function markSeen(db: Db, now = new Date()): Promise<void> {
  await db.updateTable('processes').set({ seen_at: now.toISOString() }).where('id', '=', self.id).execute();
}

export async function unregisterProcess(db: Db): Promise<void> {
  await db.deleteFrom('processes').where('id', '=', self.id).execute();
  await db.deleteFrom('sync_holders').where('owner', '=', self.id).execute();
}

/** Processes seen within the lease, other than this one, with `role` when given. */
export async function liveProcesses(db: Db, options: { role?: string; now?: Date } = {}): Promise<ProcessRow[]> {
  const since = new Date((options.now ?? new Date()).getTime() - LEASE_MS).toISOString();
  let q = db.selectFrom('processes').selectAll().where('seen_at', '>=', since).where('id', '!=', self.id);
  if (options.role) q = q.where('role', '=', options.role);
  const rows = await q.orderBy('started_at').execute();
  return rows.filter((r) => !diedHere(r));
}

/** Whether the owner of in-flight work is gone, so that its work may be taken over. */
export async function ownerGone(db: Db, owner: string | null, now = new Date()): Promise<boolean> {
  // Rows written before owners were recorded (an older kotae that crashed) have none.
  if (owner === null) return true;
  if (owner === self.id) return false;
  const parsed = parseOwner(owner);
  // On this host the process table answers at once: a SIGKILLed `kotae once` is gone the moment it dies.
  if (parsed && diedHere(parsed)) return true;
  const row = await db.selectFrom('processes').select('seen_at').where('id', '=', owner).executeTakeFirst();
  return !row || new Date(row.seen_at).getTime() < now.getTime() - LEASE_MS;
}

/** Registered processes of this host whose pid runs no more: gone, however fresh their `seen_at`. */
export async function goneOnThisHost(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('processes').select(['id', 'host', 'pid']).where('host', '=', self.host).where('id', '!=', self.id).execute();
  return rows.filter(diedHere).map((r) => r.id);
}

/** A process of this host whose pid runs no more: the process table answers at once, whatever the store says. */
function diedHere(p: { host: string; pid: number }): boolean {
  return p.host === self.host && !pidRuns(p.pid);
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the sync of an account's mailbox, or keep it. False when another live process holds it: that
 * process syncs, this one does the rest of its cycle. The take is one conditional upsert: it replaces
 * only the holder this process found gone (or itself), so of two daemons that both found the holder
 * dead, one takes the mailbox and the other finds it held.
 */
export async function holdSync(db: Db, accountId: string, now = new Date()): Promise<boolean> {
  const holder = await db.selectFrom('sync_holders').select('owner').where('account_id', '=', accountId).executeTakeFirst();
  if (holder && holder.owner !== self.id && !(await ownerGone(db, holder.owner, now))) return false;
  const replaceable = holder ? [self.id, holder.owner] : [self.id];
  const taken = await db
    .insertInto('sync_holders')
    .values({ account_id: accountId, owner: self.id, since: now.toISOString() })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet({ owner: self.id, since: (eb) => eb.case().when('sync_holders.owner', '=', self.id).then(eb.ref('sync_holders.since')).else(now.toISOString()).end() })
        .where('sync_holders.owner', 'in', replaceable),
    )
    .returning('owner')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Which process holds each account's sync (for /healthz and status). */
export async function syncHolders(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('sync_holders').selectAll().execute();
  return new Map(rows.map((r) => [r.account_id, r.owner]));
}
