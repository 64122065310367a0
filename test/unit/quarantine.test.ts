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
import { understandStage } from '../../src/understand/stage.ts';
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
    // The hang never ends; the limit is generous so that no healthy message of the batch can reach it
    // on a machine loaded by the whole suite.
    const pool = workerPool({ rulesFile: join(import.meta.dirname, '../../rules/classify.yaml'), reload: (ids) => readRawMessages(store.db, ids), timeLimitMs: 10_000, workerUrl: new URL('../support/misbehaving-analysis-worker.ts', import.meta.url) });
    try {
      expect(await processPending(ctx(), [], { pool })).toEqual({ processed: 3, failed: 2, quarantined: 2 });
    } finally {
      await pool.close();
    }
    expect(await states()).toMatchObject({ '1-good.eml': 'processed:0', '2-empty.eml': 'quarantined:1', '4-good.eml': 'processed:0', '5-good.eml': 'processed:0' });
    const row = await store.db.selectFrom('messages').select('last_error').where('origin', 'like', '%2-empty.eml').executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/^analysis took longer than 10 s: stopped/);
  });

  it('lists quarantined messages with their errors and runs them again on request', async () => {
    await importAll();
    await processPending(ctx());
    await store.close();
    writeFileSync(join(dir, 'kotae.config.yaml'), 'dataDir: ./data\n');
    const io = bufferIo({}, dir);
    expect(await main(['quarantine', '--json'], io)).toBe(0);
    const listed = io.stdout.map((l) => JSON.parse(l) as { id: number; error: string; tries: number });
    expect(listed.map((q) => q.error)).toEqual(['empty message: the source delivered 0 bytes', 'not a mail message: no header fields found at the start']);
    const again = bufferIo({}, dir);
    // Quarantined again (an empty message never parses): exit 1, as `kotae import` does.
    expect(await main(['quarantine', 'retry', String(listed[0]!.id), '--json'], again)).toBe(1);
    const unknown = bufferIo({}, dir);
    expect(await main(['quarantine', 'retry', '99999'], unknown)).toBe(1);
    expect(unknown.stderr[0]).toBe('kotae: no quarantined message 99999; nothing was re-run');
    expect(JSON.parse(again.stdout[0]!)).toMatchObject({ requeued: 1, quarantined: 1 });
    store = await openStore(join(dir, 'data'));
  });
});

describe('mail over the parser’s limits, and a header too long to look up', () => {
  const head = (extra: string) => `From: someone@example.com\r\nTo: shop@example.com\r\nSubject: limits\r\nDate: Mon, 19 Oct 2026 09:00:00 -0700\r\nMIME-Version: 1.0\r\n${extra}`;
  /** Generated here, not kept as fixtures: each is hundreds of kilobytes of the same few lines. */
  const hostile: Record<string, string> = {
    'headers.eml': head(`Message-ID: <headers@example.com>\r\nReferences: ${Array.from({ length: 40_000 }, (_, i) => `<r${i}@example.com>`).join('\r\n ')}\r\n\r\nhello\r\n`),
    'parts.eml': head(`Message-ID: <parts@example.com>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${Array.from({ length: 1_001 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('')}--b--\r\n`),
    'nesting.eml': head(
      `Message-ID: <nesting@example.com>\r\n${Array.from({ length: 2_000 }, (_, i) => `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`).join('')}Content-Type: text/plain\r\n\r\nhello\r\n${Array.from({ length: 2_000 }, (_, i) => `--n${1_999 - i}--\r\n`).join('')}`,
    ),
  };

  it('quarantines at once mail over the header, part and nesting limits, each with a reason a person understands', async () => {
    for (const [name, text] of Object.entries(hostile)) writeFileSync(join(dir, name), text);
    await syncSource(ctx(), 'local', new LocalSource(Object.keys(hostile).map((f) => join(dir, f))));
    expect(await processPending(ctx())).toEqual({ processed: 0, failed: 3, quarantined: 3 });
    const rows = await store.db.selectFrom('messages').select(['origin', 'state', 'tries', 'last_error']).execute();
    expect(Object.fromEntries(rows.map((r) => [r.origin.split('/').pop()!, [r.state, r.tries, r.last_error]]))).toEqual({
      'headers.eml': ['quarantined', 1, 'header too large to parse: the header of the message or of one of its parts is over 1 MB (or about 16,000 lines); the raw mail is kept'],
      'parts.eml': ['quarantined', 1, 'too many MIME parts to parse: more than 1,000, counting parts nested inside parts; the raw mail is kept'],
      'nesting.eml': ['quarantined', 1, 'too many MIME parts to parse: more than 1,000, counting parts nested inside parts; the raw mail is kept'],
    });
  });

  it('threads a message whose References header holds 100,000 Message-IDs by the newest of them', async () => {
    const parent = join(fixtures, 'amazon/us-buyer-cancel-01.eml');
    const parentId = /^Message-ID: (<[^>]+>)/m.exec(readFileSync(parent, 'latin1'))![1]!;
    // Short IDs, 2,000 to a line: 100,000 of them stay under the parser's header limit.
    const ids = [...Array.from({ length: 99_999 }, (_, i) => `<${i.toString(36)}@x>`), parentId];
    const lines = Array.from({ length: ids.length / 2_000 }, (_, i) => ids.slice(i * 2_000, (i + 1) * 2_000).join(' '));
    writeFileSync(join(dir, 'references.eml'), head(`Message-ID: <many-references@example.com>\r\nReferences: ${lines.join('\r\n ')}\r\n\r\nAny news about my order?\r\n`));
    await syncSource(ctx(), 'local', new LocalSource([parent, join(dir, 'references.eml')]));
    const c = ctx();
    expect(await processPending(c, [understandStage(c.config, c.clock)])).toEqual({ processed: 2, failed: 0, quarantined: 0 });
    const rows = await store.db.selectFrom('messages').select(['message_id', 'case_id', 'last_error']).orderBy('id').execute();
    expect(rows[0]!.case_id).not.toBeNull();
    expect(rows[1]).toEqual({ message_id: '<many-references@example.com>', case_id: rows[0]!.case_id, last_error: null });
  });
});
