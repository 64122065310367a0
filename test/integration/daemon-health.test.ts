// `kotae run` against a real Dovecot that goes away: /healthz stays healthy through a restart (one
// reconnect), and turns unhealthy, with the reason, within a minute of an outage, not when the last
// sync is 15 minutes old.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKotae } from '../support/child.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { PASSWORD_ENV, waitFor } from '../support/harness.ts';
import { freePort } from '../support/ports.ts';
import { makeTestDir } from '../support/tmp.ts';

interface Health {
  ok: boolean;
  accounts: { id: string; ok: boolean; reason: string | null }[];
}

describe.skipIf(skipWithoutDovecot())('kotae run: /healthz when the IMAP server fails', () => {
  let dovecot: Dovecot;
  let dir: string;

  beforeAll(async () => {
    dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
    dir = makeTestDir('kotae-health-');
  });

  afterAll(async () => {
    await dovecot?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stays healthy through a restart, and reports an outage with its reason within a minute', { timeout: 180_000 }, async () => {
    const http = await freePort();
    const config = join(dir, 'kotae.config.yaml');
    writeFileSync(
      config,
      [
        'dataDir: ./data',
        'schedule: { poll: "*/5 * * * * *", sla: "*/10 * * * *", digest: "0 8 * * *" }',
        `http: { host: 127.0.0.1, port: ${http} }`,
        'accounts:',
        '  - id: jp',
        '    marketplace: JP',
        '    address: shop@example.com',
        '    approvers: [owner@example.com]',
        `    imap: { host: 127.0.0.1, port: ${dovecot.port}, secure: false, user: shop@example.com, passwordEnv: ${PASSWORD_ENV} }`,
        '    outboxDir: ./outbox',
        '',
      ].join('\n'),
    );
    const run = startKotae(['run'], { cwd: dir, env: { KOTAE_CONFIG: config, [PASSWORD_ENV]: 'secret' }, timeoutMs: 170_000 });
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${http}/healthz`);
      return { status: res.status, body: (await res.json()) as Health };
    };
    try {
      await waitFor('a healthy daemon', async () => (await healthz().catch(() => null))?.status === 200, 20_000, 100);

      // A crash and a restart: the IDLE connection drops and comes back; health never wavers.
      await dovecot.crashRestart();
      for (let i = 0; i < 20; i++) {
        expect((await healthz()).body).toMatchObject({ ok: true });
        await new Promise((r) => setTimeout(r, 250));
      }

      // An outage: healthy for the first minute, then 503 with the reason, long before 15 minutes.
      const down = Date.now();
      await dovecot.stopProcess();
      const unhealthy = await waitFor('/healthz to report the outage', async () => {
        const h = await healthz();
        return h.status === 503 ? { ...h, after: Date.now() - down } : null;
      }, 90_000, 500);
      expect(unhealthy.after).toBeGreaterThanOrEqual(55_000);
      expect(unhealthy.after).toBeLessThanOrEqual(75_000);
      expect(unhealthy.body).toMatchObject({ ok: false, accounts: [{ id: 'jp', ok: false }] });
      expect(unhealthy.body.accounts[0]!.reason).toMatch(/^IMAP connection failing since \S+: IMAP 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    } finally {
      await dovecot.startProcess();
      run.child.kill('SIGTERM');
    }
    const result = await run.done;
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
  });
});
