// `kotae import` of local mail: a folder of .eml files, a Maildir (cur/ and new/) and an mbox file
// (mboxrd quoting undone), through the real command with a real SQLite store. Re-importing stores
// nothing new; the same mail from two sources is stored once.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { STORE_FILE } from '../../src/store/index.ts';
import { runKotae } from '../support/child.ts';
import { makeTestDir } from '../support/tmp.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/mailboxes');
const EML_FOLDER = join(FIXTURES, 'eml-folder');
const MAILDIR = join(FIXTURES, 'maildir');
const MBOX = join(FIXTURES, 'archive.mbox');

interface ImportSummary {
  account: string;
  read: number;
  stored: number;
  duplicates: number;
  processed: number;
  failed: number;
  quarantined: number;
}

interface Row {
  id: number;
  account_id: string;
  message_id: string;
  message_id_synthetic: number;
  origin: string;
  state: string;
  subject: string | null;
  bytes: Buffer;
}

describe('kotae import of local mail', () => {
  let tmp: string;
  let n = 0;

  beforeAll(() => {
    tmp = makeTestDir('kotae-import-');
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** A fresh store and a config with one account `jp` (no IMAP: import needs none). */
  function freshStore(): { config: string; dbFile: string } {
    const dir = join(tmp, `s${++n}`);
    const config = join(dir, 'kotae.config.yaml');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      config,
      ['dataDir: ./data', 'accounts:', '  - id: jp', '    marketplace: JP', '    address: shop@example.com', '    approvers: [owner@example.com]', '    outboxDir: ./outbox', ''].join('\n'),
    );
    return { config, dbFile: join(dir, 'data', STORE_FILE) };
  }

  async function kotaeImport(config: string, ...paths: string[]): Promise<ImportSummary> {
    const io = bufferIo({}, tmp);
    const code = await main(['import', ...paths, '--config', config, '--json'], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    return JSON.parse(io.stdout.at(-1)!) as ImportSummary;
  }

  function rows(dbFile: string): Row[] {
    const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare(
          'SELECT m.id, m.account_id, m.message_id, m.message_id_synthetic, m.origin, m.state, m.subject, r.bytes FROM messages m JOIN message_raw r ON r.message_id = m.id ORDER BY m.id',
        )
        .all() as Row[];
    } finally {
      db.close();
    }
  }

  it('a folder of .eml files: every .eml (subfolders too) once, nothing else; re-import stores nothing', async () => {
    const { config, dbFile } = freshStore();
    expect(await kotaeImport(config, EML_FOLDER)).toMatchObject({ account: 'jp', read: 3, stored: 3, duplicates: 0, processed: 3, failed: 0 });
    const stored = rows(dbFile);
    expect(stored.map((r) => r.origin)).toEqual([
      `file:${join(EML_FOLDER, '001-buyer-jp.eml')}`,
      `file:${join(EML_FOLDER, '002-support-en.eml')}`,
      `file:${join(EML_FOLDER, '2026-10/003-order-en.eml')}`,
    ]);
    expect(stored.every((r) => r.account_id === 'jp' && r.state === 'processed')).toBe(true);
    // Raw bytes exactly as on disk (CRLF kept where the file has it).
    expect(stored[0]!.bytes.equals(readFileSync(join(EML_FOLDER, '001-buyer-jp.eml')))).toBe(true);
    expect(stored[0]!.subject).toBe('お客様からの問い合わせ（注文番号：250-1193847-6620314）');

    expect(await kotaeImport(config, EML_FOLDER)).toMatchObject({ read: 3, stored: 0, duplicates: 3, processed: 0 });
    expect(rows(dbFile)).toHaveLength(3);
  });

  it('a Maildir: cur/ and new/ both; re-import stores nothing', async () => {
    const { config, dbFile } = freshStore();
    expect(await kotaeImport(config, MAILDIR)).toMatchObject({ read: 3, stored: 3, duplicates: 0, processed: 3, failed: 0 });
    const stored = rows(dbFile);
    expect(stored.map((r) => r.origin)).toEqual([
      `file:${join(MAILDIR, 'cur/1761100000.M100P4242.mailhost:2,S')}`,
      `file:${join(MAILDIR, 'cur/1761200000.M200P4242.mailhost:2,RS')}`,
      `file:${join(MAILDIR, 'new/1761300000.M300P4242.mailhost')}`,
    ]);
    expect(stored.map((r) => r.subject)).toEqual([
      'Inquiry from Amazon customer Josh (Order: 111-2233445-5667788)',
      '[Case ID: 20011223344] 出品の停止について',
      'お客様からの問い合わせ（注文番号：250-1193847-6620314）',
    ]);

    expect(await kotaeImport(config, MAILDIR)).toMatchObject({ read: 3, stored: 0, duplicates: 3 });
    expect(rows(dbFile)).toHaveLength(3);
  });

  it('an mbox: split on From_ lines, >From quoting undone byte for byte; re-import stores nothing', async () => {
    const { config, dbFile } = freshStore();
    expect(await kotaeImport(config, MBOX)).toMatchObject({ read: 3, stored: 3, duplicates: 0, processed: 3, failed: 0 });
    const stored = rows(dbFile);
    expect(stored.map((r) => r.origin)).toEqual([1, 2, 3].map((i) => `mbox:${MBOX}#${i}`));
    stored.forEach((row, i) => {
      const expected = readFileSync(join(FIXTURES, 'mbox-expected', `${i + 1}.eml`));
      expect(row.bytes.toString('utf8'), `message ${i + 1}`).toBe(expected.toString('utf8'));
    });
    const text = stored.map((r) => r.bytes.toString('utf8'));
    // `>From the FBA team` in the mbox is `From the FBA team` in the message…
    expect(text[0]).toContain('\nFrom the FBA team: the units were found.\n');
    expect(text[0]).not.toContain('>From the FBA team');
    // …and `>>From` is `>From`: one level of quoting comes off, not all of it.
    expect(text[1]).toContain('\n>From here on, ship within 2 days.\n');
    expect(text[1]).not.toContain('>>From');
    expect(text[2]).toContain('\n>From the warehouse: 40 units arrive on Monday.\n');
    // The separator lines belong to the mbox, not to any message.
    for (const t of text) expect(t).not.toMatch(/^From [^:]*\d{4}$/m);
    // The message without a Message-ID gets a synthetic one.
    expect(stored.map((r) => r.message_id_synthetic)).toEqual([0, 0, 1]);
    expect(stored[2]!.message_id).toMatch(/^<[0-9a-f]{32}@kotae\.invalid>$/);

    expect(await kotaeImport(config, MBOX)).toMatchObject({ read: 3, stored: 0, duplicates: 3 });
    expect(rows(dbFile)).toHaveLength(3);
  });

  it('all three at once with the kotae command: the mail both in the folder and the Maildir is stored once', async () => {
    const { config, dbFile } = freshStore();
    const run = await runKotae(['import', EML_FOLDER, MAILDIR, MBOX, '--config', config, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ account: 'jp', read: 9, stored: 8, duplicates: 1, processed: 8, failed: 0 });
    const stored = rows(dbFile);
    expect(stored).toHaveLength(8);
    expect(new Set(stored.map((r) => r.message_id)).size).toBe(8);
    // The CRLF .eml came first; the Maildir's LF copy of it was the duplicate.
    const dup = stored.filter((r) => r.message_id === '<010001907770f27a-mailboxes-fixture-0001-000000@ap-northeast-1.amazonses.com>');
    expect(dup.map((r) => r.origin)).toEqual([`file:${join(EML_FOLDER, '001-buyer-jp.eml')}`]);

    const again = await runKotae(['import', MBOX, MAILDIR, EML_FOLDER, '--config', config, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: 9, stored: 0, duplicates: 9 });
    const status = await runKotae(['status', '--json', '--config', config]);
    expect(JSON.parse(status.stdout)).toMatchObject({ messages: 8, quarantined: 0 });
  });
});
