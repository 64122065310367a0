// The analysis pools give the same analyses, in order, whether a message's bytes are moved to the
// worker (a Buffer alone on its memory) or copied (a small Buffer in Node's shared pool, a slice).
// A worker that hangs on a message or dies is replaced: that message alone fails for good, the
// others of its chunk are analysed again (their moved bytes read again from the store). The daemon's
// lasting pool starts its workers again when the classification rules change, and stops them when
// unused for a while (an idle daemon gives their memory back), starting them again for the next batch.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlinePool, lastingWorkerPool, workerPool } from '../../src/ingest/pool.ts';
import { waitFor } from '../support/harness.ts';

const rulesFile = join(import.meta.dirname, '../../rules/classify.yaml');
const mail = (subject: string, body = 'Hello', header = '') => `From: buyer@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\r\n${header}\r\n${body}\r\n`;
const noReload = async () => new Map<number, Buffer>();
/**
 * The time limit for the misbehaving worker, whose hang never ends: generous, so that on a machine
 * loaded by the whole suite a healthy message, however slow, is never the one stopped.
 */
const HANG_LIMIT_MS = 10_000;
const subjects = (results: { ok: boolean; error?: string; analysis?: { parsed: { subject: string | null } } }[]) => results.map((r) => (r.ok ? r.analysis!.parsed.subject : `failed: ${r.error}`));

describe('analysis pools', () => {
  it('analyse moved, copied and sliced buffers alike, in order', async () => {
    const alone = Buffer.alloc(Buffer.poolSize * 2);
    const alonePart = Buffer.from(mail('alone', 'x'.repeat(Buffer.poolSize)));
    alonePart.copy(alone);
    const jobs = [
      { id: 1, raw: Buffer.from(mail('pooled')) },
      { id: 2, raw: Buffer.from(mail('own memory', 'y'.repeat(Buffer.poolSize))) },
      { id: 3, raw: alone.subarray(0, alonePart.length) },
    ];
    expect(jobs[1]!.raw.byteLength).toBe(jobs[1]!.raw.buffer.byteLength);
    const expected = await inlinePool({ rulesFile }).run(jobs);
    const pool = workerPool({ rulesFile, reload: noReload });
    try {
      const results = await pool.run(jobs);
      expect(jobs[1]!.raw.byteLength).toBe(0);
      expect(results.map((r) => r.id)).toEqual([1, 2, 3]);
      expect(subjects(results)).toEqual(['pooled', 'own memory', 'alone']);
      expect(results).toEqual(expected);
    } finally {
      await pool.close();
    }
  });

  for (const [what, header, reason] of [
    ['hangs on', 'X-Test: hang\r\n', /^analysis took longer than 10 s: stopped/],
    ['dies on', 'X-Test: crash\r\n', /^analysis crashed: simulated parser crash/],
  ] as const) {
    it(`fails only the message a worker ${what}, and analyses the others of its chunk again`, async () => {
      const big = (subject: string, extra = '') => Buffer.from(mail(subject, 'z'.repeat(Buffer.poolSize), extra));
      const store = new Map([1, 2, 3, 4].map((id) => [id, big(`message ${id}`, id === 2 ? header : '')]));
      const reloaded: number[] = [];
      const pool = workerPool({
        rulesFile,
        reload: async (ids) => {
          reloaded.push(...ids);
          return new Map(ids.map((id) => [id, Buffer.from(store.get(id)!)]));
        },
        timeLimitMs: HANG_LIMIT_MS,
        workerUrl: new URL('../support/misbehaving-analysis-worker.ts', import.meta.url),
      });
      try {
        const results = await pool.run([1, 2, 3, 4].map((id) => ({ id, raw: Buffer.from(store.get(id)!) })));
        expect(subjects(results).slice(0, 1).concat(subjects(results).slice(2))).toEqual(['message 1', 'message 3', 'message 4']);
        expect(results[1]).toMatchObject({ id: 2, ok: false, permanent: true });
        expect(results[1]!.ok ? '' : results[1]!.error).toMatch(reason);
        // The four were moved to the worker that was stopped: the three others were read again.
        expect(reloaded.sort()).toEqual([1, 3, 4]);
        // The replacement worker goes on working.
        expect(subjects(await pool.run([{ id: 5, raw: Buffer.from(mail('after')) }]))).toEqual(['after']);
      } finally {
        await pool.close();
      }
    });
  }

  it('start the lasting pool\'s workers again when the classification rules change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kotae-pool-'));
    const rules = join(dir, 'classify.yaml');
    writeFileSync(rules, readFileSync(rulesFile));
    writeFileSync(join(dir, 'intent-model.json'), readFileSync(join(rulesFile, '../intent-model.json')));
    const pool = lastingWorkerPool({ rulesFile: rules, reload: noReload });
    const kind = async () => {
      const [result] = await pool.run([{ id: 1, raw: Buffer.from(mail('【自動返信】お問い合わせありがとうございます')) }]);
      return result!.ok ? result!.analysis.classification.kind : result!.error;
    };
    try {
      expect(await kind()).toBe('auto_reply');
      // Edited while a batch is being analysed: that batch and one started beside it finish on the
      // workers they began with; the next one after them reads the new rules.
      const inFlight = kind();
      writeFileSync(rules, readFileSync(rulesFile, 'utf8').replace("pattern: '自動返信|", "pattern: '"));
      expect(await Promise.all([inFlight, kind()])).toEqual(['auto_reply', 'auto_reply']);
      expect(await kind()).toBe('other');
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop the lasting pool\'s workers when unused, and start them again for the next batch', async () => {
    const pool = lastingWorkerPool({ rulesFile, reload: noReload, releaseAfterMs: 50 });
    const subject = async (text: string) => subjects(await pool.run([{ id: 1, raw: Buffer.from(mail(text)) }]));
    try {
      expect(await subject('first')).toEqual(['first']);
      expect(pool.holdsWorkers).toBe(true);
      await waitFor('the idle workers to be stopped', () => !pool.holdsWorkers, 20_000);
      expect(await subject('after a rest')).toEqual(['after a rest']);
      expect(pool.holdsWorkers).toBe(true);
      // A backlog has ended: the threads go at once.
      await pool.release();
      expect(pool.holdsWorkers).toBe(false);
      expect(await subject('once more')).toEqual(['once more']);
    } finally {
      await pool.close();
    }
    expect(pool.holdsWorkers).toBe(false);
  });
});
