// The seller's side of the demo day and the day after, read as a Japanese seller reads it: the sample
// mailbox (Amazon.co.jp and Amazon.com) goes through a cycle, the approver approves one draft, rejects
// one and answers an approval mail twice, then later cycles send reminders, breach alerts and the
// digest. Every mail kotae writes to the Japanese seller must be Japanese (IDs, addresses, URLs,
// template names and commands aside), and reminders go only to drafts that wait for approval or to
// cases the seller must answer in セラーセントラル. Real SQLite, mail written to local folders.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, parseConfigText, type Config } from '../../src/config/load.ts';
import { decide } from '../../src/approval/decide.ts';
import { runCycle, type MailIo } from '../../src/cycle.ts';
import { approverReply, readApprovalMail } from '../../src/demo/approver.ts';
import { syncSource } from '../../src/ingest/sync.ts';
import { folderTransport } from '../../src/outbox/transport.ts';
import { loadReplyKit } from '../../src/respond/kit.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { LocalSource } from '../../src/sources/local.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { makeTestDir } from '../support/tmp.ts';

const HOUR = 3_600_000;
const SAMPLE = join(APP_ROOT, 'data/sample-mailbox');

interface SellerMail {
  account: string;
  purpose: string;
  caseId: number | null;
  draftId: number | null;
  subject: string;
  text: string;
}

/** Words a Japanese seller reads in Japanese mail: brand and product names, Amazon JP's own abbreviations, the commands they type. */
const ALLOWED_WORDS = new Set(['kotae', 'Amazon', 'OK', 'NG', 'ID', 'FBA', 'PDF']);

