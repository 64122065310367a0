// Issue 14's story over real Dovecot and SMTP, in Japanese and in English: a Seller Support case goes
// from a stock answer through blame, admission, a reimbursement claim, a promise, silence (the clock
// advanced) and payment. At each step: the fault and the money (loadSupportFacts, what `kotae case
// --json` shows), the letter the ladder chose, where the approved letter went (the Case Log, never
// Amazon's mail), and the digest's lines.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText, type Config } from '../../src/config/load.ts';
import { runCycle } from '../../src/cycle.ts';
import { digestFacts, digestText } from '../../src/remind/digest.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { loadSupportFacts } from '../../src/understand/support-facts.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { PASSWORD_ENV } from '../support/harness.ts';
import { approverReply, readApprovalMail } from '../support/mail.ts';
import { SmtpSink } from '../support/smtp-sink.ts';
import { makeTestDir } from '../support/tmp.ts';

const DAY = 24 * 3_600_000;
const CASE_ID = '13872264510';

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

  it.each(STORIES)('in $language', async (story) => {
    config = parseConfigText(
      JSON.stringify({
        dataDir: join(dir, 'data'),
        timezone: story.language === 'ja' ? 'Asia/Tokyo' : 'America/New_York',
        accounts: [
          {
            id: 'shop',
            marketplace: story.marketplace,
            address: 'shop@example.com',
            shopName: story.language === 'ja' ? 'みなとストア' : 'Harbor Goods',
            sellerId: 'A1B2C3D4E5F6G7',
            approvers: ['owner@example.com'],
            imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: 'shop@example.com', passwordEnv: PASSWORD_ENV },
            smtp: { host: '127.0.0.1', port: sink.port, secure: false },
          },
        ],
      }),
      join(dir, 'kotae.config.yaml'),
    );
    store = await openStore(config.dataDir);
    const ctx = { config, db: store.db, clock, log: silentLogger };
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

    // 1. A stock answer: the cause is unclear, so the ladder asks whose it is.
    await amazonSays(story.stock);
    expect((await facts()).fault.party).toBe('unclear');
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
    expect((await latestDraft()).play).toBe('support-answer');
    expect(await digest()).not.toMatch(story.digest.unpaid);

    // 5. Silence past the follow-up days: the digest lists it and one follow-up is drafted.
    clock.set(new Date(clock.now().getTime() + 16 * DAY));
    await cycle();
    expect(await digest()).toMatch(story.digest.unpaid);
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
    expect(await digest()).not.toMatch(story.digest.unpaid);
    expect((await latestDraft()).play).toBe('support-answer');
    const ladder = (await store.db.selectFrom('case_events').select('data_json').where('case_id', '=', (await supportCase()).id).where('summary', 'like', 'Ladder:%').orderBy('id').execute()).map((e) => JSON.parse(e.data_json!).ladder);
    expect(ladder).toEqual(['clarify', 'new-case', 'reimbursement', 'none', 'none']);
    nothingMailedToAmazon();
    // Every approver mail is readable text (the paste mail keeps Japanese or English, never both).
    const texts = await Promise.all(ownerGot().map(async (m) => (await simpleParser(m.raw)).text ?? ''));
    expect(texts.every((t) => t.length > 0)).toBe(true);
  });
});
