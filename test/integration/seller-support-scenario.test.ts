// Issue 14's story over real Dovecot and SMTP, in Japanese and in English: a Seller Support case goes
// from a stock answer through blame, admission, a reimbursement claim, a promise, silence (the clock
// advanced) and payment. At each step: the fault and the money (loadSupportFacts, and what the real
// `kotae case ID --json` prints), the letter the ladder chose, where the approved letter went (the Case
// Log, never Amazon's mail), and the digest's lines; after the admission and at the end, the export
// (`kotae case ID --export DIR`) and `kotae verify`, which fails on a copy of the store with a timeline
// row altered. Then the account-health clock: a 72-hour warning is reminded of once and stops when the
// seller replies 対応済 (Japanese) or Amazon's next mail on it says it received the plan (English).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { parseConfigText, type Config } from '../../src/config/load.ts';
import { runCycle } from '../../src/cycle.ts';
import { digestFacts, digestText } from '../../src/remind/digest.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { loadSupportFacts, type FaultParty, type MoneyState } from '../../src/understand/support-facts.ts';
import { moneyItemText, partyText } from '../../src/understand/support-facts-text.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { PASSWORD_ENV } from '../support/harness.ts';
import { approverReply, readApprovalMail } from '../support/mail.ts';
import { SmtpSink } from '../support/smtp-sink.ts';
import { makeTestDir } from '../support/tmp.ts';

const DAY = 24 * 3_600_000;
const CASE_ID = '13872264510';

/** The part of `kotae case ID --json` this story reads. */
interface CaseDocument {
  id: number;
  timelineIntact: boolean;
  fault: { party: FaultParty; disputed: boolean; evidence: { eventId: number; party: FaultParty; quote: string }[] };
  money: { amount: number; currency: string; what: string; state: MoneyState; eventIds: number[] }[];
  events: { id: number; type: string; summary: string; hash: string }[];
}

interface Story {
  language: 'ja' | 'en';
  marketplace: 'JP' | 'US';
  amazon: string;
  subject: string;
  caseLog: string;
  stock: string;
  blame: string;
  admission: string;
  promise: string;
  payment: string;
  amount: number;
  currency: string;
  posted: string;
  digest: { toPost: string; unpaid: RegExp };
}

const STORIES: Story[] = [
  {
    language: 'ja',
    marketplace: 'JP',
    amazon: 'seller-answers@amazon.co.jp',
    subject: `[ケースID: ${CASE_ID}] 有効な出品情報がない在庫について`,
    caseLog: `https://sellercentral.amazon.co.jp/cu/case-dashboard/view-case?caseID=${CASE_ID}`,
    stock: 'お問い合わせいただきありがとうございます。詳細はヘルプページをご確認ください。ご不便をおかけし申し訳ございません。',
    blame: 'お調べしましたところ、出品者様が商品を削除されたため、エラーとして計上されております。',
    admission: '再度確認いたしましたところ、弊社システムの不具合により、該当SKU（SKR-0042）の出品情報が削除されておりました。大変申し訳ございません。エラー期間中に発生した在庫保管手数料 3,240円 につきましては、補填をご希望の場合はお申し出ください。',
    promise: '在庫保管手数料 3,240円 につきましては、補填の手続きを行います。反映まで数日お待ちください。',
    payment: '在庫保管手数料 3,240円 の補填が完了いたしました。',
    amount: 3240,
    currency: 'JPY',
    posted: '投稿済',
    digest: { toPost: `ケースID ${CASE_ID}: 返信案 #`, unpaid: new RegExp(`ケースID ${CASE_ID}: 在庫保管手数料 3,240円（案内から1[5-9]日経過）`) },
  },
  {
    language: 'en',
    marketplace: 'US',
    amazon: 'seller-answers@amazon.com',
    subject: `[Case ID: ${CASE_ID}] Stranded inventory`,
    caseLog: `https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=${CASE_ID}`,
    stock: 'Thank you for contacting Selling Partner Support. Please refer to the help page for more information. We apologize for any inconvenience.',
    blame: 'Our records show that the listing was deleted by the seller, which caused the error.',
    admission: 'We found that this was caused by a system error on our side: the listing for SKU SKR-0042 was removed. To request a reimbursement of the storage fees of $214.80 charged during this period, please reply to this case.',
    promise: 'The storage fees of $214.80 will be reimbursed within 3 business days.',
    payment: 'The reimbursement of $214.80 has been issued to your account.',
    amount: 214.8,
    currency: 'USD',
    posted: 'posted',
    digest: { toPost: `case ${CASE_ID}: draft #`, unpaid: new RegExp(`case ${CASE_ID}: storage fees \\$214\\.80 \\(promised 1[5-9] days ago\\)`) },
  },
];

