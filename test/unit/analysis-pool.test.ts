// The analysis pools give the same analyses, in order, whether a message's bytes are moved to the
// worker (a Buffer alone on its memory) or copied (a small Buffer in Node's shared pool, a slice).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlinePool, workerPool } from '../../src/ingest/pool.ts';

const rulesFile = join(import.meta.dirname, '../../rules/classify.yaml');
const mail = (subject: string, body = 'Hello') => `From: buyer@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\r\n\r\n${body}\r\n`;

describe('analysis pools', () => {
  it('analyse moved, copied and sliced buffers alike, in order', async () => {
    const alone = Buffer.alloc(Buffer.poolSize * 2);
    const alonePart = Buffer.from(mail('alone', 'x'.repeat(Buffer.poolSize)));
    alonePart.copy(alone);
    const moved = alone.subarray(0, alonePart.length);
    const jobs = [
      { id: 1, raw: Buffer.from(mail('pooled')) },
      { id: 2, raw: Buffer.from(mail('own memory', 'y'.repeat(Buffer.poolSize))) },
      { id: 3, raw: moved },
    ];
    expect(jobs[1]!.raw.byteLength).toBe(jobs[1]!.raw.buffer.byteLength);
    const expected = await inlinePool({ rulesFile }).run(jobs);
    const pool = workerPool({ rulesFile });
    try {
      const results = await pool.run(jobs);
      expect(jobs[1]!.raw.byteLength).toBe(0);
      expect(results.map((r) => r.id)).toEqual([1, 2, 3]);
      expect(results.map((r) => (r.ok ? r.analysis.parsed.subject : r.error))).toEqual(['pooled', 'own memory', 'alone']);
      expect(results).toEqual(expected);
    } finally {
      await pool.close();
    }
  });
});
