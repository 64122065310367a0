// Issue #4's promise over the whole labelled corpus: every buyer message and Seller Support mail gets
// a decision from the playbook, every decision with a template renders, and every rendered reply to
// a buyer passes the policy guard. The only decisions without a template are the deliberate notices
// (a thank-you that needs no answer, a real answer from Seller Support).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { loadConfig } from '../../src/config/load.ts';
import { draftReplies } from '../../src/respond/respond.ts';
import { loadReplyKit } from '../../src/respond/kit.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';

const fixtures = join(import.meta.dirname, '../fixtures/amazon');
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-replies-'));
  // Every message counts as fresh: a year of history and of reply window.
  writeFileSync(
    join(dir, 'kotae.config.yaml'),
    'sync: { historyDays: 365, replyWindowHours: 8760 }\naccounts:\n  - { id: shop, marketplace: JP, address: shop@example.com, shopName: みなとストア, approvers: [owner@example.com], outboxDir: ./outbox }\n',
  );
  expect(await main(['import', fixtures], bufferIo({ KOTAE_NOW: '2026-11-23T00:00:00Z' }, dir))).toBe(0);
  const config = loadConfig(join(dir, 'kotae.config.yaml'));
  store = await openStore(config.dataDir);
  await draftReplies({ config, db: store.db, clock: fixedClock('2026-11-23T00:00:00Z'), log: silentLogger }, loadReplyKit(config));
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('replies for the whole corpus', () => {
  it('every buyer message and Seller Support mail waiting for the seller gets a decision', async () => {
    const waiting = await store.db
      .selectFrom('messages')
      .innerJoin('cases', 'cases.id', 'messages.case_id')
      .leftJoin('drafts', 'drafts.message_id', 'messages.id')
      .select(['messages.origin', 'messages.kind', 'drafts.id as draft', 'drafts.play', 'drafts.template'])
      .where('messages.kind', 'in', ['buyer_message', 'support_case'])
      .where('messages.respond_state', '=', 'done')
      .where('cases.status', '=', 'awaiting_seller')
      .execute();
    expect(waiting.length).toBeGreaterThan(30);
    expect(waiting.filter((m) => m.draft === null).map((m) => m.origin)).toEqual([]);
    const withoutTemplate = new Set(waiting.filter((m) => m.template === null).map((m) => m.play));
    expect([...withoutTemplate].filter((p) => !['thanks-only', 'support-answer'].includes(p!))).toEqual([]);
  });

  it('a case Amazon or the buyer already closed gets no draft', async () => {
    const closed = await store.db
      .selectFrom('messages')
      .innerJoin('cases', 'cases.id', 'messages.case_id')
      .leftJoin('drafts', 'drafts.message_id', 'messages.id')
      .select(['messages.origin', 'drafts.id as draft'])
      .where('cases.status', '=', 'resolved')
      .execute();
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.filter((m) => m.draft !== null).map((m) => m.origin)).toEqual([]);
  });

  it('every template renders (no failed drafts) and every reply to a buyer passes the guard', async () => {
    const drafts = await store.db.selectFrom('drafts').select(['id', 'play', 'template', 'audience', 'language', 'guard_ok', 'violations_json', 'note']).execute();
    expect(drafts.filter((d) => d.play === 'error')).toEqual([]);
    const buyerReplies = drafts.filter((d) => d.audience === 'buyer' && d.template !== null);
    expect(buyerReplies.length).toBeGreaterThan(25);
    expect(buyerReplies.filter((d) => d.guard_ok !== 1).map((d) => `${d.template}.${d.language}: ${d.violations_json}`)).toEqual([]);
    // Japanese buyers get Japanese, English buyers English.
    expect(new Set(buyerReplies.map((d) => d.language))).toEqual(new Set(['ja', 'en']));
  });

  it('templates preview --case renders for a real case, in the language its draft got', async () => {
    const draft = await store.db.selectFrom('drafts').select(['case_id', 'template', 'language']).where('audience', '=', 'buyer').where('language', '=', 'en').where('template', 'is not', null).executeTakeFirstOrThrow();
    const io = bufferIo({ KOTAE_NOW: '2026-11-23T00:00:00Z' }, dir);
    expect(await main(['templates', 'preview', draft.template!, '--case', String(draft.case_id)], io)).toBe(0);
    expect(io.stdout[0]).toContain(`Template ${draft.template}.en (buyer)`);
    expect(io.stdout.join('\n')).toContain('Policy check: passed');
  });
});