describe.skipIf(skipWithoutDovecot())('a Seller Support case from a stock answer to payment, against real Dovecot and SMTP', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let dir: string;
  let store: Store;
  let config: Config;
  const clock = fixedClock(new Date('2026-12-01T01:00:00Z'));

  beforeAll(async () => {
    dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
    sink = await SmtpSink.start();
    process.env[PASSWORD_ENV] = 'secret';
  });

  afterAll(async () => {
    await sink?.close();
    await dovecot?.stop();
  });

  beforeEach(() => {
    dir = makeTestDir('kotae-support-');
    sink.received.length = 0;
    clock.set(new Date('2026-12-01T01:00:00Z'));
  });

  afterEach(async () => {
    await store?.close();
    await dovecot.empty(['INBOX', 'Sent']);
    rmSync(dir, { recursive: true, force: true });
  });

  /** One shop on this Dovecot and SMTP sink; the CLI reads the same configuration from the file, as a seller's terminal would. */
  const openShop = async (language: 'ja' | 'en', marketplace: 'JP' | 'US') => {
    const configText = JSON.stringify({
      dataDir: join(dir, 'data'),
      timezone: language === 'ja' ? 'Asia/Tokyo' : 'America/New_York',
      accounts: [
        {
          id: 'shop',
          marketplace,
          address: 'shop@example.com',
          shopName: language === 'ja' ? 'みなとストア' : 'Harbor Goods',
          sellerId: 'A1B2C3D4E5F6G7',
          approvers: ['owner@example.com'],
          imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: 'shop@example.com', passwordEnv: PASSWORD_ENV },
          smtp: { host: '127.0.0.1', port: sink.port, secure: false },
        },
      ],
    });
    writeFileSync(join(dir, 'kotae.config.yaml'), configText);
    config = parseConfigText(configText, join(dir, 'kotae.config.yaml'));
    store = await openStore(config.dataDir);
    return { configText, ctx: { config, db: store.db, clock, log: silentLogger } };
  };

  /** The real command line, in process, on this store and configuration, at the scenario's time. */
  const kotae = async (args: string[]) => {
    const io = bufferIo({ KOTAE_NOW: clock.now().toISOString(), [PASSWORD_ENV]: 'secret' }, dir);
    const code = await main(args, io);
    return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
  };

  it.each(STORIES)('in $language', async (story) => {
    const { configText, ctx } = await openShop(story.language, story.marketplace);
    const cycle = () => runCycle(ctx);
    let previousId: string | null = null;

    /** Amazon answers on the case, dated now (INTERNALDATE too), threaded on its previous answer. */
    const amazonSays = async (text: string) => {
      const messageId = `<case-${Math.random().toString(36).slice(2)}@amazon.example>`;
      const raw = await new MailComposer({
        from: story.amazon,
        to: 'shop@example.com',
        subject: previousId ? `RE: ${story.subject}` : story.subject,
        text: story.language === 'ja' ? `出品者様\n\n${text}\n\nAmazon テクニカルサポート\nケースID: ${CASE_ID}` : `Hello,\n\n${text}\n\nSelling Partner Support\nCase ID: ${CASE_ID}`,
        messageId,
        date: clock.now(),
        ...(previousId ? { inReplyTo: previousId, references: [previousId] } : {}),
      })
        .compile()
        .build();
      previousId = messageId;
      await dovecot.deliver([raw], 'INBOX', undefined, { dated: true });
      await cycle();
    };
    const ownerGot = () => sink.to('owner@example.com');
    const lastToOwner = async () => readApprovalMail(ownerGot().at(-1)!.raw);
    const replyAsOwner = async (firstLine: string) => {
      clock.set(new Date(clock.now().getTime() + 60_000));
      const raw = await approverReply(await lastToOwner(), { firstLine, date: clock.now() });
      await dovecot.deliver([raw], 'INBOX', undefined, { dated: true });
      await cycle();
    };
    const supportCase = async () => store.db.selectFrom('cases').selectAll().where('support_case_id', '=', CASE_ID).executeTakeFirstOrThrow();
    const facts = async () => loadSupportFacts(store.db, (await supportCase()).id);
    const latestDraft = async () => store.db.selectFrom('drafts').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const digest = async () => digestText(await digestFacts(ctx, config.accounts[0]!), story.language === 'ja', config.timezone, clock.now()).text;
    const nothingMailedToAmazon = () => expect(sink.to(story.amazon)).toEqual([]);

    const caseJson = async () => {
      const r = await kotae(['case', CASE_ID, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as CaseDocument;
    };
    /** `kotae case ID --json` says what the case's facts say: the fault, disputed or not, each amount and its state. */
    const expectCase = async (party: FaultParty, disputed: boolean, money: [number, string, MoneyState][]) => {
      const c = await caseJson();
      expect([c.fault.party, c.fault.disputed]).toEqual([party, disputed]);
      expect(c.money.map((m) => [m.amount, m.currency, m.state])).toEqual(money);
      const f = await facts();
      expect([c.fault, c.money]).toEqual([f.fault, f.money]);
      expect(c.timelineIntact).toBe(true);
      // And the export, at every step, says the same.
      await expectExport(`export-step-${++step}`);
      return c;
    };
    let step = 0;
    /** `kotae case ID --export DIR`: both files, the JSON as --json says, the page in the case's language. */
    const expectExport = async (name: string) => {
      const out = join(dir, name);
      const r = await kotae(['case', CASE_ID, '--export', out]);
      expect(r.code, r.stderr).toBe(0);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      const doc = JSON.parse(readFileSync(join(out, 'case.json'), 'utf8')) as CaseDocument & { messages: { rawIntact: boolean }[] };
      const c = await caseJson();
      expect([doc.fault, doc.money, doc.events]).toEqual([c.fault, c.money, c.events]);
      expect(doc.messages.length).toBeGreaterThan(0);
      expect(doc.messages.every((m) => m.rawIntact)).toBe(true);
      expect(html).toContain(`<html lang="${story.language}">`);
      const [heading, other] = story.language === 'ja' ? ['責任の所在', 'Fault'] : ['Fault', '責任の所在'];
      expect(html).toContain(`<h2>${heading}</h2>`);
      expect(html).not.toContain(`<h2>${other}</h2>`);
      expect(html).toContain(`<strong>${partyText(c.fault.party, story.language)}</strong>`);
      for (const m of c.money) expect(html).toContain(moneyItemText(m, story.language));
      if (c.money.length > 0) expect(html).toContain(story.language === 'ja' ? '3,240円' : '$214.80');
      for (const e of c.events) expect(html).toContain(e.hash);
      return c;
    };

    // 1. A stock answer: the cause is unclear, so the ladder asks whose it is.
    await amazonSays(story.stock);
    expect((await facts()).fault.party).toBe('unclear');
    await expectCase('unclear', false, []);
    let draft = await latestDraft();
    expect([draft.template, draft.state]).toEqual(['support/clarify', 'awaiting_approval']);
    expect((await lastToOwner()).text).toContain(story.language === 'ja' ? 'それとも、Amazonのシステム側にあるのでしょうか' : "or in Amazon's system?");

    // Approved: it goes back to the owner to paste in the Case Log, with the link; nothing to Amazon.
    await replyAsOwner(story.language === 'ja' ? '承認' : 'approve');
    nothingMailedToAmazon();
    const paste = await lastToOwner();
    expect(paste.text).toContain(story.caseLog);
    expect(paste.text).toContain(draft.body.split('\n')[0]!);
    expect((await latestDraft()).state).toBe('awaiting_post');
    expect(await digest()).toContain(story.digest.toPost);
    // The seller says it is posted: the case now waits on Amazon.
    await replyAsOwner(story.posted);
    expect((await latestDraft()).state).toBe('sent');
    expect((await supportCase()).status).toBe('awaiting_amazon');
    expect(await digest()).not.toContain(story.digest.toPost);

    // 2. Blame: the fault is the seller's by Amazon's word; asked already, so another agent on a new case.
    clock.set(new Date(clock.now().getTime() + DAY));
    await amazonSays(story.blame);
    let f = await facts();
    expect(f.fault.party).toBe('seller');
    expect(f.fault.evidence.map((e) => e.quote)).toEqual([story.blame]);
    expect((await expectCase('seller', false, [])).fault.evidence.map((e) => e.quote)).toEqual([story.blame]);
    draft = await latestDraft();
    expect([draft.template, draft.mode]).toEqual(['support/new-case', 'notify']);
    expect(draft.body).toContain(CASE_ID);
    expect(draft.body).toContain(story.blame);

    // 3. Admission, with money at stake: the fault is Amazon's, disputed; the reimbursement letter
    //    quotes the admission by case ID with the amount.
    clock.set(new Date(clock.now().getTime() + DAY));
    await amazonSays(story.admission);
    f = await facts();
    expect([f.fault.party, f.fault.disputed]).toEqual(['amazon', true]);
    expect(f.money.map((m) => [m.amount, m.currency, m.state])).toEqual([[story.amount, story.currency, 'claimed']]);
    await expectCase('amazon', true, [[story.amount, story.currency, 'claimed']]);
    // Mid-story, the export already holds both of Amazon's sentences and the claim.
    expect((await expectExport('export-admission')).fault.evidence.map((e) => e.quote)).toEqual([story.blame, f.fault.evidence.at(-1)!.quote]);
    draft = await latestDraft();
    expect([draft.template, draft.state]).toEqual(['support/reimbursement', 'awaiting_approval']);
    expect(draft.body).toContain(CASE_ID);
    expect(draft.body).toContain(f.fault.evidence.at(-1)!.quote);
    expect(draft.body).toContain(story.language === 'ja' ? '3,240円' : '$214.80');
    await replyAsOwner(story.language === 'ja' ? '承認' : 'approve');
    nothingMailedToAmazon();
    expect((await lastToOwner()).text).toContain(story.caseLog);
    await replyAsOwner(story.posted);
    expect((await latestDraft()).state).toBe('sent');

    // 4. A promise: nothing to write; kotae watches for the payment.
    clock.set(new Date(clock.now().getTime() + DAY));
    await amazonSays(story.promise);
    f = await facts();
    expect(f.money.map((m) => m.state)).toEqual(['promised']);
    await expectCase('amazon', true, [[story.amount, story.currency, 'promised']]);
    expect((await latestDraft()).play).toBe('support-answer');
    expect(await digest()).not.toMatch(story.digest.unpaid);

    // 5. Silence past the follow-up days: the digest lists it and one follow-up is drafted.
    clock.set(new Date(clock.now().getTime() + 16 * DAY));
    await cycle();
    expect(await digest()).toMatch(story.digest.unpaid);
    await expectCase('amazon', true, [[story.amount, story.currency, 'promised']]);
    draft = await latestDraft();
    expect([draft.template, draft.state]).toEqual(['support/payment-follow-up', 'awaiting_approval']);
    expect(draft.body).toContain(story.language === 'ja' ? '3,240円' : '$214.80');
    const followUps = async () => (await store.db.selectFrom('drafts').select('id').where('play', '=', 'support-payment-follow-up').execute()).length;
    await cycle();
    expect(await followUps()).toBe(1);

    // 6. Payment: paid, off the digest, nothing more to write.
    clock.set(new Date(clock.now().getTime() + DAY));
    await amazonSays(story.payment);
    f = await facts();
    expect(f.money.map((m) => m.state)).toEqual(['paid']);
    await expectCase('amazon', true, [[story.amount, story.currency, 'paid']]);
    expect(await digest()).not.toMatch(story.digest.unpaid);
    expect((await latestDraft()).play).toBe('support-answer');
    const ladder = (await store.db.selectFrom('case_events').select('data_json').where('case_id', '=', (await supportCase()).id).where('summary', 'like', 'Ladder:%').orderBy('id').execute()).map((e) => JSON.parse(e.data_json!).ladder);
    expect(ladder).toEqual(['clarify', 'new-case', 'reimbursement', 'none', 'none']);
    nothingMailedToAmazon();
    // Every approver mail is readable text (the paste mail keeps Japanese or English, never both).
    const texts = await Promise.all(ownerGot().map(async (m) => (await simpleParser(m.raw)).text ?? ''));
    expect(texts.every((t) => t.length > 0)).toBe(true);

    // 7. The record: the export at the end, and `kotae verify` on the store.
    const final = await expectExport('export-final');
    const verified = await kotae(['verify']);
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining('Intact:')]);
    // A copy of the store with one of Amazon's answers reworded on the timeline: verify names the event.
    const copy = join(dir, 'tampered');
    mkdirSync(copy);
    const live = new Database(store.path, { readonly: true });
    try {
      await live.backup(join(copy, 'kotae.sqlite'));
    } finally {
      live.close();
    }
    const target = final.events.find((e) => e.type === 'message_in' && e.summary.includes(story.language === 'ja' ? '不具合' : 'system error'))!;
    const altered = new Database(join(copy, 'kotae.sqlite'));
    try {
      expect(altered.prepare('update case_events set summary = ? where id = ?').run(`support_case: ${story.blame}`, target.id).changes).toBe(1);
    } finally {
      altered.close();
    }
    writeFileSync(join(dir, 'tampered.config.yaml'), JSON.stringify({ ...JSON.parse(configText), dataDir: copy }));
    const broken = await kotae(['verify', '--config', join(dir, 'tampered.config.yaml')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`kotae: case #${final.id}: timeline altered at event ${target.id}`);
    expect((await kotae(['verify'])).code).toBe(0);
  });

  // The account-health clock (72 hours for a severe policy warning) stops when the seller's turn is
  // over: in Japanese the seller replies 対応済 to the reminder; in English Amazon's next mail on the
  // notice says it received the plan of action. Either way no reminder or alert follows.
  const WARNINGS = [
    {
      language: 'ja' as const,
      marketplace: 'JP' as const,
      from: 'seller-performance@amazon.co.jp',
      subject: '重要: ポリシー違反の警告',
      text: '出品者様\n\nお客様のアカウントで、出品ポリシーへの違反が確認されました。72時間以内に、セラーセントラルの「アカウント健全性」から回答してください。\n\nAmazon.co.jp',
      reminder: 'アカウント健全性の回答期限',
      stop: { by: 'seller' as const, words: '対応済', answer: { subject: '[kotae] 回答済みとして記録しました', text: '回答期限のリマインダーは今後お送りしません。' } },
    },
    {
      language: 'en' as const,
      marketplace: 'US' as const,
      from: 'seller-performance@amazon.com',
      subject: 'Policy Warning',
      text: 'Hello,\n\nWe found a violation of our selling policies on your account. Please respond within 72 hours from Account Health in Seller Central.\n\nSeller Performance',
      reminder: 'Account-health deadline',
      stop: { by: 'amazon' as const, words: 'Hello,\n\nWe have received your plan of action. We will review it and contact you.\n\nSeller Performance' },
    },
  ];

  it.each(WARNINGS)('the account-health clock stops once the seller has answered, in $language', async (w) => {
    const { ctx } = await openShop(w.language, w.marketplace);
    const cycle = () => runCycle(ctx);
    const deliver = async (text: string, threadOn?: string) => {
      const messageId = `<health-${Math.random().toString(36).slice(2)}@amazon.example>`;
      const raw = await new MailComposer({ from: w.from, to: 'shop@example.com', subject: threadOn ? `RE: ${w.subject}` : w.subject, text, messageId, date: clock.now(), ...(threadOn ? { inReplyTo: threadOn, references: [threadOn] } : {}) })
        .compile()
        .build();
      await dovecot.deliver([raw], 'INBOX', undefined, { dated: true });
      await cycle();
      return messageId;
    };
    const notice = async () => store.db.selectFrom('cases').selectAll().where('kind', '=', 'notice').executeTakeFirstOrThrow();
    const remindersSent = async () => (await store.db.selectFrom('outbox').select('id').where('purpose', '=', 'reminder').where('case_id', '=', (await notice()).id).execute()).length;
    const start = clock.now().getTime();

    const first = await deliver(w.text);
    expect([(await notice()).status, (await notice()).reply_by]).toEqual(['awaiting_seller', new Date(start + 72 * 3_600_000).toISOString()]);
    // 23 hours left: the 24-hour reminder.
    clock.set(new Date(start + 49 * 3_600_000));
    await cycle();
    expect(await remindersSent()).toBe(1);
    const reminder = await simpleParser(sink.to('owner@example.com').at(-1)!.raw);
    expect(reminder.subject).toContain(w.reminder);

    if (w.stop.by === 'seller') {
      clock.set(new Date(clock.now().getTime() + 60_000));
      const raw = await approverReply({ subject: reminder.subject!, messageId: reminder.messageId!, replyTo: 'shop@example.com', text: reminder.text! }, { firstLine: w.stop.words, date: clock.now() });
      await dovecot.deliver([raw], 'INBOX', undefined, { dated: true });
      await cycle();
      const answer = await simpleParser(sink.to('owner@example.com').at(-1)!.raw);
      expect(answer.subject).toContain(w.stop.answer.subject);
      expect(answer.text).toContain(w.stop.answer.text);
    } else {
      clock.set(new Date(clock.now().getTime() + 3_600_000));
      await deliver(w.stop.words, first);
    }
    expect([(await notice()).status, (await notice()).reply_by]).toEqual(['awaiting_amazon', null]);
    const stopped = await store.db.selectFrom('case_events').select(['type', 'actor']).where('case_id', '=', (await notice()).id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(stopped).toEqual(w.stop.by === 'seller' ? { type: 'status', actor: 'seller' } : { type: 'message_in', actor: 'amazon' });

    // Past the 12- and 2-hour points and the deadline itself: nothing more.
    const mailBefore = sink.to('owner@example.com').length;
    for (const hours of [61, 71, 73, 80]) {
      clock.set(new Date(start + hours * 3_600_000));
      await cycle();
    }
    expect(await remindersSent()).toBe(1);
    expect(sink.to('owner@example.com').length).toBe(mailBefore);
    const shown = await kotae(['case', String((await notice()).id), '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ kind: 'notice', status: 'awaiting_amazon', replyBy: null, overdue: false });
  });
});
