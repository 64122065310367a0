// One bad message never blocks the others: input that can never parse is quarantined at once; a
// message whose processing fails gets three tries (one per pass) and is then quarantined; a batch with
// one failing message still processes the rest; a message that hangs the analysis costs its worker and
// is quarantined; `kotae quarantine` lists them and `retry` runs them.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.ts';
import { workerPool } from '../../src/ingest/pool.ts';
import { processPending, type MessageStage } from '../../src/ingest/process.ts';
import { readRawMessages } from '../../src/store/messages.ts';
import { syncSource } from '../../src/ingest/sync.ts';
import { LocalSource } from '../../src/sources/local.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';

const fixtures = join(import.meta.dirname, '../fixtures');
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-quarantine-'));
  for (const [name, source] of [
    ['1-good.eml', 'amazon/jp-buyer-return-fba-01.eml'],
    ['2-empty.eml', 'mime/52-zero-byte.eml'],
    ['3-garbage.eml', 'mime/53-binary-garbage.eml'],
    ['4-good.eml', 'amazon/us-buyer-cancel-01.eml'],
    ['5-good.eml', 'amazon/jp-support-case-template-01.eml'],
  ] as const) {
    writeFileSync(join(dir, name), readFileSync(join(fixtures, source)));
  }
  store = await openStore(join(dir, 'data'));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = () => ({ config: parseConfigText('dataDir: ./data\n', join(dir, 'kotae.config.yaml')), db: store.db, clock: fixedClock('2026-11-23T00:00:00Z'), log: silentLogger });

async function importAll(): Promise<void> {
  const files = ['1-good.eml', '2-empty.eml', '3-garbage.eml', '4-good.eml', '5-good.eml'].map((f) => join(dir, f));
  await syncSource(ctx(), 'local', new LocalSource(files));
}

async function states(): Promise<Record<string, string>> {
  const rows = await store.db.selectFrom('messages').select(['origin', 'state', 'tries']).execute();
  return Object.fromEntries(rows.map((r) => [r.origin.split('/').pop()!, `${r.state}:${r.tries}`]));
}

describe('quarantine', () => {
  it('quarantines bytes that can never parse at once, and processes the rest', async () => {
    await importAll();
    const result = await processPending(ctx());
    expect(result).toEqual({ processed: 3, failed: 2, quarantined: 2 });
    expect(await states()).toEqual({ '1-good.eml': 'processed:0', '2-empty.eml': 'quarantined:1', '3-garbage.eml': 'quarantined:1', '4-good.eml': 'processed:0', '5-good.eml': 'processed:0' });
  });

  it('gives a message whose processing fails three tries, one per pass, without holding up its batch', async () => {
    await importAll();
    let calls = 0;
    const flaky: MessageStage = async (_db, row) => {
      if (row.origin.endsWith('4-good.eml')) {
        calls += 1;
        throw new Error('the store said no');
      }
    };
    expect((await processPending(ctx(), [flaky])).processed).toBe(2);
    expect((await states())['4-good.eml']).toBe('pending:1');
    await processPending(ctx(), [flaky]);
    expect((await states())['4-good.eml']).toBe('pending:2');
    expect(await processPending(ctx(), [flaky])).toMatchObject({ processed: 0, quarantined: 1 });
    expect((await states())['4-good.eml']).toBe('quarantined:3');
    expect(await processPending(ctx(), [flaky])).toEqual({ processed: 0, failed: 0, quarantined: 0 });
    // Each pass runs it twice: in its batch, then alone once the batch was rolled back.
    expect(calls).toBe(6);
    const row = await store.db.selectFrom('messages').select('last_error').where('origin', 'like', '%4-good.eml').executeTakeFirstOrThrow();
    expect(row.last_error).toBe('the store said no');
  });

  it('quarantines a message that hangs the analysis, and processes the others of its batch', async () => {
    writeFileSync(join(dir, '2-empty.eml'), Buffer.concat([Buffer.from('X-Test: hang\r\n'), readFileSync(join(fixtures, 'amazon/jp-buyer-defect-01.eml'))]));
    await importAll();
    const pool = workerPool({ rulesFile: join(import.meta.dirname, '../../rules/classify.yaml'), reload: (ids) => readRawMessages(store.db, ids), timeLimitMs: 2000, workerUrl: new URL('../support/misbehaving-analysis-worker.ts', import.meta.url) });
    try {
      expect(await processPending(ctx(), [], { pool })).toEqual({ processed: 3, failed: 2, quarantined: 2 });
    } finally {
      await pool.close();
    }
    expect(await states()).toMatchObject({ '1-good.eml': 'processed:0', '2-empty.eml': 'quarantined:1', '4-good.eml': 'processed:0', '5-good.eml': 'processed:0' });
    const row = await store.db.selectFrom('messages').select('last_error').where('origin', 'like', '%2-empty.eml').executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/^analysis took longer than 2 s: stopped/);
  });

  it('lists quarantined messages with their errors and runs them again on request', async () => {
    await importAll();
    await processPending(ctx());
    await store.close();
    const io = bufferIo({}, dir);
    expect(await main(['quarantine', '--json'], io)).toBe(0);
    const listed = io.stdout.map((l) => JSON.parse(l) as { id: number; error: string; tries: number });
    expect(listed.map((q) => q.error)).toEqual(['empty message: the source delivered 0 bytes', 'not a mail message: no header fields found at the start']);
    const again = bufferIo({}, dir);
    expect(await main(['quarantine', 'retry', String(listed[0]!.id), '--json'], again)).toBe(0);
    expect(JSON.parse(again.stdout[0]!)).toMatchObject({ requeued: 1, quarantined: 1 });
    store = await openStore(join(dir, 'data'));
  });
});
