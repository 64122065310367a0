// docs/contract.md, as outside checks drive it: the JSON of classify, guard and status, one line per
// file, errors per file, and the exit statuses (0 ok, 1 runtime failure, 2 bad usage or config).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';

const fixtures = join(import.meta.dirname, '../fixtures');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-cli-'));
  // Commands on the store need a configuration file; no account: import files them under `local`.
  writeFileSync(join(dir, 'kotae.config.yaml'), 'dataDir: ./data\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = bufferIo(env, dir);
  const code = await main(args, io);
  return {
    code,
    stdout: io.stdout,
    stderr: io.stderr,
    get json() {
      return io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

describe('kotae classify --json', () => {
  it('prints one object per file with the contract keys, and an error line for a bad file', async () => {
    const files = [join(fixtures, 'amazon/jp-buyer-phone-request-01.eml'), join(fixtures, 'mime/52-zero-byte.eml'), join(fixtures, 'amazon/us-support-case-answer-01.eml')];
    const r = await run(['classify', ...files, '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toHaveLength(3);
    expect(r.json[0]).toMatchObject({ file: files[0], kind: 'buyer_message', marketplace: 'JP', language: 'ja', orderId: '503-2281746-9930415', caseId: null, intents: ['defect', 'phone_request'] });
    expect(Object.keys(r.json[0]!)).toEqual(expect.arrayContaining(['file', 'kind', 'marketplace', 'language', 'orderId', 'caseId', 'intents']));
    expect(r.json[1]).toEqual({ file: files[1], error: 'empty message: the source delivered 0 bytes' });
    expect(r.json[2]).toMatchObject({ kind: 'support_case', caseId: '19822888381' });
    expect(r.stderr).toEqual([]);
  });

  it('exits 0 when every file was read, and 2 without a file', async () => {
    expect((await run(['classify', join(fixtures, 'amazon/us-buyer-cancel-01.eml'), '--json'])).code).toBe(0);
    const usage = await run(['classify', '--json']);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toEqual([]);
  });
});

describe('kotae guard --json', () => {
  it('passes a clean body, blocks a phone number with its excerpt, exits 1 when any is blocked', async () => {
    writeFileSync(join(dir, 'ok.txt'), '山田様\n\nご連絡ありがとうございます。返品は注文履歴からお手続きいただけます。\n');
    writeFileSync(join(dir, 'bad.txt'), 'お急ぎの場合は ０９０ー１２３４ー５６７８ までご連絡ください。\n');
    const r = await run(['guard', join(dir, 'ok.txt'), join(dir, 'bad.txt'), '--json', '--lang', 'ja']);
    expect(r.code).toBe(1);
    expect(r.json[0]).toEqual({ file: join(dir, 'ok.txt'), ok: true, violations: [] });
    expect(r.json[1]).toMatchObject({ file: join(dir, 'bad.txt'), ok: false });
    expect(r.json[1]!.violations).toContainEqual(expect.objectContaining({ rule: 'contact-phone', excerpt: '０９０ー１２３４ー５６７８' }));
    expect((await run(['guard', join(dir, 'ok.txt'), '--json'])).code).toBe(0);
  });

  it('treats a body in the wrong language as a violation, and a bad --lang as bad usage', async () => {
    const r = await run(['guard', join(dir, 'ok.txt'), '--json', '--lang', 'en']);
    expect(r.json[0]).toMatchObject({ ok: false, violations: [expect.objectContaining({ rule: 'language' })] });
    expect((await run(['guard', join(dir, 'ok.txt'), '--lang', 'fr'])).code).toBe(2);
    expect((await run(['guard', join(dir, 'missing.txt'), '--json'])).json[0]).toEqual({ file: join(dir, 'missing.txt'), error: 'no such file' });
  });
});

describe('kotae status --json and the rest', () => {
  it('reports the store as one object, counting a message seen twice once', async () => {
    const file = join(fixtures, 'amazon/jp-buyer-return-fba-01.eml');
    expect((await run(['import', file, file])).code).toBe(0);
    const status = (await run(['status', '--json'])).json[0]!;
    expect(status).toEqual({
      messages: 1,
      pending: 0,
      quarantined: 0,
      cases: { open: 1, overdue: expect.any(Number) },
      drafts: { waiting: 0 },
      outbox: { pending: 0, sent: 0, failed: 0 },
      accounts: [{ id: 'local', lastSyncAt: null, lastError: null }],
    });
  });

  it('lists and shows cases as JSON', async () => {
    const cases = (await run(['cases', '--all', '--json'])).json;
    expect(cases[0]).toMatchObject({ kind: 'order', orderId: '250-3817264-5501927', marketplace: 'JP' });
    const one = (await run(['case', '250-3817264-5501927', '--json'])).json[0]!;
    expect(one).toMatchObject({ orderId: '250-3817264-5501927', timelineIntact: true });
    expect(one.events).toEqual([expect.objectContaining({ type: 'message_in', actor: 'buyer' })]);
    expect((await run(['case', '999999'])).code).toBe(1);
  });

  it('answers --help with 0, no command and an unknown command with 2', async () => {
    expect((await run(['--help'])).code).toBe(0);
    expect((await run([])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['status', '--bogus'])).code).toBe(2);
  });

  it('templates check passes on the shipped templates and rules', async () => {
    const r = await run(['templates', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout.at(-1)).toMatch(/0 problem\(s\)/);
  });

  it('kotae demo runs the whole flow into a local outbox', async () => {
    const r = await run(['demo', '--dir', join(dir, 'demo'), '--json']);
    expect(r.code).toBe(0);
    expect(r.json[0]).toMatchObject({ messages: 15, samples: 13, approverAnswers: 2, quarantined: 0, replies: 2 });
    expect(readdirSync(join(dir, 'demo/outbox/jp')).length).toBeGreaterThan(3);
    expect(existsSync(join(dir, 'demo/kotae.config.yaml'))).toBe(true);
    // Run again: the demo folder is its own, and is recreated.
    expect((await run(['demo', '--dir', join(dir, 'demo'), '--json'])).code).toBe(0);
    writeFileSync(join(dir, 'not-mine.txt'), 'x');
    expect((await run(['demo', '--dir', dir])).code).toBe(2);
  });
});