/** What is left of a line once IDs, addresses, URLs, template names and commands are taken out. */
function englishWords(line: string): string[] {
  const rest = line
    .replace(/`[^`]*`/g, ' ')
    .replace(/\[kotae #[a-z2-7]+\]/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/\b(?:buyer|support)\/[a-z-]+/g, ' ');
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
}

/** The lines kotae wrote itself: not the quoted message, not the draft (the buyer's and Amazon's words). */
function ownLines(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  for (const line of text.split('\n')) {
    if (/^==== kotae 返信案ここから/.test(line)) quoted = true;
    else if (/^==== kotae 返信案ここまで/.test(line)) quoted = false;
    else if (/^■ .*(?:メッセージ|の内容)（.*受信）$/.test(line)) {
      out.push(line);
      quoted = true;
      continue;
    } else if (/^■ /.test(line)) quoted = false;
    if (!quoted) out.push(line);
  }
  return out;
}

describe('Japanese mail to the seller over the demo day and the day after', () => {
  let dir: string;
  let store: Store;
  let config: Config;
  const mails: SellerMail[] = [];
  let states: Map<number, { state: string; play: string; body: string }>;
  const clock = fixedClock('2026-11-20T10:09:00Z');
  const io: MailIo = { imap: () => null, transport: (a) => folderTransport(a.outboxDir!) };

  beforeAll(async () => {
    dir = makeTestDir('kotae-japanese-');
    config = parseConfigText(
      JSON.stringify({
        dataDir: join(dir, 'data'),
        timezone: 'Asia/Tokyo',
        sync: { historyDays: 3650 },
        accounts: [
          { id: 'jp', marketplace: 'JP', address: 'shop-jp@example.com', shopName: 'みなとストア', approvers: ['owner@example.com'], outboxDir: join(dir, 'outbox/jp') },
          { id: 'us', marketplace: 'US', address: 'us-shop@example.com', shopName: 'Minato Store', approvers: ['owner@example.com'], outboxDir: join(dir, 'outbox/us') },
        ],
      }),
      join(dir, 'kotae.config.yaml'),
    );
    store = await openStore(config.dataDir);
    const ctx = { config, db: store.db, clock, log: silentLogger };
    const cycle = (digest = false) => runCycle(ctx, { io, digest });

    // The demo's day: the sample mail, one cycle, then the approver's answers by mail.
    for (const id of ['jp', 'us']) await syncSource(ctx, id, new LocalSource([join(SAMPLE, id)]));
    await cycle();
    const approvals = await store.db.selectFrom('outbox').select(['raw', 'draft_id']).where('account_id', '=', 'jp').where('purpose', '=', 'approval').orderBy('id').execute();
    expect(approvals.length).toBeGreaterThanOrEqual(4);
    const [first, second] = [await readApprovalMail(approvals[0]!.raw), await readApprovalMail(approvals[2]!.raw)];
    const replies = join(dir, 'replies');
    mkdirSync(replies);
    writeFileSync(join(replies, 'approve.eml'), await approverReply(first, { firstLine: '承認', date: clock.now() }));
    writeFileSync(join(replies, 'reject.eml'), await approverReply(second, { firstLine: '却下', date: clock.now() }));
    await syncSource(ctx, 'jp', new LocalSource([replies]));
    clock.advance(10 * 60_000);
    await cycle();
    // A draft approved in the terminal, then by mail: kotae says it was handled already. A reply it
    // cannot read: kotae says so.
    const third = await readApprovalMail(approvals[1]!.raw);
    const phone = (await store.db.selectFrom('drafts').selectAll().where('id', '=', approvals[1]!.draft_id!).executeTakeFirstOrThrow());
    await store.db.transaction().execute((trx) => decide(trx, { draft: phone, decision: { command: 'approve' }, by: 'owner@example.com', guard: loadReplyKit(config).guard, now: clock.now() }));
    await cycle();
    writeFileSync(join(replies, 'approve-again.eml'), await approverReply(third, { firstLine: '承認', date: clock.now() }));
    const fourth = await readApprovalMail(approvals[3]!.raw);
    writeFileSync(join(replies, 'unclear.eml'), await approverReply(fourth, { firstLine: 'あとで確認します', date: clock.now() }));
    await syncSource(ctx, 'jp', new LocalSource([replies]));
    await cycle();

    // The night and the next day: reminders at 12, 4 and 1 hours, the breach alerts, the digest.
    for (const hours of [3, 6, 9, 11, 13, 15, 17, 20, 24]) {
      clock.set(new Date(Date.parse('2026-11-20T10:09:00Z') + hours * HOUR));
      await cycle(hours === 13 || hours === 24);
    }

    const rows = await store.db.selectFrom('outbox').select(['account_id', 'purpose', 'case_id', 'draft_id', 'raw']).where('purpose', '!=', 'reply').orderBy('id').execute();
    for (const r of rows) {
      const parsed = await simpleParser(r.raw);
      mails.push({ account: r.account_id, purpose: r.purpose, caseId: r.case_id, draftId: r.draft_id, subject: parsed.subject ?? '', text: parsed.text ?? '' });
    }
    states = new Map((await store.db.selectFrom('drafts').select(['id', 'state', 'play', 'body']).execute()).map((d) => [d.id, d]));
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('wrote every kind of seller mail to the Japanese seller', () => {
    const jp = mails.filter((m) => m.account === 'jp');
    expect([...new Set(jp.map((m) => m.purpose))].sort()).toEqual(['approval', 'digest', 'feedback', 'notice', 'reminder']);
    const feedback = jp.filter((m) => m.purpose === 'feedback').map((m) => m.text);
    expect(feedback.some((t) => t.includes('すでに処理済みです（送信済み）'))).toBe(true);
    expect(feedback.some((t) => t.includes('読み取れませんでした'))).toBe(true);
  });

  it('writes no English line to the Japanese seller', () => {
    const english = mails
      .filter((m) => m.account === 'jp')
      .flatMap((m) => [m.subject, ...ownLines(m.text)].map((line) => ({ purpose: m.purpose, line, words: englishWords(line) })))
      .filter((l) => l.words.length > 0);
    expect(english).toEqual([]);
  });

  it('names a buyer with no name お客様, never お客 様, and Seller Support テクニカルサポート', () => {
    const jp = mails.filter((m) => m.account === 'jp');
    expect(jp.some((m) => /お客 様/.test(m.subject + m.text))).toBe(false);
    expect(jp.some((m) => /Seller Support|Seller Central/.test(m.subject + m.text))).toBe(false);
    expect(jp.some((m) => m.subject.includes('テクニカルサポート（ケースID 14872093561）'))).toBe(true);
  });

  it('reminds only of drafts that wait for approval, or of answers the seller must give in セラーセントラル', () => {
    const reminders = mails.filter((m) => m.purpose === 'reminder');
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) {
      const draft = states.get(r.draftId!);
      expect(draft, r.subject).toBeDefined();
      const approve = /kotae approve (\d+)/.exec(r.text);
      if (approve) {
        expect(Number(approve[1])).toBe(r.draftId);
        expect(draft!.state).toBe('awaiting_approval');
      } else {
        expect(r.text).toMatch(r.account === 'jp' ? /セラーセントラル/ : /Seller Central/);
        expect(draft!.state === 'rejected' || (draft!.state === 'notify' && draft!.body.trim() !== '')).toBe(true);
      }
      // A thank-you and a notice with nothing to send are never reminded of.
      expect(draft!.play).not.toBe('thanks-only');
      expect(draft!.play).not.toBe('atoz-claim');
    }
    // The rejected draft's case is still the seller's to answer, in セラーセントラル.
    expect(reminders.some((r) => states.get(r.draftId!)!.state === 'rejected' && r.text.includes('却下されました'))).toBe(true);
  });

  it('says the same time left in a reminder subject and its body', () => {
    for (const r of mails.filter((m) => m.purpose === 'reminder' && m.account === 'jp')) {
      const inSubject = /(あと\d+(?:時間|分)|\d+(?:時間|分|日)超過)/.exec(r.subject)?.[1];
      expect(inSubject, r.subject).toBeDefined();
      expect(r.text).toContain(`（${inSubject}）`);
    }
  });

  it('titles a thank-you as news with no reply needed, and a claim as 要対応', () => {
    const notices = mails.filter((m) => m.account === 'jp' && m.purpose === 'notice');
    const thanks = notices.find((m) => m.text.includes('本日、無事に届きました'))!;
    expect(thanks.subject).toMatch(/^\[kotae\] お知らせ（返信不要）: /);
    expect(thanks.text).toContain('「返信不要」にする期限');
    // Past its time, the digest lists it with what to do, not as a reply still owed.
    const digest = mails.filter((m) => m.account === 'jp' && m.purpose === 'digest').at(-1)!;
    expect(digest.text).toMatch(/■ 「返信不要」が未設定のメッセージ（返信の必要はありませんが、期限までにセラーセントラルの「購入者とのメッセージ」で「返信不要」を選択してください）\n・ケース #\d+（注文番号 250-9034712-6628415）: 「返信不要」にする期限 .*（.*超過）/);
    expect(digest.text).not.toMatch(/■ 返信期限を過ぎたもの\n(?:・.*\n)*・.*250-9034712-6628415/);
    expect(digest.subject).toMatch(/期限切れ \d+件（ほか「返信不要」未設定 1件）/);
    const claim = notices.find((m) => m.subject.includes('マーケットプレイス保証申請'))!;
    expect(claim.subject).toMatch(/^\[kotae\] 要対応: /);
    // The claim's window is Amazon's own, not the 24 hours of the earlier message on the case.
    expect(claim.text).toContain('回答期限: セラーセントラルの「Amazonマーケットプレイス保証申請」ページに表示される期限をご確認ください');
    expect(claim.text).not.toContain('返信期限');
  });

  it('writes the English seller in English', () => {
    const us = mails.filter((m) => m.account === 'us');
    expect(us.length).toBeGreaterThan(0);
    for (const m of us) expect(m.subject + m.text).not.toMatch(/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/);
    expect(us.some((m) => m.purpose === 'reminder' && /left to reply|Reply-by time passed/.test(m.subject))).toBe(true);
  });
});
