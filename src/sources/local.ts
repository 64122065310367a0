// Local mail for backfill and the demo: single .eml files, folders of them, Maildir folders
// (cur/ and new/) and mbox files. Files are read in name order so imports are repeatable.
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../shared/errors.ts';
import { MAX_BATCH_BYTES } from '../shared/batches.ts';
import type { MailSource, SourceBatch, SourceMessage } from './types.ts';

export class LocalSource implements MailSource {
  readonly label: string;
  readonly #paths: string[];
  readonly #batchSize: number;
  readonly #batchBytes: number;

  constructor(paths: string[], options: { batchSize?: number; batchBytes?: number } = {}) {
    this.#paths = paths.map((p) => resolve(p));
    this.#batchSize = options.batchSize ?? 200;
    this.#batchBytes = options.batchBytes ?? MAX_BATCH_BYTES;
    this.label = `local:${this.#paths.join(',')}`;
  }

  async *batches(): AsyncIterable<SourceBatch> {
    for (const path of this.#paths) {
      let batch: SourceMessage[] = [];
      let bytes = 0;
      for await (const message of readPath(path)) {
        if (batch.length > 0 && (batch.length >= this.#batchSize || bytes + message.bytes.length > this.#batchBytes)) {
          yield { mailbox: path, messages: batch };
          batch = [];
          bytes = 0;
        }
        batch.push(message);
        bytes += message.bytes.length;
      }
      if (batch.length) yield { mailbox: path, messages: batch };
    }
  }

  async close(): Promise<void> {}
}

async function* readPath(path: string): AsyncIterable<SourceMessage> {
  const info = await stat(path).catch(() => {
    throw new UsageError(`${path}: no such file or folder`, { hint: 'Give .eml files, Maildir folders, folders of .eml files or mbox files.' });
  });
  if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    const names = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    if (names.has('cur') || names.has('new')) {
      for (const sub of ['cur', 'new']) if (names.has(sub)) yield* readFolder(join(path, sub), () => true);
      return;
    }
    yield* readFolder(path, (name) => name.toLowerCase().endsWith('.eml'), true);
    return;
  }
  if (await isMbox(path)) {
    yield* readMbox(path);
    return;
  }
  yield { bytes: readFileSync(path), origin: `file:${path}` };
}

async function* readFolder(dir: string, accept: (name: string) => boolean, recursive = false): AsyncIterable<SourceMessage> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) yield* readFolder(full, accept, true);
    } else if (entry.isFile() && !entry.name.startsWith('.') && accept(entry.name)) {
      // Read at once: the promise API's open, stat, read and close each cross to libuv's threads and
      // back, which cost a tenth of an import's CPU over thousands of small files.
      yield { bytes: readFileSync(full), origin: `file:${full}` };
    }
  }
}

async function isMbox(path: string): Promise<boolean> {
  const handle = createReadStream(path, { start: 0, end: 4 });
  const chunks: Buffer[] = [];
  for await (const chunk of handle) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1') === 'From ';
}

/**
 * Split an mbox file on `From ` separator lines, streaming (mbox files can be gigabytes), and undo
 * the `>From ` quoting of mboxrd/mboxo.
 */
export async function* readMbox(path: string): AsyncIterable<SourceMessage> {
  let current: Buffer[] = [];
  let index = 0;
  let carry = Buffer.alloc(0);
  const flush = (): SourceMessage | null => {
    if (current.length === 0) return null;
    let bytes = Buffer.concat(current);
    // The blank line before the next separator belongs to the mbox format, not the message.
    if (bytes.subarray(-2).toString() === '\n\n') bytes = bytes.subarray(0, -1);
    current = [];
    index += 1;
    return { bytes, origin: `mbox:${path}#${index}` };
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let data = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let lineStart = 0;
    for (;;) {
      const eol = data.indexOf(0x0a, lineStart);
      if (eol < 0) break;
      const line = data.subarray(lineStart, eol + 1);
      lineStart = eol + 1;
      if (line.subarray(0, 5).toString('latin1') === 'From ') {
        const done = flush();
        if (done) yield done;
        continue;
      }
      current.push(/^>+From /.test(line.subarray(0, 64).toString('latin1')) ? line.subarray(1) : line);
    }
    carry = Buffer.from(data.subarray(lineStart));
    data = Buffer.alloc(0);
  }
  if (carry.length) current.push(carry);
  const last = flush();
  if (last) yield last;
}
