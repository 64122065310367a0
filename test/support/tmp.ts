// Where tests put throwaway servers and stores. Creating thousands of small files (a Maildir) costs
// about a millisecond each on some virtual disks and microseconds on tmpfs, so /dev/shm is used when
// it has room (Docker's default 64 MB does not); KOTAE_TEST_TMPDIR overrides, os.tmpdir() is the rest.
import { mkdtempSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MIN_FREE = 2 * 1024 ** 3;

let chosen: string | null = null;

export function testTmpdir(): string {
  if (chosen) return chosen;
  const forced = process.env.KOTAE_TEST_TMPDIR;
  if (forced) return (chosen = forced);
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= MIN_FREE) return (chosen = '/dev/shm');
  } catch {
    // No /dev/shm (macOS): the system's temp dir.
  }
  return (chosen = tmpdir());
}

/** A new empty directory under testTmpdir(). */
export function makeTestDir(prefix: string): string {
  return mkdtempSync(join(testTmpdir(), prefix));
}
