// /healthz turns unhealthy when an account's IMAP connection has been failing for a minute (refused,
// login refused), with the reason, instead of waiting until the last sync is 15 minutes old; a failure
// shorter than that (a server restart, one reconnect) does not flap it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfigText, type Config } from '../../src/config/load.ts';
import { health } from '../../src/daemon/http.ts';
import { IdleWatcher, type ConnectionFailure } from '../../src/daemon/idle.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { recordAccountSync } from '../../src/store/mailboxes.ts';
import { waitFor } from '../support/harness.ts';
import { freePort } from '../support/ports.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-health-'));
  vi.stubEnv('KOTAE_HEALTH_IMAP_PASSWORD', 'secret');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function configFor(imapPort: number): Config {
  return parseConfigText(
    [
      'dataDir: ./data',
      'accounts:',
      '  - id: jp',
      '    marketplace: JP',
      '    address: shop@example.com',
      '    approvers: [owner@example.com]',
      `    imap: { host: 127.0.0.1, port: ${imapPort}, secure: false, user: shop@example.com, passwordEnv: KOTAE_HEALTH_IMAP_PASSWORD }`,
      '    outboxDir: ./outbox',
      '',
    ].join('\n'),
    join(dir, 'kotae.config.yaml'),
  );
}

/** An IMAP server that greets, then refuses every login, as a server does after a password change. */
async function refusingImapServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket: Socket) => {
    socket.write('* OK [CAPABILITY IMAP4rev1] ready\r\n');
    let buffered = '';
    socket.on('data', (data) => {
      buffered += data.toString('latin1');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const [tag, command] = buffered.slice(0, end).split(' ');
        buffered = buffered.slice(end + 2);
        const verb = command?.toUpperCase();
        if (verb === 'CAPABILITY') socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
        else if (verb === 'LOGIN') socket.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`);
        else if (verb === 'LOGOUT') socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} BAD unknown\r\n`);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('the IDLE watcher as witness of a failing IMAP server', () => {
  it('reports a refused connection, keeping the time the outage began across reconnects', async () => {
    const watcher = new IdleWatcher(configFor(await freePort()).accounts[0]!, () => undefined, silentLogger, systemClock);
    try {
      watcher.start();
      const first = await waitFor('the first failure', () => watcher.failure, 10_000, 20);
      expect(first.reason).toMatch(/^IMAP 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
      // Reconnects fail too (the first retries come within a second or two): the outage is one.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(watcher.failure?.since).toEqual(first.since);
    } finally {
      await watcher.stop();
    }
  });

  it('reports a login the server refuses, in words a person understands', async () => {
    const { server, port } = await refusingImapServer();
    const watcher = new IdleWatcher(configFor(port).accounts[0]!, () => undefined, silentLogger, systemClock);
    try {
      watcher.start();
      const failure = await waitFor('the login failure', () => watcher.failure, 10_000, 20);
      expect(failure.reason).toBe(`IMAP 127.0.0.1:${port}: the IMAP server refused the login (Authentication failed.)`);
    } finally {
      await watcher.stop();
      server.close();
    }
  });
});

describe('/healthz', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(join(dir, 'data'));
  });
  afterEach(async () => {
    await store.close();
  });

  const now = new Date('2026-11-23T09:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const failing = (since: Date): ConnectionFailure => ({ since, reason: 'IMAP 127.0.0.1:993: connect ECONNREFUSED 127.0.0.1:993 (ECONNREFUSED)' });

  it('turns unhealthy once the connection has failed for a minute, with the reason, though the last sync is recent', async () => {
    const config = configFor(993);
    await recordAccountSync(store.db, 'jp', ago(2 * 60_000), null);
    const h = await health(store.db, config, now, () => failing(ago(60_000)));
    expect(h.ok).toBe(false);
    expect(h.accounts).toEqual([
      expect.objectContaining({ id: 'jp', ok: false, reason: 'IMAP connection failing since 2026-11-23T08:59:00.000Z: IMAP 127.0.0.1:993: connect ECONNREFUSED 127.0.0.1:993 (ECONNREFUSED)' }),
    ]);
  });

  it('stays healthy through a failure shorter than a minute (one reconnect), and without one', async () => {
    const config = configFor(993);
    await recordAccountSync(store.db, 'jp', ago(2 * 60_000), null);
    expect(await health(store.db, config, now, () => failing(ago(45_000)))).toMatchObject({ ok: true, accounts: [{ ok: true, reason: null }] });
    expect(await health(store.db, config, now, () => null)).toMatchObject({ ok: true, accounts: [{ ok: true, reason: null }] });
  });

  it('says why when the last sync is too old or there was none', async () => {
    const config = configFor(993);
    expect(await health(store.db, config, now, () => null)).toMatchObject({ ok: false, accounts: [{ ok: false, reason: 'not synced yet' }] });
    await recordAccountSync(store.db, 'jp', ago(16 * 60_000), null);
    expect(await health(store.db, config, now, () => null)).toMatchObject({ ok: false, accounts: [{ ok: false, reason: 'last synced 16 minutes ago (http.maxSyncAgeMinutes: 15)' }] });
  });
});
