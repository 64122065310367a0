// What a seller is told when the store itself is in trouble: the file, the cause, what to do.
// SQLite's own errors name neither the file nor the remedy, and a busy store is not kotae's bug.
import { KotaeError, errorMessage } from '../shared/errors.ts';

/** The store cannot be used as it is (damaged, read-only, full disk, truncated). */
export class StoreError extends KotaeError {
  readonly path: string;
  constructor(path: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.path = path;
  }
}

/** Another kotae process held the store's write lock for longer than the busy timeout: try again. */
export class StoreBusyError extends StoreError {}

/** The store's file is damaged (or is not a kotae store at all). */
export class StoreDamagedError extends StoreError {}

export const restoreHint = 'Stop kotae, keep a copy of the file, and restore the data folder from a backup; `kotae doctor` checks a store.';

/** SQLite's error (or a file system error) as a StoreError naming the file; anything else as it was. */
export function storeError(err: unknown, path: string): unknown {
  if (err instanceof KotaeError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  const cause = errorMessage(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreBusyError(path, `the store ${path} is busy: another kotae process kept it locked for more than 30 seconds`, {
      hint: 'Nothing was lost; the work is done at the next cycle. If this repeats, `kotae doctor` lists the processes using the store.',
      cause: err,
    });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreDamagedError(path, `the store ${path} is damaged (${cause})`, { hint: restoreHint, cause: err });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code.startsWith('SQLITE_IOERR') && /full|space/i.test(cause))) {
    return new StoreError(path, `the disk holding the store ${path} is full (${cause})`, {
      hint: 'Free space on that disk and run kotae again: the change that failed was not written, and nothing before it was lost.',
      cause: err,
    });
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StoreError(path, `cannot write the store ${path} (${cause})`, {
      hint: 'Give the user that runs kotae write access to the data folder and the files in it (kotae.sqlite, kotae.sqlite-wal, kotae.sqlite-shm), or point dataDir at a writable folder.',
      cause: err,
    });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreError(path, `the store ${path} could not be read or written (${code}: ${cause})`, {
      hint: 'Check the disk (space, errors in the system log) and run kotae again; if the file is damaged, restore it from a backup.',
      cause: err,
    });
  }
  return err;
}
