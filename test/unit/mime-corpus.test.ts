// The malformed and oddly-encoded corpus: each fixture states what a correct parser must extract,
// or which error the message is quarantined with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/ingest/parse.ts';
import { identify } from '../../src/ingest/identity.ts';

interface Expectation {
  file: string;
  about: string;
  outcome: 'parsed' | 'quarantined';
  errorIncludes: string | null;
  messageId: string | null;
  subject: string | null;
  from: string | null;
  textIncludes: string[];
  textExcludes: string[];
  htmlIncludes: string[];
  attachments: { filename: string | null; contentType: string; size: number }[];
}

const dir = join(import.meta.dirname, '../fixtures/mime');
const expectations = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8')) as Expectation[];

describe('MIME corpus', () => {
  it('has at least 25 fixtures', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(25);
  });

  for (const e of expectations) {
    it(`${e.file}: ${e.about}`, async () => {
      const raw = readFileSync(join(dir, e.file));
      if (e.outcome === 'quarantined') {
        await expect(parseMail(raw)).rejects.toThrow(e.errorIncludes!);
        return;
      }
      const mail = await parseMail(raw);
      const identity = identify(raw);
      if (e.messageId === null) {
        expect(identity.synthetic).toBe(true);
        expect(identity.messageId).toMatch(/^<[0-9a-f]{32}@kotae\.invalid>$/);
      } else {
        expect(identity.messageId).toBe(e.messageId);
        expect(mail.messageId).toBe(e.messageId);
      }
      expect(mail.subject).toBe(e.subject);
      expect(mail.from?.address ?? null).toBe(e.from);
      for (const s of e.textIncludes) expect(mail.text ?? '').toContain(s);
      for (const s of e.textExcludes) expect(mail.text ?? '').not.toContain(s);
      for (const s of e.htmlIncludes) expect(mail.html ?? '').toContain(s);
      expect(mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size }))).toEqual(
        e.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
      );
    });
  }
});
