#!/usr/bin/env node
// The package's command. kotae runs its TypeScript sources directly (Node 24 strips the types),
// so there is no build step; an older Node gets a clear message instead of a syntax error.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `kotae needs Node.js 24 or newer; this is ${process.version}.\n` +
      'Run `make demo` once (it provisions Node 24 under ~/.node24), or put Node 24 first on PATH.\n',
  );
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
