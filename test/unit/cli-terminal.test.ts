// The terminal as a seller meets it in the first hour (issue 17): a draft shown as the buyer would get
// it and filled from the terminal, one exit-code rule (not found is 1, bad usage 2), import failing
// when it quarantined, folders and standard input for classify and guard, times in the seller's zone.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { runDemo } from '../../src/demo/demo.ts';
import { createLogger } from '../../src/shared/log.ts';

const fixtures = join(import.meta.dirname, '../fixtures');
let dir: string;
let demoOut: string[];

async function run(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  const io = bufferIo(options.env ?? {}, dir, options.stdin ?? '');
  const code = await main(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n'), lines: io.stdout };
}
const demo = (...args: string[]) => run([...args, '--config', 'demo/kotae.config.yaml']);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-terminal-'));
  demoOut = [];
  await runDemo({ dir: join(dir, 'demo'), out: (l) => demoOut.push(l), log: createLogger({ level: 'silent' }) });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo and status right after it', () => {
  it('counts what status counts: received messages, open cases, overdue, drafts waiting', async () => {
    const status = JSON.parse((await demo('status', '--json')).stdout) as { messages: number; cases: { open: number; overdue: number }; drafts: { waiting: number } };
    const said = demoOut.join('\n');
    expect(said).toContain(`${status.messages} messages received (13 from the sample mailbox, 2 approver answers)`);
    expect(said).toContain(`${status.cases.open} open cases (${status.cases.overdue} overdue), ${status.drafts.waiting} drafts waiting for approval`);
    expect(status.messages).toBe(15);
  });

  it('keeps its evening as the store clock: the cases are not overdue afterwards', async () => {
    const status = JSON.parse((await demo('status', '--json')).stdout) as { cases: { overdue: number } };
    expect(status.cases.overdue).toBe(0);
    const cases = (await demo('cases')).stdout;
    expect(cases).not.toMatch(/ ago\)|!\d{4}-/);
    expect(readFileSync(join(dir, 'demo/kotae.config.yaml'), 'utf8')).toMatch(/^pinnedClock: 2026-11-20T/m);
  });

  it('names a draft by its draft number and its case by the case number the table shows', () => {
    const table = demoOut.filter((l) => /^\s+\d+\s+(jp|us)\s/.test(l));
    const answered = demoOut.filter((l) => /^\s+(jp|us): draft #\d+ \(case #\d+\)/.test(l));
    expect(answered).toHaveLength(2);
    for (const line of answered) {
      const [, draft, kase] = /draft #(\d+) \(case #(\d+)\)/.exec(line)!;
      // The table's row for that draft shows the same case.
      expect(table.find((row) => row.includes(`draft #${draft} for approval`))).toMatch(new RegExp(`#${kase}\\s`));
    }
  });

  it('writes outbox files a person reads with cat: UTF-8 8bit, decoded subject, legal line lengths', () => {
    const first = readFileSync(join(dir, 'demo/outbox/jp/000001.eml'));
    const text = first.toString('utf8');
    expect(text).toContain('Content-Transfer-Encoding: 8bit');
    expect(text).toMatch(/^Subject: \[kotae #\w+\] .*返信/m);
    expect(text).toContain('何卒よろしくお願いいたします。');
    expect(text).not.toMatch(/=E3=|=\?UTF-8\?/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
  });
});

describe('kotae draft', () => {
  it('shows a draft as the buyer would get it, with what to do next', async () => {
    const r = await demo('draft', '2');
    expect(r.code).toBe(0);
    expect(r.lines[0]).toBe('Draft #2 · revision 1 · waiting for approval · case #2 (order 503-2871046-5539216)');
    expect(r.stdout).toContain('From: みなとストア <shop-jp@example.com>');
    expect(r.stdout).toMatch(/^To: \w+@marketplace\.amazon\.co\.jp$/m);
    expect(r.stdout).toMatch(/^Subject: Re: .*503-2871046-5539216/m);
    expect(r.stdout).toContain('中村 健一様');
    expect(r.stdout).toContain('kotae approve 2');
    expect(r.stdout).toMatch(/reply by 2026-11-21 08:57 JST/);
  });

  it('is pointed to by drafts and case', async () => {
    expect((await demo('drafts')).stdout).toContain('`kotae draft ID` shows a draft');
    expect((await demo('case', '2')).stdout).toContain('`kotae draft 2` shows its text');
  });

  it('answers a missing draft with 1 and a malformed ID with 2', async () => {
    const missing = await demo('draft', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^kotae: no draft 999\n`kotae drafts --all`/);
    expect((await demo('draft', 'abc')).code).toBe(2);
    expect((await demo('approve', '999')).code).toBe(1);
    expect((await demo('reject', '999')).code).toBe(1);
    expect((await demo('case', '999')).code).toBe(1);
    expect((await demo('approve')).code).toBe(2);
  });
});

describe('filling a draft from the terminal', () => {
  it('keeps a text with a blank waiting, shows the blank, then approves the filled text as a new revision', async () => {
    const body = JSON.parse((await demo('draft', '3', '--json')).stdout).body as string;
    const withBlank = body.replace('何卒よろしくお願いいたします。', '【要記入: 発送予定日】に発送いたします。\n\n何卒よろしくお願いいたします。');
    const blocked = await run(['approve', '3', '--body', '-', '--config', 'demo/kotae.config.yaml'], { stdin: withBlank });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('blank to fill: 【要記入: 発送予定日】');
    const next = Number(/kotae approve (\d+) --body FILE/.exec(blocked.stderr)![1]);
    const shown = await demo('draft', String(next));
    expect(shown.stdout).toContain('Blanks to fill before it can be sent (1):\n  【要記入: 発送予定日】');
    expect(shown.stdout).toContain(`Fill it in: kotae draft ${next} --edit`);
    expect((JSON.parse((await demo('draft', String(next), '--json')).stdout) as { blanks: string[] }).blanks).toEqual(['【要記入: 発送予定日】']);
    // An approval as is still refuses the blank.
    expect((await demo('approve', String(next))).code).toBe(1);
    const latest = Math.max(...(await demo('drafts', '--json')).lines.map((l) => (JSON.parse(l) as { id: number; caseId: number }).caseId === 3 ? (JSON.parse(l) as { id: number }).id : 0));
    writeFileSync(join(dir, 'filled.txt'), `${withBlank.replace('【要記入: 発送予定日】', '11月24日')}\n`);
    const r = await run(['approve', String(latest), '--body', 'filled.txt', '--config', 'demo/kotae.config.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Draft ${latest} edited and approved; the next cycle sends the new text.`);
    const approved = (await demo('draft', String(latest + 1), '--json')).stdout;
    expect(JSON.parse(approved)).toMatchObject({ caseId: 3, state: 'approved', blanks: [] });
    expect(JSON.parse(approved).body).toContain('11月24日に発送いたします。');
  });

  it('edits in $EDITOR: a changed text is approved through the guard, which blocks a phone number', async () => {
    const r = await run(['draft', '9', '--edit', '--config', 'demo/kotae.config.yaml'], { env: { EDITOR: "sed -i -e '$a Call us at 310-555-0142 any time.'" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/contact-phone/);
    const unchanged = await run(['draft', '2', '--edit', '--config', 'demo/kotae.config.yaml'], { env: { EDITOR: 'true' } });
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain('No change; draft 2 still waits');
    const broken = await run(['draft', '2', '--edit', '--config', 'demo/kotae.config.yaml'], { env: { EDITOR: 'false' } });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/the editor \(false\) exited with status 1; nothing changed/);
  });

  it('treats a --body file that does not exist as bad usage', async () => {
    const r = await demo('approve', '2', '--body', 'nope.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--body nope.txt: no such file');
  });
});

describe('classify and guard read folders and standard input', () => {
  it('classify - reads one message from standard input', async () => {
    const raw = readFileSync(join(fixtures, 'amazon/jp-buyer-phone-request-01.eml'), 'utf8');
    const r = await run(['classify', '-', '--json'], { stdin: raw });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: '-', kind: 'buyer_message', orderId: '503-2281746-9930415' });
  });

  it('classify FOLDER reads its files in name order, one line each, never a raw EISDIR', async () => {
    const folder = join(dir, 'mails');
    mkdirSync(folder);
    writeFileSync(join(folder, 'b.eml'), readFileSync(join(fixtures, 'amazon/us-buyer-cancel-01.eml')));
    writeFileSync(join(folder, 'a.eml'), readFileSync(join(fixtures, 'amazon/jp-buyer-phone-request-01.eml')));
    const r = await run(['classify', 'mails', '--json']);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => JSON.parse(l).file)).toEqual([join('mails', 'a.eml'), join('mails', 'b.eml')]);
    mkdirSync(join(dir, 'empty'));
    const empty = await run(['classify', 'empty', '--json']);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout)).toEqual({ file: 'empty', error: 'a folder with no files in it' });
    expect(empty.stdout + empty.stderr).not.toContain('EISDIR');
  });

  it('guard - checks the text on standard input; guard FOLDER checks each file', async () => {
    const blocked = await run(['guard', '-', '--json', '--lang', 'ja'], { stdin: 'お急ぎの場合は ０９０ー１２３４ー５６７８ までご連絡ください。\n' });
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.stdout)).toMatchObject({ file: '-', ok: false });
    const clean = await run(['guard', '-', '--lang', 'ja'], { stdin: '山田様\n\nご連絡ありがとうございます。返品は注文履歴からお手続きいただけます。\n' });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('-: ok');
    mkdirSync(join(dir, 'texts'));
    writeFileSync(join(dir, 'texts/1.txt'), '山田様\n\nご連絡ありがとうございます。\n');
    writeFileSync(join(dir, 'texts/2.txt'), 'LINEのIDは shop123 です。こちらにご連絡ください。\n');
    const folder = await run(['guard', 'texts', '--json', '--lang', 'ja']);
    expect(folder.lines.map((l) => JSON.parse(l) as { file: string; ok: boolean })).toEqual([
      expect.objectContaining({ file: join('texts', '1.txt'), ok: true }),
      expect.objectContaining({ file: join('texts', '2.txt'), ok: false }),
    ]);
  });
});

