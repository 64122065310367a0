// Large attachment bodies are set aside before mailparser (src/ingest/set-aside.ts): the attachment
// metadata kotae keeps must be exactly what mailparser reading the whole message gives, on the MIME
// corpus and on generated seller mail, and structures the walker is unsure of are left whole.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/ingest/parse.ts';
import { setAsideAttachments } from '../../src/ingest/set-aside.ts';
import { generateMessagesWithInfo } from '../support/generate.ts';

const mimeDir = join(import.meta.dirname, '../fixtures/mime');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function wholeParse(raw: Buffer) {
  const mail = await simpleParser(raw);
  return mail.attachments.map((a) => ({ size: a.size, sha256: sha256(a.content) }));
}

async function kotaeParse(raw: Buffer) {
  const mail = await parseMail(raw);
  // Names are compared elsewhere (kotae repairs raw Shift_JIS names that mailparser garbles).
  return mail.attachments.map((a) => ({ size: a.size, sha256: a.sha256 }));
}

function multipart(attachmentPart: string, closing = true): Buffer {
  return Buffer.from(
    [
      'From: buyer@marketplace.amazon.co.jp',
      'Subject: photo',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'see the photo',
      '--b1',
      attachmentPart,
      closing ? '--b1--' : '',
      '',
    ].join('\r\n'),
  );
}

const photo = Buffer.alloc(30_000, 7);
const photoPart = ['Content-Type: image/jpeg; name="a.jpg"', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="a.jpg"', '', photo.toString('base64').replace(/.{76}/g, '$&\r\n')].join('\r\n');

describe('setting attachment bodies aside', () => {
  it('gives the same attachment metadata as a whole parse over the MIME corpus', async () => {
    const files = readdirSync(mimeDir).filter((f) => f.endsWith('.eml'));
    let compared = 0;
    for (const file of files) {
      const raw = readFileSync(join(mimeDir, file));
      const whole = await wholeParse(raw).catch(() => null);
      const ours = await kotaeParse(raw).catch(() => null);
      if (!whole || !ours) continue;
      expect(ours, file).toEqual(whole);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('gives the same attachment metadata as a whole parse on generated seller mail, and sets each large attachment aside', async () => {
    const { messages, info } = generateMessagesWithInfo(400, { seed: 77, attachmentRatio: 0.2 });
    let setAside = 0;
    for (let n = 0; n < messages.length; n++) {
      if (!info[n]!.attachment) continue;
      const raw = messages[n]!;
      expect(await kotaeParse(raw), info[n]!.messageId).toEqual(await wholeParse(raw));
      const aside = setAsideAttachments(raw);
      expect(aside?.asides.size).toBe(1);
      expect(aside!.input.length).toBeLessThan(raw.length / 10);
      setAside += 1;
    }
    expect(setAside).toBeGreaterThan(40);
  });

  it('sets aside a large base64 attachment and keeps its size and hash', () => {
    const aside = setAsideAttachments(multipart(photoPart));
    expect([...aside!.asides.values()]).toEqual([{ size: photo.length, sha256: sha256(photo) }]);
    expect(aside!.input.toString('latin1')).toContain('see the photo');
  });

  it('parses with the real size and hash', async () => {
    expect(await kotaeParse(multipart(photoPart))).toEqual([{ size: photo.length, sha256: sha256(photo) }]);
  });

  it('leaves the message whole without a closing boundary, and the parse is still right', async () => {
    const raw = multipart(photoPart, false);
    expect(setAsideAttachments(raw)).toBeNull();
    expect(await kotaeParse(raw)).toEqual(await wholeParse(raw));
  });

  it('leaves text parts, small bodies and bodies of several padded base64 runs to mailparser', async () => {
    const text = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', Buffer.alloc(30_000, 65).toString('base64')].join('\r\n');
    const small = ['Content-Type: image/png', 'Content-Transfer-Encoding: base64', '', Buffer.alloc(100, 1).toString('base64')].join('\r\n');
    const runs = ['Content-Type: application/pdf', 'Content-Transfer-Encoding: base64', '', Buffer.alloc(20_000, 3).toString('base64') + '=\r\n' + Buffer.alloc(20_000, 4).toString('base64')].join('\r\n');
    for (const part of [text, small, runs]) expect(setAsideAttachments(multipart(part))).toBeNull();
    expect(await kotaeParse(multipart(runs))).toEqual(await wholeParse(multipart(runs)));
  });

  it('decodes stray characters in a base64 body as mailparser does', async () => {
    const b64 = photo.toString('base64');
    const stray = ['Content-Type: application/pdf', 'Content-Transfer-Encoding: base64', '', `${b64.slice(0, 5000)}%%.${b64.slice(5000, 9000)}*!${b64.slice(9000)}`].join('\r\n');
    expect(setAsideAttachments(multipart(stray))?.asides.size).toBe(1);
    expect(await kotaeParse(multipart(stray))).toEqual(await wholeParse(multipart(stray)));
    const urlAlphabet = stray.replace('*!', '-_');
    expect(setAsideAttachments(multipart(urlAlphabet))).toBeNull();
    expect(await kotaeParse(multipart(urlAlphabet))).toEqual(await wholeParse(multipart(urlAlphabet)));
  });

  it('finds attachments in nested multiparts', () => {
    const nested = ['Content-Type: multipart/related; boundary="b2"', '', '--b2', photoPart, '--b2--', ''].join('\r\n');
    expect(setAsideAttachments(multipart(nested))?.asides.size).toBe(1);
  });
});
