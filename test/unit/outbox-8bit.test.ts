// Outbox files a person reads with `cat`: the composed mail with its text as UTF-8 8bit and its
// encoded words decoded, only when every line stays legal (998 octets); otherwise unchanged.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMail, eightBit } from '../../src/outbox/compose.ts';

const base = { to: ['t4kq8wz2mhn0rvd@marketplace.amazon.co.jp'], messageId: '<kotae.reply.1.1.x@example.com>', date: new Date('2026-11-20T10:19:00Z') };

describe('eightBit', () => {
  it('turns a quoted-printable Japanese mail into 8bit with a readable subject and sender, parsing the same', async () => {
    const text = '山田 恵子様\n\nこのたびはみなとストアをご利用いただき、誠にありがとうございます。\n\n何卒よろしくお願いいたします。';
    const raw = await composeMail({ ...base, from: { name: 'みなとストア', address: 'shop-jp@example.com' }, subject: 'Re: Amazon.co.jpのお客様 山田 恵子 様からの返品に関するお問い合わせ（注文番号: 250-4419267-8302641）', text });
    expect(raw.toString('latin1')).toContain('Content-Transfer-Encoding: quoted-printable');
    const readable = eightBit(raw);
    const shown = readable.toString('utf8');
    expect(shown).toContain('Content-Transfer-Encoding: 8bit');
    expect(shown).toContain('\r\nSubject: Re: Amazon.co.jpのお客様 山田 恵子 様からの返品に関するお問い合わせ（注文番号: 250-4419267-8302641）\r\n');
    expect(shown).toMatch(/^From: みなとストア <shop-jp@example.com>\r\n/m);
    expect(shown).toContain('\r\n\r\n山田 恵子様\r\n\r\nこのたびは');
    const [before, after] = await Promise.all([simpleParser(raw), simpleParser(readable)]);
    expect(after.text).toBe(before.text);
    expect(after.subject).toBe(before.subject);
    expect(after.from?.text).toBe(before.from?.text);
    expect(after.messageId).toBe(before.messageId);
  });

  it('keeps a long References header folded as it was', async () => {
    const references = Array.from({ length: 20 }, (_, i) => `<0100019a9d4e21b7-6c1f3a08-52d4-4e7b-8a31-f09c2d64b8${String(i).padStart(2, '0')}-000000@email.amazonses.com>`);
    const raw = await composeMail({ ...base, from: 'shop@example.com', subject: '返信', text: 'ありがとうございます。', references });
    for (const line of eightBit(raw).toString('utf8').split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
  });

  it('leaves a mail whose text has a line over 998 octets as it is (8bit would be illegal)', async () => {
    const raw = await composeMail({ ...base, from: 'shop@example.com', subject: '長い行', text: 'あ'.repeat(400) });
    expect(eightBit(raw)).toBe(raw);
  });

  it('leaves an ASCII-only mail and a non-UTF-8 or multipart one alone', async () => {
    const ascii = await composeMail({ ...base, from: 'shop@example.com', subject: 'Hello', text: 'Thank you for your order.' });
    expect(eightBit(ascii)).toBe(ascii);
    const multipart = Buffer.from('From: a@example.com\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n');
    expect(eightBit(multipart)).toBe(multipart);
  });
});
