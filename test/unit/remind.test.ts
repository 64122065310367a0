// On time: reminders before Amazon's 24-hour limit (each once), the breach alert, the daily digest,
// and a Seller Support follow-up after days of silence. In-process, clock pinned, mail written to a
// local outbox folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmPosted } from '../../src/outbox/case-log.ts';
import { parseConfigText, type Config } from '../../src/config/load.ts';
import { runCycle, type MailIo } from '../../src/cycle.ts';
import { decide } from '../../src/approval/decide.ts';
import { loadReplyKit } from '../../src/respond/kit.ts';
import { folderTransport } from '../../src/outbox/transport.ts';
import { LocalSource } from '../../src/sources/local.ts';
import { syncSource } from '../../src/ingest/sync.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { getDraft } from '../../src/store/drafts.ts';

const HOUR = 3_600_000;
const fixtures = join(import.meta.dirname, '../fixtures/amazon');

describe('reminders, digest and follow-ups', () => {
  let dir: string;
  let store: Store;
  let config: Config;
  const clock = fixedClock('2026-10-28T03:00:00Z');
  const io: MailIo = { imap: () => null, transport: (a) => folderTransport(a.outboxDir!) };

  beforeEach(async () => {
    clock.set('2026-10-28T03:00:00Z');
    dir = mkdtempSync(join(tmpdir(), 'kotae-remind-'));
    config = parseConfigText(
      JSON.stringify({ dataDir: join(dir, 'data'), accounts: [{ id: 'jp', marketplace: 'JP', address: 'shop@example.com', approvers: ['owner@example.com'], outboxDir: join(dir, 'outbox') }] }),
      join(dir, 'kotae.config.yaml'),
    );
    store = await openStore(config.dataDir);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ctx = () => ({ config, db: store.db, clock, log: silentLogger });
  const cycle = (extra: { digest?: boolean } = {}) => runCycle(ctx(), { io, ...extra });
  async function importFixture(name: string): Promise<void> {
    await syncSource(ctx(), 'jp', new LocalSource([join(fixtures, name)]));
  }
  async function outboxSubjects(): Promise<string[]> {
    const files = readdirSync(join(dir, 'outbox')).sort();
    return Promise.all(files.map(async (f) => (await simpleParser(readFileSync(join(dir, 'outbox', f)))).subject ?? ''));
  }

  it('reminds at 12 h, 4 h and 1 h before the reply-by time, once each, then alerts once when it passes', async () => {
    // jp-buyer-invoice-01 was written 2026-10-28 02:12 UTC: reply by 2026-10-29 02:12 UTC.
    await importFixture('jp-buyer-invoice-01.eml');
    await cycle();
    const replyBy = new Date((await store.db.selectFrom('cases').select('reply_by').executeTakeFirstOrThrow()).reply_by!);
    const at = async (hoursLeft: number) => {
      clock.set(new Date(replyBy.getTime() - hoursLeft * HOUR));
      return (await cycle()).reminders;
    };
    expect(await at(13)).toEqual({ reminders: 0, breaches: 0 });
    expect(await at(11.5)).toEqual({ reminders: 1, breaches: 0 });
    expect(await at(11)).toEqual({ reminders: 0, breaches: 0 });
    expect(await at(3)).toEqual({ reminders: 1, breaches: 0 });
    expect(await at(0.5)).toEqual({ reminders: 1, breaches: 0 });
    expect(await at(-1)).toEqual({ reminders: 0, breaches: 1 });
    expect(await at(-2)).toEqual({ reminders: 0, breaches: 0 });
    const subjects = await outboxSubjects();
    expect(subjects.filter((s) => s.includes('返信期限まで'))).toHaveLength(3);
    expect(subjects.filter((s) => s.includes('返信期限を過ぎました'))).toHaveLength(1);
  });

  it('a reply before the deadline stops the reminders', async () => {
    await importFixture('jp-buyer-invoice-01.eml');
    await cycle();
    const draft = (await store.db.selectFrom('drafts').selectAll().executeTakeFirstOrThrow());
    await store.db.transaction().execute((trx) => decide(trx, { draft, decision: { command: 'approve' }, by: 'owner@example.com', guard: loadReplyKit(config).guard, now: clock.now() }));
    await cycle();
    expect((await getDraft(store.db, draft.id))!.state).toBe('sent');
    clock.advance(23 * HOUR);
    expect((await cycle()).reminders).toEqual({ reminders: 0, breaches: 0 });
  });

  it('sends a daily digest with what is overdue and what waits for approval', async () => {
    await importFixture('jp-buyer-invoice-01.eml');
    await cycle();
    clock.advance(30 * HOUR);
    const report = await cycle({ digest: true });
    expect(report.digests).toBe(1);
    const files = readdirSync(join(dir, 'outbox')).sort();
    const digest = await simpleParser(readFileSync(join(dir, 'outbox', files.at(-1)!)));
    expect(digest.subject).toMatch(/\] \d+月\d+日（.）のまとめ: 期限切れ \d+件/);
    expect(digest.text).toContain('249-3301875-6619204');
    expect(digest.text).toMatch(/承認待ちの返信案\n・返信案 #1（/);
  });

  it('drafts a follow-up when Seller Support has not answered for days', async () => {
    clock.set('2026-10-29T02:00:00Z');
    await importFixture('jp-support-case-template-01.eml');
    await cycle();
    const first = await store.db.selectFrom('drafts').selectAll().executeTakeFirstOrThrow();
    expect(first.template).toBe('support/clarify');
    // The approver approves; the seller posts the letter in the Case Log and says so: now Amazon's turn.
    await store.db.transaction().execute((trx) => decide(trx, { draft: first, decision: { command: 'approve' }, by: 'owner@example.com', guard: loadReplyKit(config).guard, now: clock.now() }));
    await cycle();
    const waiting = await store.db.selectFrom('drafts').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(waiting.state).toBe('awaiting_post');
    expect(await confirmPosted(store.db, waiting, 'owner@example.com', clock.now(), null)).toBe(true);
    const caseRow = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(caseRow.status).toBe('awaiting_amazon');
    clock.advance(2 * 24 * HOUR);
    expect((await cycle()).followUps).toBe(0);
    clock.advance(1.5 * 24 * HOUR);
    expect((await cycle()).followUps).toBe(1);
    expect((await cycle()).followUps).toBe(0);
    const followUp = await store.db.selectFrom('drafts').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({ template: 'support/follow-up', state: 'awaiting_approval', audience: 'amazon' });
  });
});
