// Lindera runs in a thread of its own that is stopped when unused, so its memory goes back: the
// reading is the same before and after a release, and a released reader starts again on the next text.
import { describe, expect, it } from 'vitest';
import { MessageChannel, Worker } from 'node:worker_threads';
import { awaitAnswer, JapaneseReader } from '../../src/respond/guard/japanese-reader.ts';
import { japaneseWords } from '../../src/respond/guard/words.ts';
import { waitFor } from '../support/harness.ts';

const bases = (reader: JapaneseReader, text: string) => reader.tokenize(text).map((t) => (t.baseForm === '*' ? t.surface : t.baseForm));

describe('the Japanese reader', () => {
  it('reads base forms, is released when unused, and reads alike once started again', async () => {
    const reader = new JapaneseReader({ releaseAfterMs: 50 });
    try {
      expect(reader.loaded).toBe(false);
      const first = bases(reader, 'レビューを書いていただければ返金します');
      expect(first).toEqual(expect.arrayContaining(['レビュー', '書く', '返金', 'する']));
      expect(reader.loaded).toBe(true);
      await waitFor('the unused reader to be released', () => !reader.loaded, 20_000);
      expect(bases(reader, 'レビューを書いていただければ返金します')).toEqual(first);
      expect(reader.loaded).toBe(true);
    } finally {
      reader.release();
    }
    expect(reader.loaded).toBe(false);
  });

  it('gives the guard words with offsets in the text read', () => {
    const text = '商品を送りました。';
    const words = japaneseWords(text);
    expect(words.find((w) => w.base === '商品')).toMatchObject({ start: 0, end: 2 });
    expect(words.find((w) => w.base === '送る')).toMatchObject({ start: 3, end: 5 });
  });

  it('waits for the answer itself, not for a wake-up: a late notify from the last answer does not end the wait', async () => {
    const { port1, port2 } = new MessageChannel();
    const cell = new Int32Array(new SharedArrayBuffer(4));
    // The other thread: a stray notify first (the previous answer's, late), the answer 300 ms later.
    const thread = new Worker(
      `const { workerData: { port, cell } } = require('node:worker_threads');
       setTimeout(() => Atomics.notify(cell, 0), 50);
       setTimeout(() => { port.postMessage('the answer'); Atomics.store(cell, 0, 1); Atomics.notify(cell, 0); }, 300);`,
      { eval: true, workerData: { port: port2, cell }, transferList: [port2] },
    );
    try {
      await new Promise((resolve) => thread.once('online', resolve));
      expect(awaitAnswer(port1, cell, 20_000)).toBe('the answer');
      // And a thread that never answers: undefined once the limit has passed.
      Atomics.store(cell, 0, 0);
      expect(awaitAnswer(port1, cell, 100)).toBeUndefined();
    } finally {
      port1.close();
      await thread.terminate();
    }
  });
});
