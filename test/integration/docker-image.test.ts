// The Docker image, built without a Docker engine, in seconds: the Dockerfile's steps are replayed
// on a clean copy of the build context (test/support/dockerfile.ts), then the image's entrypoint is
// run exactly as the container would run it: the demo, and the daemon with its own HEALTHCHECK.
// compose.yaml is checked against the image it runs. docker-engine.test.ts does the same on a real
// Docker engine.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, copyContext, readDockerfile, sizeOf, type Stage } from '../support/dockerfile.ts';
import { startKotae } from '../support/child.ts';
import { freePort } from '../support/ports.ts';
import { waitFor } from '../support/harness.ts';
import { makeTestDir } from '../support/tmp.ts';

const repo = join(import.meta.dirname, '../..');

describe('the Docker image, built step by step', () => {
  let dir: string;
  let image: Stage;
  let app: string;

  beforeAll(() => {
    dir = makeTestDir('kotae-image-');
    copyContext(repo, join(dir, 'context'));
    const stages = buildImage(join(dir, 'context'), join(dir, 'stages'));
    image = stages.at(-1)!;
    app = join(image.root, image.workdir);
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = () => Object.fromEntries(Object.entries(image.env).map(([k, v]) => [k, v.replaceAll('/app', app)]));

  it('is two stages on Node 24 LTS, runs as the unprivileged user, has a healthcheck', () => {
    const froms = readDockerfile(join(repo, 'Dockerfile')).filter((i) => i.op === 'FROM');
    expect(froms).toHaveLength(2);
    for (const f of froms) expect(f.args).toMatch(/^node:24[-.\w]*/);
    expect(image.user).toBe('node');
    expect(image.entrypoint).toEqual(['node', 'bin/kotae.js']);
    expect(image.cmd).toEqual(['run']);
    // `kotae health` reads http.port from the configuration: the check follows the seller's port.
    expect(image.healthcheck).toEqual(['node', 'bin/kotae.js', 'health']);
  });

  it('holds production dependencies only, with the prebuilt SQLite binding', () => {
    expect(existsSync(join(app, 'node_modules/better-sqlite3/prebuilds/linux-x64.node'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/vitest'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'test'))).toBe(false);
    // Small: the dependencies of a mail worker, not a toolchain.
    expect(sizeOf(join(app, 'node_modules'))).toBeLessThan(120 * 1024 * 1024);
  });

  it('ships Node\'s compile cache filled for a first start and, inside it, for a fresh start', () => {
    expect(image.env.NODE_COMPILE_CACHE).toBe('/app/.compile-cache');
    // A first start's cache, and inside it the fresh start's (bin/kotae.js hands its folder on), each with the
    // main thread's modules (some 160 of kotae's own, and the dependencies they load).
    const [first] = readdirSync(join(app, '.compile-cache'));
    const firstStart = join(app, '.compile-cache', first!);
    const inside = readdirSync(firstStart, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(readdirSync(firstStart).length).toBeGreaterThan(150);
    // (The demo's own child processes leave a small folder there too.)
    expect(inside.some((e) => readdirSync(join(firstStart, e.name)).length > 150)).toBe(true);
  });

  it('runs the demo from its entrypoint', () => {
    const out = execFileSync(process.execPath, [image.entrypoint[1]!, 'demo', '--dir', join(dir, 'demo')], { cwd: app, env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(out).toContain('kotae demo');
    expect(out).toMatch(/repl(?:y|ies) to buyers queued and sent/);
  });

  it('runs the daemon from its entrypoint, passes its own HEALTHCHECK on the configured port, stops on SIGTERM', async () => {
    const port = await freePort();
    mkdirSync(join(app, 'data'), { recursive: true });
    // As compose.yaml mounts it: the seller's config at KOTAE_CONFIG, the store under /app/data.
    writeFileSync(
      env().KOTAE_CONFIG!,
      ['dataDir: ./data', `http: { host: 127.0.0.1, port: ${port} }`, 'accounts:', '  - { id: jp, marketplace: JP, address: shop@example.com, approvers: [owner@example.com], outboxDir: ./data/outbox }', ''].join('\n'),
    );
    const run = startKotae(image.cmd, { cwd: app, env: { ...env(), KOTAE_LOG_LEVEL: 'info' }, timeoutMs: 60_000 });
    let log = '';
    run.child.stderr!.on('data', (d: string) => (log += d));
    const passes = () => {
      try {
        execFileSync(process.execPath, image.healthcheck!.slice(1), { cwd: app, env: { ...process.env, ...env() }, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    expect(await waitFor('the image HEALTHCHECK to pass', passes, 10_000, 100)).toBe(true);
    // Stopped while idle, as daemon-start.test.ts does: a cycle outlasting the grace exits 1 on purpose.
    await waitFor('the first cycle to end', () => log.includes('cycle done'), 40_000);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  });

  it('compose.yaml runs this image unchanged: same config path, data volume and port', () => {
    const compose = parse(readFileSync(join(repo, 'compose.yaml'), 'utf8')) as {
      services: { kotae: { build: string; environment: Record<string, string>; volumes: string[]; secrets: { source: string; target: string }[]; ports: string[]; logging: { driver: string; options: Record<string, string> } } };
      secrets: Record<string, { file: string }>;
    };
    const service = compose.services.kotae;
    const dockerfile = readDockerfile(join(repo, 'Dockerfile'));
    expect(service.build).toBe('.');
    expect(service.environment.KOTAE_CONFIG).toBe(image.env.KOTAE_CONFIG);
    const volume = dockerfile.find((i) => i.op === 'VOLUME')!.args;
    expect(service.volumes.some((v) => volume.includes(v.split(':')[1]!))).toBe(true);
    // The config is a file that must exist (a `secrets:` mount), never a volume Docker would make a folder of.
    expect(service.volumes.some((v) => v.split(':')[1] === image.env.KOTAE_CONFIG)).toBe(false);
    const config = service.secrets.find((s) => s.target === image.env.KOTAE_CONFIG)!;
    expect(compose.secrets[config.source]).toEqual({ file: './kotae.config.yaml' });
    expect(service.logging).toEqual({ driver: 'json-file', options: { 'max-size': '10m', 'max-file': '5' } });
    const exposed = dockerfile.find((i) => i.op === 'EXPOSE')!.args;
    expect(service.ports.some((p) => p.endsWith(`:${exposed}`))).toBe(true);
  });
});
