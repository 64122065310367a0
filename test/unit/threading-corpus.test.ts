// `kotae import` of the labelled corpus builds the cases a seller would: messages the labels put in
// one thread share a case, different threads never do, and caseless mail (approval replies,
// auto-replies, unrelated mail) joins none. Then each case's timeline and status are checked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { caseEvents, verifyTimeline } from '../../src/store/cases.ts';

const fixtures = join(import.meta.dirname, '../fixtures/amazon');
const labels = JSON.parse(readFileSync(join(fixtures, 'labels.json'), 'utf8')) as { file: string; thread: string | null; kind: string }[];
let dir: string;
let store: Store;
const caseOf = new Map<string, number | null>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-thread-'));
  // The corpus spans October and November 2026: with a year of history every message asks for action.
  writeFileSync(join(dir, 'kotae.config.yaml'), 'sync:\n  historyDays: 365\n');
  const io = bufferIo({ KOTAE_NOW: '2026-11-23T00:00:00Z' }, dir);
  expect(await main(['import', fixtures], io)).toBe(0);
  store = await openStore(join(dir, 'data'));
  const rows = await store.db.selectFrom('messages').select(['origin', 'case_id']).execute();
  for (const r of rows) caseOf.set(r.origin.slice(r.origin.lastIndexOf('/') + 1), r.case_id);
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('threading the corpus into cases', () => {
  it('every fixture was processed', () => {
    expect(caseOf.size).toBe(labels.length);
  });

  it('messages of one thread share a case', () => {
    const byThread = new Map<string, Set<number | null>>();
    for (const l of labels) if (l.thread) byThread.set(l.thread, (byThread.get(l.thread) ?? new Set()).add(caseOf.get(l.file)!));
    const split = [...byThread].filter(([, cases]) => cases.size !== 1 || cases.has(null));
    expect(split.map(([thread, cases]) => `${thread}: ${[...cases].join(',')}`)).toEqual([]);
  });

  it('different threads never share a case', () => {
    const threadOfCase = new Map<number, string>();
    const clashes: string[] = [];
    for (const l of labels) {
      const c = caseOf.get(l.file);
      if (!l.thread || c == null) continue;
      const seen = threadOfCase.get(c);
      if (seen && seen !== l.thread) clashes.push(`case ${c}: ${seen} and ${l.thread}`);
      threadOfCase.set(c, l.thread);
    }
    expect(clashes).toEqual([]);
  });

  it('caseless mail joins no case', () => {
    const wrong = labels.filter((l) => l.thread === null && caseOf.get(l.file) != null).map((l) => l.file);
    expect(wrong).toEqual([]);
  });

  it('every case timeline has one event per message, with an intact hash chain', async () => {
    const cases = await store.db.selectFrom('cases').select('id').execute();
    // One case per labelled thread, so that the loop below checks each of them (and not none).
    expect(cases).toHaveLength(new Set(labels.flatMap((l) => (l.thread ? [l.thread] : []))).size);
    for (const { id } of cases) {
      const events = await caseEvents(store.db, id);
      const messages = [...caseOf.values()].filter((c) => c === id).length;
      expect(messages).toBeGreaterThan(0);
      expect(events.filter((e) => e.message_id !== null)).toHaveLength(messages);
      expect(await verifyTimeline(store.db, id)).toBeNull();
    }
  });

  it('a Seller Support case counts Amazon answers, and a resolved notice resolves it', async () => {
    const support = await store.db.selectFrom('cases').selectAll().where('support_case_id', '=', '13872264510').executeTakeFirstOrThrow();
    expect(support).toMatchObject({ kind: 'support', amazon_answers: 3, status: 'awaiting_seller' });
    const resolved = await store.db.selectFrom('cases').selectAll().where('support_case_id', '=', '19822888381').executeTakeFirstOrThrow();
    expect(resolved.status).toBe('resolved');
  });

  it("Amazon's copy of the seller's Seller Central answer marks the case answered; the buyer's later reply reopens it", async () => {
    const order = await store.db.selectFrom('cases').selectAll().where('order_id', '=', '250-3817264-5501927').executeTakeFirstOrThrow();
    const types = (await caseEvents(store.db, order.id)).map((e) => e.type);
    expect(types).toContain('seller_replied_elsewhere');
    expect(order.last_outbound_at).not.toBeNull();
    // The buyer thanked the seller after the answer: it is the buyer's turn again in Amazon's eyes.
    expect(order.status).toBe('awaiting_seller');
  });

  it('a buyer message reply-by time is 24 hours after the message', async () => {
    const order = await store.db.selectFrom('cases').selectAll().where('order_id', '=', '250-9014473-2208851').executeTakeFirstOrThrow();
    const first = await store.db.selectFrom('case_events').select('at').where('case_id', '=', order.id).where('type', '=', 'message_in').orderBy('at').executeTakeFirstOrThrow();
    expect(order.reply_by).not.toBeNull();
    expect(new Date(order.reply_by!).getTime() - new Date(first.at).getTime()).toBe(24 * 3_600_000);
  });

  it('a tampered event breaks the chain', async () => {
    const first = await store.db.selectFrom('case_events').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
    await store.db.updateTable('case_events').set({ summary: 'edited' }).where('id', '=', first.id).execute();
    expect(await verifyTimeline(store.db, first.case_id)).toBe(first.id);
  });
});
