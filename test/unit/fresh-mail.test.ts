// The in-memory hand-over from the sync to processing: what is taken, what is dropped, and the bound
// that makes the sync wait (and never wait for ever once processing has ended). Then processing
// itself: it analyses the bytes handed over, and reads the store for the rest. Storing and processing
// together end together, even when processing fails (a sync left running would overlap the next cycle).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.ts';
import { FreshMail } from '../../src/ingest/fresh-mail.ts';
import type { AnalysisPool } from '../../src/ingest/pool.ts';
import { processPending } from '../../src/ingest/process.ts';
import { storeAndProcess } from '../../src/cycle.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore } from '../../src/store/index.ts';
import { storeRawMessages } from '../../src/store/messages.ts';

const mail = (n: number) => Buffer.alloc(n, 'x');
const settled = async (p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);

describe('FreshMail', () => {
  it('hands over what was offered, once', () => {
    const fresh = new FreshMail();
    fresh.offer(1, mail(10));
    fresh.offer(2, mail(20));
    expect([...fresh.take([1, 2]).keys()]).toEqual([1, 2]);
    expect(fresh.take([1, 2]).size).toBe(0);
    expect(fresh.bytes).toBe(0);
  });

  it('drops what processing has walked past without asking for it, and keeps what lies ahead', () => {
    const fresh = new FreshMail();
    for (const id of [1, 2, 3, 4, 5]) fresh.offer(id, mail(10));
    // 1 and 3 were read from the store meanwhile (or were not pending): they will never be asked for.
    expect([...fresh.take([2, 4]).keys()]).toEqual([2, 4]);
    expect(fresh.bytes).toBe(10);
    expect([...fresh.take([5]).keys()]).toEqual([5]);
  });

  it('makes the sync wait while more than its bound is held, until processing takes some', async () => {
    const fresh = new FreshMail(25);
    fresh.offer(1, mail(20));
    expect(await settled(fresh.room())).toBe(true);
    fresh.offer(2, mail(20));
    const room = fresh.room();
    expect(await settled(room)).toBe(false);
    fresh.take([1]);
    expect(await settled(room)).toBe(true);
  });

  it('lets a waiting sync go on once processing has ended, and holds nothing after', async () => {
    const fresh = new FreshMail(5);
    fresh.offer(1, mail(20));
    const room = fresh.room();
    expect(await settled(room)).toBe(false);
    fresh.close();
    expect(await settled(room)).toBe(true);
    fresh.offer(2, mail(20));
    expect(fresh.bytes).toBe(0);
    expect(await settled(fresh.room())).toBe(true);
  });
});

describe('processing with mail handed over', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('analyses the bytes handed over and reads the store for the others', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-fresh-'));
    const store = await openStore(join(dir, 'data'));
    const ctx = { config: parseConfigText('dataDir: ./data\n', join(dir, 'kotae.config.yaml')), db: store.db, clock: fixedClock('2026-11-23T00:00:00Z'), log: silentLogger };
    const raw = (subject: string, id: string) => Buffer.from(`From: buyer@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.com>\r\n\r\nHello\r\n`);
    const refs = await store.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: raw('stored one', 'a'), origin: 'file:a' }, { bytes: raw('stored two', 'b'), origin: 'file:b' }], 'in', new Date()));
    const fresh = new FreshMail();
    // What the store holds for the first message is not what is handed over: the subject tells which was read.
    fresh.offer(refs[0]!.id, raw('handed over', 'a'));
    expect(await processPending(ctx, [], { fresh })).toEqual({ processed: 2, failed: 0, quarantined: 0 });
    const subjects = await store.db.selectFrom('messages').select(['id', 'subject']).orderBy('id').execute();
    expect(subjects.map((s) => s.subject)).toEqual(['handed over', 'stored two']);
    expect(fresh.bytes).toBe(0);
    await store.close();
  });

  it('ends only once the sync beside has ended, even when processing fails', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kotae-fresh-'));
    const store = await openStore(join(dir, 'data'));
    const ctx = { config: parseConfigText('dataDir: ./data\n', join(dir, 'kotae.config.yaml')), db: store.db, clock: fixedClock('2026-11-23T00:00:00Z'), log: silentLogger };
    await store.db.transaction().execute((trx) => storeRawMessages(trx, 'jp', [{ bytes: Buffer.from('From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n'), origin: 'file:a' }], 'in', new Date()));
    const broken: AnalysisPool = { run: async () => Promise.reject(new Error('the pool broke')), close: async () => {} };
    let syncEnded = false;
    const sync = async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      syncEnded = true;
      return 'synced';
    };
    await expect(storeAndProcess(ctx, [], sync, broken)).rejects.toThrow('the pool broke');
    expect(syncEnded).toBe(true);
    await store.close();
  });
});
