// A Seller Support case's facts through the command line on a real SQLite store: Amazon's mail is
// imported, then note, case --json / --fault / --money / --export, verify (intact and tampered), and
// a reply to kotae's mail whose first line is メモ: or 責任: / 金額:.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config/load.ts';
import { queueToApprover } from '../../src/outbox/to-approver.ts';
import { openStore } from '../../src/store/index.ts';
import { makeTestDir } from '../support/tmp.ts';

const fixtures = join(import.meta.dirname, '../fixtures/support-facts');
const JP_CASE = '8930127745';
const US_CASE = '19822888382';
let dir: string;

async function run(args: string[], now = '2026-12-05T00:00:00Z') {
  const io = bufferIo({ KOTAE_NOW: now }, dir);
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr, json: () => JSON.parse(io.stdout.join('\n')) as Record<string, any> };
}

beforeAll(async () => {
  dir = makeTestDir('kotae-facts-');
  writeFileSync(
    join(dir, 'kotae.config.yaml'),
    [
      'dataDir: ./data',
      'timezone: Asia/Tokyo',
      'accounts:',
      '  - { id: jp, marketplace: JP, address: shop@example.com, approvers: [owner@example.com], outboxDir: ./outbox-jp }',
      '  - { id: us, marketplace: US, address: shop@example.com, approvers: [owner@example.com], outboxDir: ./outbox-us }',
      '',
    ].join('\n'),
  );
  expect((await run(['import', join(fixtures, 'jp-01-blame.eml'), join(fixtures, 'jp-02-admission.eml'), '--account', 'jp'])).code).toBe(0);
  expect((await run(['import', join(fixtures, 'en-01-blame.eml'), join(fixtures, 'en-02-admission.eml'), '--account', 'us'])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kotae case --json on a Seller Support case', () => {
  it('carries the fault with Amazon\'s own sentences, disputed, and the promised money', async () => {
    const r = await run(['case', JP_CASE, '--json']);
    expect(r.code).toBe(0);
    const c = r.json();
    const [blame, admission] = c.events.filter((e: { type: string }) => e.type === 'message_in');
    expect(c.fault).toEqual({
      party: 'amazon',
      disputed: true,
      evidence: [
        { eventId: blame.id, party: 'seller', quote: 'お調べしましたところ、出品者様が商品を削除されたため、エラーとして計上されております。' },
        { eventId: admission.id, party: 'amazon', quote: '担当部署にて再調査いたしました結果、弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されていたことが判明いたしました。' },
      ],
    });
    expect(c.money).toEqual([{ amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'promised', eventIds: [admission.id] }]);
    expect(c.notes).toEqual([]);
    expect(c.timelineIntact).toBe(true);
    expect(c.events.every((e: { hash: string }) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it('reads the English case the same way', async () => {
    const c = (await run(['case', US_CASE, '--json'])).json();
    expect(c.fault).toMatchObject({ party: 'amazon', disputed: true });
    expect(c.fault.evidence.map((e: { party: string }) => e.party)).toEqual(['seller', 'amazon', 'amazon']);
    expect(c.money).toEqual([expect.objectContaining({ amount: 214.8, currency: 'USD', what: 'storage fees', state: 'promised' })]);
  });
});

describe('kotae note and the seller\'s settings', () => {
  it('adds a note with its channel to the timeline', async () => {
    const r = await run(['note', JP_CASE, 'テクサポの田村様と電話。システムの不具合と認め、7営業日以内に補填するとのこと。', '--channel', 'phone'], '2026-12-05T02:00:00Z');
    expect(r.code).toBe(0);
    const c = (await run(['case', JP_CASE, '--json'])).json();
    expect(c.notes).toEqual([{ eventId: expect.any(Number), at: '2026-12-05T02:00:00.000Z', channel: 'phone', text: 'テクサポの田村様と電話。システムの不具合と認め、7営業日以内に補填するとのこと。' }]);
    expect(c.events.at(-1)).toMatchObject({ type: 'note', actor: 'seller' });
  });

  it('lets the seller set the fault, and hand it back to Amazon\'s answers', async () => {
    expect((await run(['case', JP_CASE, '--fault', 'seller'])).code).toBe(0);
    expect((await run(['case', JP_CASE, '--json'])).json().fault).toMatchObject({ party: 'seller', disputed: true });
    expect((await run(['case', JP_CASE, '--fault', 'auto'])).code).toBe(0);
    expect((await run(['case', JP_CASE, '--json'])).json().fault).toMatchObject({ party: 'amazon', disputed: true });
  });

  it('adds and removes an amount the seller typed', async () => {
    expect((await run(['case', JP_CASE, '--money', '1200 JPY 返送手数料 claimed'])).code).toBe(0);
    expect((await run(['case', JP_CASE, '--json'])).json().money).toEqual([
      expect.objectContaining({ amount: 3240, state: 'promised' }),
      expect.objectContaining({ amount: 1200, currency: 'JPY', what: '返送手数料', state: 'claimed' }),
    ]);
    expect((await run(['case', JP_CASE, '--money', '1200円 取消'])).code).toBe(0);
    expect((await run(['case', JP_CASE, '--json'])).json().money).toEqual([expect.objectContaining({ amount: 3240 })]);
  });

  it('refuses bad values with exit 2 and records nothing', async () => {
    const before = (await run(['case', JP_CASE, '--json'])).json().events.length;
    const fault = await run(['case', JP_CASE, '--fault', 'maybe']);
    expect(fault.code).toBe(2);
    expect(fault.stderr.join('\n')).toContain('--fault amazon, seller, unclear, or auto');
    const money = await run(['case', JP_CASE, '--money', '在庫保管手数料 claimed']);
    expect(money.code).toBe(2);
    expect(money.stderr.join('\n')).toContain('is missing an amount');
    expect((await run(['note', JP_CASE])).code).toBe(2);
    expect((await run(['note', JP_CASE, 'x', '--channel', 'fax'])).code).toBe(2);
    expect((await run(['note', '4242424242', 'x'])).code).toBe(1);
    expect((await run(['case', JP_CASE, '--json'])).json().events.length).toBe(before);
  });

  it('follows the payment when Amazon says it is done, and shows it in Japanese', async () => {
    expect((await run(['import', join(fixtures, 'jp-03-paid.eml'), '--account', 'jp'], '2026-12-14T03:00:00Z')).code).toBe(0);
    const c = (await run(['case', JP_CASE, '--json'], '2026-12-14T03:00:00Z')).json();
    expect(c.money).toEqual([{ amount: 3240, currency: 'JPY', what: '在庫保管手数料', state: 'paid', eventIds: [expect.any(Number), expect.any(Number)] }]);
    const text = (await run(['case', JP_CASE], '2026-12-14T03:00:00Z')).stdout.join('\n');
    expect(text).toContain('責任の所在: Amazon（争いあり）');
    expect(text).toContain('金額: 在庫保管手数料 3,240円（入金済み）');
    const en = (await run(['case', US_CASE])).stdout.join('\n');
    expect(en).toContain('Fault: Amazon (disputed)');
    expect(en).toContain('Money: $214.80 storage fees — promised, not paid yet');
  });
});

describe('a reply to kotae\'s mail about the case', () => {
  it('records a メモ: reply as a note and 責任:/金額: lines as settings, and answers the approver', async () => {
    const config = loadConfig(join(dir, 'kotae.config.yaml'), dir);
    const account = config.accounts.find((a) => a.id === 'us')!;
    const store = await openStore(config.dataDir);
    let noticeId: string;
    try {
      const caseRow = (await store.db.selectFrom('cases').selectAll().where('support_case_id', '=', US_CASE).executeTakeFirstOrThrow())!;
      await queueToApprover(store.db, account, 'owner@example.com', { purpose: 'notice', ref: 'test.1', subject: '[kotae] Action needed: A Seller Support answer', text: 'A Seller Support answer.', caseId: caseRow.id, draftId: null }, new Date('2026-12-05T00:00:00Z'));
      noticeId = (await store.db.selectFrom('outbox').select('message_id').where('subject', '=', '[kotae] Action needed: A Seller Support answer').executeTakeFirstOrThrow()).message_id;
    } finally {
      await store.close();
    }
    const reply = (n: number, firstLines: string) =>
      [
        'From: Owner <owner@example.com>',
        'To: shop@example.com',
        `Subject: Re: [kotae] Action needed: A Seller Support answer`,
        `Message-ID: <facts-reply-${n}@example.com>`,
        `In-Reply-To: ${noticeId}`,
        `References: ${noticeId}`,
        'Date: Sat, 05 Dec 2026 10:00:00 +0000',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        firstLines,
        '',
        'On Sat, Dec 5, 2026 at 9:00 AM <shop@example.com> wrote:',
        '> A Seller Support answer.',
        '',
      ].join('\r\n');
    writeFileSync(join(dir, 'reply-1.eml'), reply(1, 'Note (phone): Priya confirmed on the phone that the error was theirs.'));
    writeFileSync(join(dir, 'reply-2.eml'), reply(2, 'Fault: amazon\nMoney: 39.98 USD lost units claimed'));
    expect((await run(['import', join(dir, 'reply-1.eml'), join(dir, 'reply-2.eml'), '--account', 'us'], '2026-12-05T10:05:00Z')).code).toBe(0);
    const c = (await run(['case', US_CASE, '--json'], '2026-12-05T10:05:00Z')).json();
    expect(c.notes).toEqual([expect.objectContaining({ channel: 'phone', text: 'Priya confirmed on the phone that the error was theirs.' })]);
    expect(c.fault).toMatchObject({ party: 'amazon', disputed: true });
    expect(c.money).toEqual([expect.objectContaining({ amount: 214.8, state: 'promised' }), expect.objectContaining({ amount: 39.98, what: 'lost units', state: 'claimed' })]);
    const store2 = await openStore(config.dataDir);
    try {
      const answers = await store2.db.selectFrom('outbox').select(['subject', 'to_json', 'case_id']).where('purpose', '=', 'feedback').orderBy('id').execute();
      expect(answers).toEqual([
        { subject: `[kotae] Recorded: case ${US_CASE}`, to_json: '["owner@example.com"]', case_id: c.id },
        { subject: `[kotae] Recorded: case ${US_CASE}`, to_json: '["owner@example.com"]', case_id: c.id },
      ]);
    } finally {
      await store2.close();
    }
  });
});

describe('kotae case --export and kotae verify', () => {
  it('writes a self-contained page and the JSON, with hashes and the attachment\'s SHA-256', async () => {
    const out = join(dir, 'dossier');
    const r = await run(['case', JP_CASE, '--export', out], '2026-12-14T03:00:00Z');
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(/i);
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).toContain('弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されていたことが判明いたしました。');
    expect(html).toContain('改ざんなし');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    expect(html).toContain('chousa-kekka.png');
    expect(html).toContain(createHash('sha256').update(png).digest('hex'));
    const doc = JSON.parse(readFileSync(join(out, 'case.json'), 'utf8'));
    expect(doc.fault.party).toBe('amazon');
    expect(doc.money[0]).toMatchObject({ amount: 3240, state: 'paid' });
    for (const e of doc.events) expect(html).toContain(e.hash);
    expect(doc.messages.every((m: { rawIntact: boolean }) => m.rawIntact)).toBe(true);
  });

  it('exits 0 while every timeline is intact, 1 naming the first altered event, 2 on bad usage', async () => {
    expect((await run(['verify'])).code).toBe(0);
    const c = (await run(['case', JP_CASE, '--json'])).json();
    const target = c.events.find((e: { type: string }) => e.type === 'message_in');
    const db = new Database(join(dir, 'data', 'kotae.sqlite'));
    try {
      db.prepare('update case_events set summary = ? where id = ?').run('support_case: 問題ありません', target.id);
    } finally {
      db.close();
    }
    const all = await run(['verify']);
    expect(all.code).toBe(1);
    expect(all.stderr.join('\n')).toContain(`case #${c.id}: timeline altered at event ${target.id}`);
    expect((await run(['verify', US_CASE])).code).toBe(0);
    expect((await run(['verify', JP_CASE])).code).toBe(1);
    expect((await run(['case', JP_CASE, '--json'])).json().timelineIntact).toBe(false);
    expect((await run(['verify', '1', '2'])).code).toBe(2);
    expect((await run(['verify', '4242424242'])).code).toBe(1);
  });
});
