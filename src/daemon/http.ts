// /healthz (ok only when every IMAP account synced recently and its connection is not failing) and
// /metrics (Prometheus), on one small HTTP server. Nothing else is served.
import { refusedReplies } from '../store/outbox.ts';
import { createServer, type Server } from 'node:http';
import type { Config } from '../config/load.ts';
import type { Clock } from '../shared/clock.ts';
import { KotaeError, errorMessage } from '../shared/errors.ts';
import type { Db } from '../store/index.ts';
import { listAccountStates } from '../store/mailboxes.ts';
import { self, syncHolders } from '../store/processes.ts';
import type { ConnectionFailure } from './idle.ts';
import type { Metrics } from './metrics.ts';

/**
 * How long an IMAP connection may fail before /healthz says so: a server restart or a dropped
 * connection is over within one reconnect, and should not page anyone.
 */
const CONNECTION_GRACE_MS = 60_000;

export interface Health {
  ok: boolean;
  /** This process (processes.id), and the accounts whose mailbox it syncs: several daemons may share a PostgreSQL store. */
  process: string;
  holds: string[];
  /** syncedBy: the process that syncs the account's mailbox, null before any has. */
  accounts: { id: string; lastSyncAt: string | null; lastError: string | null; ok: boolean; reason: string | null; syncedBy: string | null }[];
  /** Replies the mail server refused for good in the last 24 hours (each makes /healthz unhealthy). */
  refusedReplies: { caseId: number | null; to: string; error: string | null; at: string }[];
}

/** The account's current IMAP connection failure, if any (the daemon's IDLE watchers know). */
export type ConnectionState = (accountId: string) => ConnectionFailure | null;

export async function health(db: Db, config: Config, now: Date, connection: ConnectionState): Promise<Health> {
  const states = new Map((await listAccountStates(db)).map((s) => [s.account_id, s]));
  const holders = await syncHolders(db);
  const accounts = config.accounts
    .filter((a) => a.imap)
    .map((a) => {
      const s = states.get(a.id);
      const last = s?.last_sync_at ?? null;
      const reason = unhealthyBecause(last, connection(a.id), now, config.http.maxSyncAgeMinutes);
      return { id: a.id, lastSyncAt: last, lastError: s?.last_error ?? null, ok: reason === null, reason, syncedBy: holders.get(a.id) ?? null };
    });
  // A reply refused for good in the last day: the buyer is waiting and only a person can answer.
  const refused = await refusedReplies(db, new Date(now.getTime() - 24 * 3_600_000));
  const holds = accounts.filter((a) => a.syncedBy === self.id).map((a) => a.id);
  return { ok: accounts.every((a) => a.ok) && refused.length === 0, process: self.id, holds, accounts, refusedReplies: refused.map((r) => ({ caseId: r.caseId, to: r.to, error: r.error, at: r.at })) };
}

function unhealthyBecause(lastSyncAt: string | null, failure: ConnectionFailure | null, now: Date, maxSyncAgeMinutes: number): string | null {
  if (failure && now.getTime() - failure.since.getTime() >= CONNECTION_GRACE_MS) return `IMAP connection failing since ${failure.since.toISOString()}: ${failure.reason}`;
  if (lastSyncAt === null) return 'not synced yet';
  const minutes = (now.getTime() - new Date(lastSyncAt).getTime()) / 60_000;
  if (minutes > maxSyncAgeMinutes) return `last synced ${Math.floor(minutes)} minutes ago (http.maxSyncAgeMinutes: ${maxSyncAgeMinutes})`;
  return null;
}

export function startHttp(config: Config, db: Db, clock: Clock, metrics: Metrics, connection: ConnectionState): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/healthz') {
        const h = await health(db, config, clock.now(), connection);
        res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(h));
      } else if (req.url === '/metrics') {
        await metrics.refreshFromStore(db);
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
      }
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`error: ${errorMessage(err)}\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, config)));
    server.listen(config.http.port, config.http.host, () => resolve(server));
  });
}

/** A port that cannot be had is the seller's setting to change, not a bug. */
function listenError(err: NodeJS.ErrnoException, config: Config): KotaeError {
  const { host, port } = config.http;
  const file = config.file ?? 'kotae.config.yaml';
  if (err.code === 'EADDRINUSE') {
    return new KotaeError(`port ${port} on ${host} is in use (another program listens on it): set http.port in ${file} to a free port or stop the other program`, {
      hint: `\`ss -ltnp 'sport = :${port}'\` shows which program holds it.`,
      cause: err,
    });
  }
  return new KotaeError(`cannot serve /healthz on ${host} port ${port} (${err.code ?? errorMessage(err)})`, {
    hint: `Set http.host and http.port in ${file} to an address of this machine and a port this user may open (1024 or above).`,
    cause: err,
  });
}
