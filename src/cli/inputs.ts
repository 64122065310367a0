// The FILE arguments of read-only commands (classify, guard): a file, a folder (its files, in name
// order), or `-` for standard input. Each becomes one input with its own result line, so one bad
// file never stops the rest.
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Io } from './io.ts';

export interface Input {
  /** As the user wrote it (a folder's files: the folder joined with the name; stdin: `-`). */
  name: string;
  read(): Promise<Buffer>;
}

/** Why an input could not be read, in a few words. */
export class InputError extends Error {}

export function expandInputs(args: string[], io: Io): Input[] {
  const inputs: Input[] = [];
  let stdinUsed = false;
  for (const arg of args) {
    if (arg === '-') {
      // Standard input can be read once; a second `-` would be empty.
      if (!stdinUsed) inputs.push({ name: '-', read: () => io.readStdin() });
      stdinUsed = true;
      continue;
    }
    const path = resolve(io.cwd, arg);
    let folder = false;
    try {
      folder = statSync(path).isDirectory();
    } catch {
      // Missing or unreadable: reported when it is read, on its own line.
    }
    if (!folder) {
      inputs.push({ name: arg, read: () => readInput(path) });
      continue;
    }
    const names = readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    if (names.length === 0) inputs.push({ name: arg, read: () => Promise.reject(new InputError('a folder with no files in it')) });
    for (const name of names) inputs.push({ name: join(arg, name), read: () => readInput(join(path, name)) });
  }
  return inputs;
}

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? 'error'})`);
  }
}
