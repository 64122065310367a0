// Preloaded (node --import) into every kotae a test or benchmark starts. The time limit startKotae
// sets lives in the test process; if that process dies (a run interrupted, a crashed worker), the
// child would run on with nobody to stop it, a daemon for ever. So the child stops itself: when the
// pipe its parent holds open on fd 3 closes (the kernel closes it however the parent dies), and in
// any case once its own time limit has passed.
// Plain JavaScript: it loads before bin/kotae.js turns on the compile cache, and a TypeScript file here
// would load Node's type stripper (some 12 MB, a WebAssembly compiler) into every child a test or a
// benchmark measures, which a seller's kotae started from a warm cache does not carry.
import { Socket } from 'node:net';
import { isMainThread } from 'node:worker_threads';

const die = () => process.kill(process.pid, 'SIGKILL');

// Worker threads load this file too (they inherit --import); one watch per process is enough.
if (isMainThread) {
  try {
    const lifeline = new Socket({ fd: 3, readable: true, writable: false });
    lifeline.on('end', die).on('close', die).on('error', die);
    lifeline.resume();
    // Watching must not keep a command that has finished from exiting.
    lifeline.unref();
  } catch {
    // `kotae run`/`once` replace themselves once to set their memory settings (bin/kotae.js), and
    // process.execve keeps only stdio open: from then on the time limit alone bounds the child.
  }
  const limitMs = Number(process.env.KOTAE_TEST_CHILD_LIMIT_MS);
  if (limitMs > 0) setTimeout(die, limitMs).unref();
}