describe('import, status and secrets', () => {
  it('import exits 1 and says how many when it quarantined something', async () => {
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'store/kotae.config.yaml'), 'dataDir: ./data\ntimezone: America/New_York\n');
    const r = await run(['import', join(fixtures, 'mime/52-zero-byte.eml'), join(fixtures, 'amazon/us-buyer-cancel-01.eml'), '--config', 'store/kotae.config.yaml']);
    expect(r.stderr).toMatch(/^kotae: 1 message\(s\) quarantined: `kotae quarantine` shows why/);
    expect(r.code).toBe(1);
    const ok = await run(['import', join(fixtures, 'amazon/us-buyer-cancel-01.eml'), '--config', 'store/kotae.config.yaml']);
    expect(ok.code).toBe(0);
  });

  it('status prints times in the configured zone; --json keeps ISO UTC', async () => {
    const file = join(dir, 'store/kotae.config.yaml');
    writeFileSync(file, 'dataDir: ./data\ntimezone: America/New_York\naccounts:\n  - { id: us, marketplace: US, address: shop@example.com, approvers: [owner@example.com], outboxDir: ./outbox }\n');
    // A cycle with no mailbox syncs nothing; the account's last sync is written by the sync itself.
    const { openStore } = await import('../../src/store/index.ts');
    const store = await openStore(join(dir, 'store/data'));
    await store.db.insertInto('account_state').values({ account_id: 'us', last_sync_at: '2026-11-23T01:02:03.000Z', last_error: null, last_error_at: null }).execute();
    await store.close();
    const text = await run(['status', '--config', file]);
    expect(text.stdout).toContain('Account us: last synced 2026-11-22 20:02 EST');
    const json = JSON.parse((await run(['status', '--json', '--config', file])).stdout) as { accounts: { lastSyncAt: string }[] };
    expect(json.accounts[0]!.lastSyncAt).toBe('2026-11-23T01:02:03.000Z');
  });

  it('once names every missing secret at once', async () => {
    const file = join(dir, 'secrets.yaml');
    writeFileSync(
      file,
      'accounts:\n  - id: jp\n    marketplace: JP\n    address: shop@example.com\n    approvers: [owner@example.com]\n    imap: { host: 127.0.0.1, user: shop@example.com, passwordEnv: KOTAE_T_IMAP }\n    smtp: { host: 127.0.0.1, passwordEnv: KOTAE_T_SMTP }\n',
    );
    const r = await run(['once', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2 secrets are missing');
    expect(r.stderr).toContain('accounts[jp].imap.passwordEnv: environment variable KOTAE_T_IMAP is not set');
    expect(r.stderr).toContain('accounts[jp].smtp.passwordEnv: environment variable KOTAE_T_SMTP is not set');
  });
});
