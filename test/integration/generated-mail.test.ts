// The test-mail generator the sync tests and the benchmarks rely on: deterministic, unique, mixed,
// and real mail (kotae's own parser reads back the subject, sender, text and attachment).
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/ingest/parse.ts';
import { identify } from '../../src/ingest/identity.ts';
import { generateMessages, generateMessagesWithInfo } from '../support/generate.ts';
import { messageIdOf } from '../support/harness.ts';

describe('generated seller mail', () => {
  it('is deterministic: same seed, same bytes; another seed, other Message-IDs', () => {
    const a = generateMessages(300, { seed: 7 });
    const b = generateMessages(300, { seed: 7 });
    expect(a.every((m, i) => m.equals(b[i]!))).toBe(true);
    const other = new Set(generateMessages(300, { seed: 8 }).map(messageIdOf));
    expect(a.some((m) => other.has(messageIdOf(m)))).toBe(false);
    // `start` moves the dates and nothing else about the sequence.
    const later = generateMessages(3, { seed: 7, start: new Date('2027-01-01T00:00:00Z') });
    expect(later[0]!.toString('latin1')).toMatch(/^Date: \w{3}, 1 Jan 2027 /m);
  });

  it('mixes kinds and encodings, has unique Message-IDs and dedup keys, and attachments of 20-300 KB at the ratio asked', () => {
    const { messages, info } = generateMessagesWithInfo(2000, { seed: 99, attachmentRatio: 0.1 });
    expect(new Set(info.map((i) => i.messageId)).size).toBe(2000);
    expect(new Set(messages.map((m) => identify(m).dedupKey)).size).toBe(2000);
    expect(messages.map(messageIdOf)).toEqual(info.map((i) => i.messageId));
    expect(new Set(info.map((i) => i.kind))).toEqual(new Set(['buyer-jp', 'buyer-en', 'support-jp', 'support-en', 'order-jp', 'order-en']));
    expect(new Set(info.map((i) => i.encoding))).toEqual(new Set(['base64', 'quoted-printable', 'iso-2022-jp', '8bit', '7bit']));
    const withAttachment = info.filter((i) => i.attachment);
    expect(withAttachment.length).toBeGreaterThan(150);
    expect(withAttachment.length).toBeLessThan(250);
    for (const i of withAttachment) {
      expect(i.attachment!.size).toBeGreaterThanOrEqual(20 * 1024);
      expect(i.attachment!.size).toBeLessThanOrEqual(300 * 1024);
    }
    expect(new Set(withAttachment.map((i) => i.attachment!.contentType))).toEqual(new Set(['application/pdf', 'image/jpeg']));
    // ISO-2022-JP and 7bit messages are 7-bit clean; 8bit ones are not.
    messages.forEach((m, n) => {
      if (info[n]!.encoding === 'iso-2022-jp' || info[n]!.encoding === '7bit') expect(m.every((b) => b < 0x80)).toBe(true);
    });
    expect(generateMessagesWithInfo(200, { seed: 1, attachmentRatio: 0 }).info.every((i) => i.attachment === null)).toBe(true);
  });

  it('parses as the Amazon mail it imitates', async () => {
    const { messages, info } = generateMessagesWithInfo(300, { seed: 5, attachmentRatio: 0.1 });
    for (let n = 0; n < messages.length; n++) {
      const parsed = await parseMail(messages[n]!);
      const { kind, attachment, messageId } = info[n]!;
      const where = `message ${n} (${kind}, ${info[n]!.encoding})`;
      expect(parsed.messageId, where).toBe(messageId);
      expect(parsed.to.map((a) => a.address), where).toEqual(['shop@example.com']);
      if (kind === 'buyer-jp') {
        expect(parsed.from?.address, where).toMatch(/^[a-z0-9]{15}@marketplace\.amazon\.co\.jp$/);
        expect(parsed.from?.name, where).toMatch(/^\S+ - Amazon Marketplace$/);
        expect(parsed.subject, where).toMatch(/^お客様からの問い合わせ（注文番号：\d{3}-\d{7}-\d{7}）$/);
        expect(parsed.text, where).toContain('------------- メッセージはここから -------------');
        expect(parsed.text, where).toContain('------------- メッセージはここまで -------------');
      } else if (kind === 'buyer-en') {
        expect(parsed.from?.address, where).toMatch(/^[a-z0-9]{15}@marketplace\.amazon\.com$/);
        expect(parsed.subject, where).toMatch(/^Inquiry from Amazon customer \w+ \(Order: \d{3}-\d{7}-\d{7}\)$/);
        expect(parsed.text, where).toContain('------------- Begin message -------------');
        expect(parsed.text, where).toContain('------------- End message -------------');
      } else if (kind.startsWith('support')) {
        expect(parsed.from?.address, where).toMatch(/^seller-answers@amazon\.co(m|\.jp)$/);
        expect(parsed.text, where).toMatch(/Case ID: \d{11}/);
      } else {
        expect(parsed.headers['auto-submitted'], where).toBe('auto-generated');
        expect(parsed.text, where).toMatch(/\d{3}-\d{7}-\d{7}/);
      }
      if (kind.endsWith('-jp')) expect(parsed.text, where).toMatch(/[ぁ-ん]/); // Japanese survived its encoding
      expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.size]), where).toEqual(attachment ? [[attachment.filename, attachment.contentType, attachment.size]] : []);
    }
  });

  // The benchmark's mailbox: 20,000 distinct messages, the same ones for the same seed, so runs compare.
  it('makes 20,000 distinct messages, the same for the same seed', () => {
    const messages = generateMessages(20_000, { seed: 2026 });
    expect(new Set(messages.map((m) => /^Message-ID: (.*)$/im.exec(m.toString())?.[1])).size).toBe(20_000);
    expect(generateMessages(100, { seed: 2026 }).map(String)).toEqual(messages.slice(0, 100).map(String));
  });
});
