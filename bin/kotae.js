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
// `kotae cases | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
