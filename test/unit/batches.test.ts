// Batches cut by count and by bytes, so that large mail is fetched, stored and analysed a few messages
// at a time: the pure cutting, local files, and processing's batches of stored messages (the IMAP
// source is tested against Dovecot in imap-sync).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.ts';
import { inlinePool, type AnalysisPool } from '../../src/ingest/pool.ts';
import { processPending } from '../../src/ingest/process.ts';
import { cutBatches, MAX_BATCH_BYTES } from '../../src/shared/batches.ts';
import { LocalSource } from '../../src/sources/local.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore } from '../../src/store/index.ts';
import { storeRawMessages } from '../../src/store/messages.ts';

describe('cutBatches', () => {
  const same = (n: number) => n;

  it('cuts by count', () => {
    expect(cutBatches([1, 1, 1, 1, 1], same, 2, 100)).toEqual([[1, 1], [1, 1], [1]]);
  });

  it('cuts by bytes, never above the bound', () => {
    expect(cutBatches([4, 4, 4, 4, 1], same, 10, 8)).toEqual([[4, 4], [4, 4], [1]]);
    expect(cutBatches([5, 4, 3], same, 10, 8)).toEqual([[5], [4, 3]]);
  });

  it('puts an item larger than the bound in a batch alone', () => {
    expect(cutBatches([1, 20, 1], same, 10, 8)).toEqual([[1], [20], [1]]);
  });

  it('keeps the order and loses nothing', () => {
    const items = Array.from({ length: 50 }, (_, i) => (i * 7) % 13);
    expect(cutBatches(items, same, 4, 15).flat()).toEqual(items);
    expect(cutBatches([], same, 4, 15)).toEqual([]);
  });
});

describe('large mail', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is read from local files a few messages at a time', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-batches-'));
    mkdirSync(join(dir, 'mail'));
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, 'mail', `${i}.eml`), Buffer.concat([Buffer.from(`From: a@example.com\r\nMessage-ID: <m${i}@example.com>\r\n\r\n`), Buffer.alloc(100_000, 'A')]));
    const batches: number[] = [];
    for await (const batch of new LocalSource([join(dir, 'mail')], { batchSize: 50, batchBytes: 250_000 }).batches()) batches.push(batch.messages.length);
    expect(batches).toEqual([2, 2, 1]);
  });

  it('analyses stored messages in batches of at most MAX_BATCH_BYTES of raw mail', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-batches-'));
    const store = await openStore(join(dir, 'data'));
    const config = parseConfigText('dataDir: ./data\n', join(dir, 'kotae.config.yaml'));
    const ctx = { config, db: store.db, clock: fixedClock('2026-11-23T00:00:00Z'), log: silentLogger };
    // Five messages of 6 MB (a photo each): three would make 18 MB.
    const big = (i: number) => Buffer.concat([Buffer.from(`From: buyer@example.com\r\nSubject: photo ${i}\r\nMessage-ID: <photo-${i}@example.com>\r\n\r\n`), Buffer.alloc(6 * 1024 * 1024, 'A')]);
    await store.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [0, 1, 2, 3, 4].map((i) => ({ bytes: big(i), origin: `file:${i}` })), 'in', new Date()));
    const inline = inlinePool({ rulesFile: join(import.meta.dirname, '../../rules/classify.yaml') });
    const batches: number[][] = [];
    const recording: AnalysisPool = {
      run: (jobs) => {
        batches.push(jobs.map((j) => j.raw.length));
        return inline.run(jobs);
      },
      close: () => inline.close(),
    };
    expect(await processPending(ctx, [], { pool: recording })).toEqual({ processed: 5, failed: 0, quarantined: 0 });
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    for (const b of batches) expect(b.reduce((a, n) => a + n, 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    await store.close();
  });
});
