#!/usr/bin/env node
// The package's command. kotae runs its TypeScript sources directly (Node 24 strips the types), so
// there is no build step. This file must still parse on an older Node: on a machine whose default
// Node is 20, it finds a Node 24 (on PATH, or the one `make demo` provisions under ~/.node24) and runs
// kotae there, so `npx kotae …` works as the README and the demo print it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NEEDED = 24;
const major = (version) => Number(String(version).replace(/^v/, '').split('.')[0]) || 0;

if (major(process.versions.node) < NEEDED) {
  relaunch();
} else {
  // `kotae cases | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

/** The first Node >= 24 on PATH, then the provisioned one; null when there is none. */
function findNode() {
  const self = realpath(process.execPath);
  const prefix = process.env.NODE24_PREFIX || join(homedir(), '.node24');
  const candidates = [
    ...(process.env.PATH || '').split(delimiter).filter(Boolean).map((dir) => join(dir, process.platform === 'win32' ? 'node.exe' : 'node')),
    join(prefix, 'node_modules', '.bin', 'node'),
  ];
  const tried = new Set([self]);
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const real = realpath(candidate);
    if (tried.has(real)) continue;
    tried.add(real);
    // Bounded: a broken binary must not hang the command.
    const probe = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 });
    if (probe.status === 0 && major(probe.stdout.trim()) >= NEEDED) return candidate;
  }
  return null;
}

function relaunch() {
  const node = process.env.KOTAE_RELAUNCHED ? null : findNode();
  if (!node) {
    process.stderr.write(
      `kotae needs Node.js ${NEEDED} or newer; this is ${process.version} (${process.execPath}), and none was found on PATH or under ~/.node24.\n` +
        'Run `make demo` once in the kotae folder (it provisions Node 24 under ~/.node24), or install Node 24 and put it first on PATH.\n',
    );
    process.exit(1);
  }
  const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    // Node 24's folder first: whatever kotae starts by the name `node` is Node 24 too.
    env: { ...process.env, KOTAE_RELAUNCHED: '1', PATH: [join(node, '..'), process.env.PATH].filter(Boolean).join(delimiter) },
  });
  // The daemon stops cleanly on SIGTERM/SIGINT: pass them on. A Ctrl-C at a terminal already reaches
  // the whole foreground group, kotae included; passing it again would be a second, hard, interrupt.
  const forward = (signal) => () => {
    if (signal !== 'SIGINT' || !process.stdin.isTTY) child.kill(signal);
  };
  const handlers = ['SIGTERM', 'SIGINT', 'SIGHUP'].map((signal) => [signal, forward(signal)]);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  child.on('error', (err) => {
    process.stderr.write(`kotae: could not start ${node}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const [name, handler] of handlers) process.off(name, handler);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

function realpath(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
