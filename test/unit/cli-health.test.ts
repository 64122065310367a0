// `kotae health`, the Docker HEALTHCHECK: it asks /healthz at the configuration's http.host and
// http.port (a real HTTP server on loopback stands for the daemon), and says why when unhealthy. A
// configuration path that Docker turned into a folder gets an error that says how to recover.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthUrl } from '../../src/cli/commands/health.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { freePort } from '../support/ports.ts';
import { makeTestDir } from '../support/tmp.ts';

let dir: string;
let server: Server;
let port: number;
let answer: { status: number; body: string };

beforeAll(async () => {
  dir = makeTestDir('kotae-health-cmd-');
  server = createServer((req, res) => {
    if (req.url !== '/healthz') return void res.writeHead(404).end();
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function health(httpPort: number, host?: string) {
  const config = join(dir, `kotae-${httpPort}.config.yaml`);
  writeFileSync(config, `dataDir: ./data\nhttp: { ${host ? `host: "${host}", ` : ''}port: ${httpPort} }\n`);
  const io = bufferIo({}, dir);
  const code = await main(['health', '--config', config], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('kotae health', () => {
  it('exits 0 when the daemon on the configured port answers healthy', async () => {
    answer = { status: 200, body: JSON.stringify({ ok: true, accounts: [{ id: 'jp', ok: true, reason: null }], refusedReplies: [] }) };
    const r = await health(port);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`healthy: http://127.0.0.1:${port}/healthz answered 200`);
  });

  it('exits 1 when unhealthy, with each account and refused reply that makes it so', async () => {
    answer = {
      status: 503,
      body: JSON.stringify({
        ok: false,
        accounts: [
          { id: 'jp', ok: false, reason: 'not synced yet' },
          { id: 'us', ok: true, reason: null },
        ],
        refusedReplies: [{ caseId: 7, to: 'buyer@marketplace.amazon.co.jp', error: '550 mailbox unavailable', at: '2026-11-23T00:00:00Z' }],
      }),
    };
    const r = await health(port);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      `kotae health: unhealthy: http://127.0.0.1:${port}/healthz answered 503`,
      '  account jp: not synced yet',
      '  reply to buyer@marketplace.amazon.co.jp (case 7) refused by the mail server: 550 mailbox unavailable',
    ]);
  });

  it('exits 1 when nothing listens on the configured port, naming the port and the file', async () => {
    const closed = await freePort();
    const r = await health(closed);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no answer from http://127.0.0.1:${closed}/healthz (ECONNREFUSED)`);
    expect(r.err).toContain(`http.port ${closed} from ${join(dir, `kotae-${closed}.config.yaml`)}`);
  });

  it('asks a wildcard listen address on loopback, and a named host as configured', () => {
    expect(healthUrl({ host: '0.0.0.0', port: 8080 })).toBe('http://127.0.0.1:8080/healthz');
    expect(healthUrl({ host: '::', port: 8080 })).toBe('http://[::1]:8080/healthz');
    expect(healthUrl({ host: '127.0.0.2', port: 9090 })).toBe('http://127.0.0.2:9090/healthz');
    expect(healthUrl({ host: 'fd00::5', port: 9090 })).toBe('http://[fd00::5]:9090/healthz');
  });

  it('says a configuration path that is a folder came from Docker, and how to recover (exit 2)', async () => {
    const folder = join(dir, 'kotae.config.yaml');
    mkdirSync(folder);
    const io = bufferIo({ KOTAE_CONFIG: folder }, dir);
    expect(await main(['health'], io)).toBe(2);
    expect(io.stderr[0]).toBe(`kotae: ${folder}: is a folder, not a configuration file (Docker creates an empty folder when a file it should mount is missing)`);
    expect(io.stderr[1]).toContain('cp kotae.config.example.yaml kotae.config.yaml');
    rmSync(folder, { recursive: true });
  });
});
