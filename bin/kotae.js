#!/usr/bin/env node
// The package's command. kotae runs its TypeScript sources directly (Node 24 strips the types), so
// there is no build step. This file must still parse on an older Node: on a machine whose default
// Node is 20, it finds a Node 24 (on PATH, or the one `make demo` provisions under ~/.node24) and runs
// kotae there, so `npx kotae …` works as the README and the demo print it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
// A namespace: Node 20, which this file must still start on, has no enableCompileCache.
import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NEEDED = 24;
const major = (version) => Number(String(version).replace(/^v/, '').split('.')[0]) || 0;

// The daemon and a sync keep memory flat only with the image's settings: a capped V8 heap, two glibc
// arenas and glibc's fixed mmap and trim thresholds (README, Benchmarks). glibc reads them when a
// process starts, so `kotae run` and `kotae once` started any other way (`npx kotae`, cron, systemd)
// replace themselves once with them set.
const LONG_RUNNING = new Set(['run', 'once']);
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));

if (major(process.versions.node) < NEEDED) {
  relaunch();
} else if (LONG_RUNNING.has(command) && !process.env.KOTAE_MEMORY_SETTINGS && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], memoryEnv(process.env));
} else {
  // `kotae cases | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  keepCompiledCode();
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
    env: { ...(LONG_RUNNING.has(command) ? memoryEnv(process.env) : process.env), KOTAE_RELAUNCHED: '1', PATH: [join(node, '..'), process.env.PATH].filter(Boolean).join(delimiter) },
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

/**
 * Node strips TypeScript's types from every module at every start, with a WebAssembly compiler that
 * then stays in memory. Its compile cache keeps the stripped code and V8's compiled code in a folder
 * (NODE_COMPILE_CACHE, else node-compile-cache under the system's temporary folder), checked against
 * each file's contents, for the analysis threads too (they inherit the variable). Measured: 8% more
 * messages per core on a 5,000-message import, memory unchanged. A folder that cannot be written is no
 * error; kotae then starts as it did without it.
 */
function keepCompiledCode() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  nodeModule.enableCompileCache();
  // The folder Node chose for this process's flags, not the one it was asked for (the system's default when none
  // was named): a fresh start, whose V8 flags differ, then keeps its own cache in a folder inside it, which
  // src/cli/restart.ts fills before it starts, as the image's build does.
  const directory = nodeModule.getCompileCacheDir();
  if (directory) process.env.NODE_COMPILE_CACHE = directory;
}

/** The image's memory settings, where the environment does not already choose its own. */
function memoryEnv(env) {
  const options = env.NODE_OPTIONS || '';
  const add = [
    /--max-old-space-size/.test(options) ? '' : '--max-old-space-size=256',
    /--max-semi-space-size/.test(options) ? '' : '--max-semi-space-size=4',
  ].filter(Boolean);
  return {
    ...env,
    KOTAE_MEMORY_SETTINGS: '1',
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || '2',
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ || '131072',
    MALLOC_TRIM_THRESHOLD_: env.MALLOC_TRIM_THRESHOLD_ || '131072',
    NODE_OPTIONS: [options, ...add].filter(Boolean).join(' '),
  };
}

function realpath(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
