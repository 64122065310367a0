// A kotae daemon started by a test must not outlive the test process: when a run is interrupted, the
// daemon it started ends itself (test/support/child-watchdog.js) instead of running for ever.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/harness.ts';
import { makeTestDir } from '../support/tmp.ts';

const dir = makeTestDir('kotae-watchdog-');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a daemon started by a test', () => {
  it('ends itself when the test process that started it is killed', async () => {
    writeFileSync(join(dir, 'kotae.config.yaml'), 'dataDir: ./data\nhttp: { host: 127.0.0.1, port: 0 }\naccounts:\n  - { id: jp, marketplace: JP, address: shop@example.com, approvers: [owner@example.com], outboxDir: ./data/outbox }\n');
    // A stand-in for a test process: it starts `kotae run` through startKotae and prints its pid.
    const script = [
      `import { startKotae } from ${JSON.stringify(join(import.meta.dirname, '../support/child.ts'))};`,
      `const run = startKotae(['run'], { cwd: ${JSON.stringify(dir)}, env: { KOTAE_CONFIG: ${JSON.stringify(join(dir, 'kotae.config.yaml'))} }, timeoutMs: 600_000 });`,
      'console.log(run.child.pid);',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    try {
      const pid = Number(await waitFor('the daemon pid', () => /^\d+\n/.exec(out)?.[0], 20_000));
      expect(alive(pid)).toBe(true);
      parent.kill('SIGKILL');
      expect(await waitFor('the daemon to end', () => !alive(pid), 10_000, 100)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
