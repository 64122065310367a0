// /healthz (ok only when every IMAP account synced recently) and /metrics (Prometheus), on one small
// HTTP server. Nothing else is served.
import { createServer, type Server } from 'node:http';
import type { Config } from '../config/load.ts';
import type { Clock } from '../shared/clock.ts';
import { errorMessage } from '../shared/errors.ts';
import type { Db } from '../store/index.ts';
import { listAccountStates } from '../store/mailboxes.ts';
import type { Metrics } from './metrics.ts';

export interface Health {
  ok: boolean;
  accounts: { id: string; lastSyncAt: string | null; lastError: string | null; ok: boolean }[];
}

export async function health(db: Db, config: Config, now: Date): Promise<Health> {
  const states = new Map((await listAccountStates(db)).map((s) => [s.account_id, s]));
  const limit = now.getTime() - config.http.maxSyncAgeMinutes * 60_000;
  const accounts = config.accounts
    .filter((a) => a.imap)
    .map((a) => {
      const s = states.get(a.id);
      const last = s?.last_sync_at ?? null;
      return { id: a.id, lastSyncAt: last, lastError: s?.last_error ?? null, ok: last !== null && new Date(last).getTime() >= limit };
    });
  return { ok: accounts.every((a) => a.ok), accounts };
}

export function startHttp(config: Config, db: Db, clock: Clock, metrics: Metrics): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/healthz') {
        const h = await health(db, config, clock.now());
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
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve(server));
  });
}
