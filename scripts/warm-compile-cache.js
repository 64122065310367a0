// Fills Node's compile cache (the folder NODE_COMPILE_CACHE names) as a daemon's own starts would. The image's
// build runs it for a first start, and for the fresh start after a backlog (src/cli/restart.ts), which runs
// with V8's --optimize-for-size and so reads a cache of its own, in a folder inside the first start's. Outside
// the image, a daemon runs it with that flag just before it starts afresh (fillFreshStartCache).
// Without it, a new container compiled every module at its first fresh start with Node's type stripper
// loaded, which it kept: it idled some 8 MB higher (README, Benchmarks).
// Each pass runs the demo first (`kotae demo`: mail read, classified, drafted, checked, approved and sent, so
// the functions a daemon runs are cached compiled, as a real run leaves them; a cache entry is written once),
// then imports every other module of the main thread.
// Usage: NODE_COMPILE_CACHE=DIR node scripts/warm-compile-cache.js
// The two thread entry files (analysis, Lindera) are not imported: importing them outside their thread fails,
// and their threads end when idle, taking what they compiled with them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { enableCompileCache, flushCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (!process.env.NODE_COMPILE_CACHE) {
  console.error('warm-compile-cache: set NODE_COMPILE_CACHE to the folder the image reads its compile cache from');
  process.exit(2);
}
const { directory, message } = enableCompileCache();
if (!directory) {
  console.error(`warm-compile-cache: Node did not turn its compile cache on: ${message ?? 'no reason given'}`);
  process.exit(1);
}
const root = join(import.meta.dirname, '..');
const demoDir = mkdtempSync(join(tmpdir(), 'kotae-warm-'));
try {
  const demo = spawnSync(process.execPath, [...process.execArgv, join(root, 'bin', 'kotae.js'), 'demo', '--dir', join(demoDir, 'demo')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (demo.status !== 0) {
    console.error(`warm-compile-cache: the demo failed (exit ${demo.status}); its modules are still read below`);
  }
} finally {
  rmSync(demoDir, { recursive: true, force: true });
}
const src = join(root, 'src');
const modules = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('-worker.ts'))
  .sort()
  .map((file) => join(src, file));
for (const module of modules) await import(module);
flushCompileCache();
console.log(`warm-compile-cache: ${modules.length} modules in ${directory}`);

// bin/kotae.js hands the folder Node chose to the processes it starts, and a fresh start runs with the flag
// restart.ts gives it (read now: the module is in the cache already): the same here, once.
const { QUIET_V8_FLAG } = await import(join(src, 'cli', 'restart.ts'));
if (!process.execArgv.includes(QUIET_V8_FLAG)) {
  const child = spawnSync(process.execPath, [...process.execArgv, QUIET_V8_FLAG, fileURLToPath(import.meta.url)], {
    env: { ...process.env, NODE_COMPILE_CACHE: directory },
    stdio: 'inherit',
  });
  process.exitCode = child.status ?? 1;
}
