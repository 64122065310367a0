// The approval loop against real servers: a buyer message arrives in Dovecot, kotae mails the draft
// to the approvers through a real SMTP server, an approver's reply comes back into the inbox, and
// the reply reaches the buyer's relay address exactly once. Edits, rejections, every forgery, SMTP
// 4xx and 5xx, automatic mode.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText, type Config } from '../../src/config/load.ts';
import { runCycle, type CycleReport } from '../../src/cycle.ts';
import { health } from '../../src/daemon/http.ts';
import { digestFacts } from '../../src/remind/digest.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger, silentLogger, type Logger } from '../../src/shared/log.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { approverReply, buyerMessage, draftIn, readApprovalMail, type ApprovalMail, type BuyerMail } from '../support/mail.ts';
import { PASSWORD_ENV } from '../support/harness.ts';
import { SmtpSink } from '../support/smtp-sink.ts';
import { makeTestDir } from '../support/tmp.ts';

const HOUR = 3_600_000;
const USERS = [{ user: 'shop@example.com', password: 'secret' }];

describe.skipIf(skipWithoutDovecot())('approval by reply, against real Dovecot and SMTP', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let dir: string;
  let store: Store;
  let config: Config;
  const clock = fixedClock(new Date());

  beforeAll(async () => {
    dovecot = await Dovecot.start(USERS);
    sink = await SmtpSink.start();
    process.env[PASSWORD_ENV] = 'secret';
  });

  afterAll(async () => {
    await sink?.close();
    await dovecot?.stop();
  });

  beforeEach(async () => {
    dir = makeTestDir('kotae-loop-');
    await dovecot.empty(['INBOX', 'Sent']);
    sink.received.length = 0;
    sink.beforeAccept = null;
    clock.set(new Date());
    config = makeConfig();
    store = await openStore(config.dataDir);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function makeConfig(extra: { approval?: Record<string, unknown>; rulesDir?: string } = {}): Config {
    const yaml = JSON.stringify({
      dataDir: join(dir, 'data'),
      timezone: 'Asia/Tokyo',
      ...(extra.rulesDir ? { rulesDir: extra.rulesDir } : {}),
      accounts: [
        {
          id: 'jp',
          marketplace: 'JP',
          address: 'shop@example.com',
          shopName: 'みなとストア',
          approvers: ['owner@example.com', 'assistant@example.com'],
          imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: 'shop@example.com', passwordEnv: PASSWORD_ENV },
          smtp: { host: '127.0.0.1', port: sink.port, secure: false },
          ...(extra.approval ? { approval: extra.approval } : {}),
        },
      ],
    });
    return parseConfigText(yaml, join(dir, 'kotae.config.yaml'));
  }

  async function cycle(log: Logger = silentLogger): Promise<CycleReport> {
    return runCycle({ config, db: store.db, clock, log });
  }

  /** A buyer writes; one cycle later each approver has an approval mail. */
  async function buyerWrites(options: Parameters<typeof buyerMessage>[0] = {}): Promise<{ buyer: BuyerMail; owner: ApprovalMail; assistant: ApprovalMail }> {
    const buyer = await buyerMessage({ date: clock.now(), ...options });
    await dovecot.append([buyer.raw]);
    await cycle();
    const owner = sink.to('owner@example.com').at(-1);
    const assistant = sink.to('assistant@example.com').at(-1);
    expect(owner, 'approval mail to the owner').toBeDefined();
    expect(assistant, 'approval mail to the assistant').toBeDefined();
    return { buyer, owner: await readApprovalMail(owner!.raw), assistant: await readApprovalMail(assistant!.raw) };
  }

  async function reply(raw: Buffer): Promise<CycleReport> {
    await dovecot.append([raw]);
    return cycle();
  }

  const toBuyer = (buyer: BuyerMail) => sink.to(buyer.alias);

  async function draftStates(): Promise<string[]> {
    return (await store.db.selectFrom('drafts').select('state').orderBy('id').execute()).map((d) => d.state);
  }

  it('runs the whole loop: approval mail, "承認" by reply, one reply to the buyer, timeline updated', async () => {
    const { buyer, owner } = await buyerWrites();
    // The approval mail: names the order, quotes the buyer, is marked automatic, has a token Reply-To.
    const approvalRaw = sink.to('owner@example.com')[0]!.raw.toString('latin1');
    expect(owner.subject).toContain(buyer.orderId);
    expect(owner.text).toContain('返品したいです');
    expect(owner.replyTo).toMatch(/^shop\+kotae-[a-z2-7]{26}@example\.com$/);
    expect(approvalRaw).toMatch(/^Auto-Submitted: auto-generated/m);
    expect(approvalRaw).toMatch(/^X-Auto-Response-Suppress: All/m);
    expect(toBuyer(buyer)).toHaveLength(0);

    await reply(await approverReply(owner, { firstLine: '承認' }));
    const sent = toBuyer(buyer);
    expect(sent).toHaveLength(1);
    const mail = await simpleParser(sent[0]!.raw);
    expect(mail.from?.value[0]?.address).toBe('shop@example.com');
    expect(sent[0]!.from).toBe('shop@example.com');
    expect(mail.inReplyTo).toBe(buyer.messageId);
    expect(mail.references).toContain(buyer.messageId);
    expect(mail.messageId).toMatch(/^<kotae\.reply\.\d+\.\d+\.[a-z2-7]+@example\.com>$/);
    expect(mail.text).toContain(draftIn(owner).split('\n')[0]!);

    const caseRow = await store.db.selectFrom('cases').selectAll().where('order_id', '=', buyer.orderId).executeTakeFirstOrThrow();
    expect(caseRow.status).toBe('awaiting_buyer');
    expect(caseRow.reply_by).toBeNull();
    const events = (await store.db.selectFrom('case_events').select('type').where('case_id', '=', caseRow.id).orderBy('id').execute()).map((e) => e.type);
    expect(events).toEqual(['message_in', 'draft', 'approval_requested', 'approved', 'sent']);
    // The Sent folder holds the copy kotae filed (Dovecot does not file one itself).
    expect(await dovecot.messageIds('Sent')).toContain(mail.messageId);

    // Later cycles send nothing more for this draft.
    await cycle();
    await cycle();
    expect(toBuyer(buyer)).toHaveLength(1);
  });

  it('files the Sent copy even when the server has no Sent folder yet', async () => {
    const client = await dovecot.client();
    await client.mailboxDelete('Sent');
    await client.logout();
    const { buyer, owner } = await buyerWrites();
    await reply(await approverReply(owner, { firstLine: 'OK' }));
    expect(toBuyer(buyer)).toHaveLength(1);
    const id = (await simpleParser(toBuyer(buyer)[0]!.raw)).messageId!;
    expect(await dovecot.messageIds('Sent')).toEqual([id]);
  });

  it('sends the text an approver edited between the markers', async () => {
    const { buyer, owner } = await buyerWrites();
    const edited = draftIn(owner).replace('申し訳ございません', '大変申し訳ございません（担当: 佐藤）');
    expect(edited).not.toBe(draftIn(owner));
    await reply(await approverReply(owner, { editedDraft: edited }));
    const sent = toBuyer(buyer);
    expect(sent).toHaveLength(1);
    expect((await simpleParser(sent[0]!.raw)).text).toContain('担当: 佐藤');
    expect(await draftStates()).toEqual(['superseded', 'sent']);
  });

  it('never sends an edit that breaks the rules: the approver gets the violations and a new approval mail', async () => {
    const { buyer, owner } = await buyerWrites();
    const before = sink.to('owner@example.com').length;
    await reply(await approverReply(owner, { editedDraft: `${draftIn(owner)}\nお急ぎの場合は ０９０ー１２３４ー５６７８ までお電話ください。` }));
    expect(toBuyer(buyer)).toHaveLength(0);
    const toOwner = sink.to('owner@example.com').slice(before);
    const texts = await Promise.all(toOwner.map(async (m) => (await simpleParser(m.raw)).text ?? ''));
    // The rule's sentence in the approver's language (its English id stays out of Japanese mail).
    expect(texts.some((t) => t.includes('購入者に電話番号を送ることはできません') && t.includes('０９０ー１２３４ー５６７８'))).toBe(true);
    const parsed = await Promise.all(toOwner.map((m) => simpleParser(m.raw)));
    const second = await readApprovalMail(toOwner[parsed.findIndex((p) => p.replyTo !== undefined)]!.raw);
    expect(second.replyTo).not.toBe(owner.replyTo);

    // The approver fixes it in the new approval mail: now it goes.
    await reply(await approverReply(second, { editedDraft: draftIn(owner) }));
    expect(toBuyer(buyer)).toHaveLength(1);
  });

  it('drops a rejected draft', async () => {
    const { buyer, owner } = await buyerWrites();
    await reply(await approverReply(owner, { firstLine: '却下' }));
    await cycle();
    expect(toBuyer(buyer)).toHaveLength(0);
    expect(await draftStates()).toEqual(['rejected']);
  });

  describe('forged or unusable approvals change nothing', () => {
    async function expectUntouched(buyer: BuyerMail): Promise<void> {
      expect(toBuyer(buyer)).toHaveLength(0);
      expect(await draftStates()).toEqual(['awaiting_approval']);
    }

    /** The notes on the timeline of the buyer's case: where a refusal is recorded, with its reason. */
    async function notes(buyer: BuyerMail): Promise<string[]> {
      const caseRow = await store.db.selectFrom('cases').select('id').where('order_id', '=', buyer.orderId).executeTakeFirstOrThrow();
      const rows = await store.db.selectFrom('case_events').select('summary').where('case_id', '=', caseRow.id).where('type', '=', 'note').orderBy('id').execute();
      return rows.map((r) => r.summary);
    }

    it('a valid token from a stranger', async () => {
      const { buyer, owner } = await buyerWrites();
      await reply(await approverReply(owner, { firstLine: '承認', from: 'mallory@example.net' }));
      await expectUntouched(buyer);
      expect(await notes(buyer)).toEqual(['Approval reply refused (sender mallory@example.net is not the approver this token was issued to); nothing changed']);
    });

    it("another approver replying with the owner's token", async () => {
      const { buyer, owner } = await buyerWrites();
      await reply(await approverReply(owner, { firstLine: 'OK', from: 'assistant@example.com' }));
      await expectUntouched(buyer);
      expect(await notes(buyer)).toEqual(['Approval reply refused (sender assistant@example.com is not the approver this token was issued to); nothing changed']);
    });

    it('a wrong token', async () => {
      const { buyer, owner } = await buyerWrites();
      const fake = 'abcdefghijklmnopqrstuvwxyz';
      const logged: Record<string, unknown>[] = [];
      const log = createLogger({ level: 'warn', destination: new Writable({ write: (chunk: Buffer, _encoding, done) => done(void logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>)) }) });
      await dovecot.append([await approverReply(owner, { firstLine: '承認', to: `shop+kotae-${fake}@example.com`, subject: `Re: [kotae #${fake}] 返信の承認` })]);
      await cycle(log);
      await expectUntouched(buyer);
      // The reply was read and understood as an approval reply, and refused for its token. A token
      // that names no draft names no case either, so the refusal is in the log, not on a timeline.
      const stored = await store.db.selectFrom('messages').select(['state', 'kind']).where('subject', '=', `Re: [kotae #${fake}] 返信の承認`).executeTakeFirstOrThrow();
      expect(stored).toEqual({ state: 'processed', kind: 'approval_reply' });
      expect(logged).toContainEqual(expect.objectContaining({ msg: 'approval reply refused', sender: 'owner@example.com', reason: 'no valid approval token in the address or subject' }));
    });

    it('an expired token (72 hours by default)', async () => {
      const { buyer, owner } = await buyerWrites();
      const before = sink.to('owner@example.com').length;
      clock.advance(73 * HOUR);
      await reply(await approverReply(owner, { firstLine: '承認' }));
      await expectUntouched(buyer);
      expect(await notes(buyer)).toEqual(['Approval reply refused (the token has expired); nothing changed']);
      // The approver, who is legitimate, is told that nothing was sent.
      const told = await Promise.all(sink.to('owner@example.com').slice(before).map(async (m) => (await simpleParser(m.raw)).text ?? ''));
      expect(told).toEqual([expect.stringContaining('何も送信していません')]);
    });

    it('a used token, replayed', async () => {
      const { buyer, owner } = await buyerWrites();
      const approval = await approverReply(owner, { firstLine: '承認' });
      await reply(approval);
      expect(toBuyer(buyer)).toHaveLength(1);
      // The same reply again (a replay, or a second tap on send): nothing more goes out.
      await reply(Buffer.from(approval.toString('latin1').replace(/Message-ID: <reply-/i, 'Message-ID: <replay-'), 'latin1'));
      await cycle();
      expect(toBuyer(buyer)).toHaveLength(1);
    });

    it('the other approver approving after the draft was already sent', async () => {
      const { buyer, owner, assistant } = await buyerWrites();
      await reply(await approverReply(owner, { firstLine: '承認' }));
      await reply(await approverReply(assistant, { firstLine: 'OK', from: 'assistant@example.com' }));
      expect(toBuyer(buyer)).toHaveLength(1);
    });

    it('a failed DMARC result, when the account checks Authentication-Results', async () => {
      config = makeConfig({ approval: { checkAuthenticationResults: true, authservId: 'mx.example.com' } });
      const { buyer, owner } = await buyerWrites();
      await reply(await approverReply(owner, { firstLine: '承認', authenticationResults: 'mx.example.com; dkim=pass header.d=example.com; dmarc=fail (p=reject) header.from=example.com' }));
      await expectUntouched(buyer);
      expect(await notes(buyer)).toEqual([expect.stringMatching(/^Approval reply refused \(authentication failed: .*\); nothing changed$/)]);
      // A result from another server is not trusted either way; a missing one is refused when checking.
      await reply(await approverReply(owner, { firstLine: '承認', authenticationResults: 'evil.example.net; dmarc=pass header.from=example.com' }));
      await expectUntouched(buyer);
      await reply(await approverReply(owner, { firstLine: '承認', authenticationResults: 'mx.example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com' }));
      expect(toBuyer(buyer)).toHaveLength(1);
    });
  });

  it('retries after an SMTP 4xx and sends once', async () => {
    const { buyer, owner } = await buyerWrites();
    sink.failNext(1, 451);
    await reply(await approverReply(owner, { firstLine: '承認' }));
    expect(toBuyer(buyer)).toHaveLength(0);
    const row = await store.db.selectFrom('outbox').selectAll().where('purpose', '=', 'reply').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'queued', attempts: 1 });
    expect(row.last_error).toContain('451');
    await cycle();
    expect(toBuyer(buyer)).toHaveLength(0); // not before its backoff
    clock.advance(2 * 60_000);
    await cycle();
    expect(toBuyer(buyer)).toHaveLength(1);
    await cycle();
    expect(toBuyer(buyer)).toHaveLength(1);
  });

  it('gives up on an SMTP 5xx and tells the approvers why', async () => {
    const { buyer, owner } = await buyerWrites();
    const before = sink.to('owner@example.com').length;
    sink.failNext(1, 550);
    await reply(await approverReply(owner, { firstLine: '承認' }));
    expect(toBuyer(buyer)).toHaveLength(0);
    expect(await draftStates()).toEqual(['failed']);
    const told = await Promise.all(sink.to('owner@example.com').slice(before).map(async (m) => (await simpleParser(m.raw)).text ?? ''));
    expect(told.some((t) => t.includes('550'))).toBe(true);
    // The same server may refuse the approvers' mail too: the notice is also put in the inbox over
    // IMAP, and the digest and /healthz list the refused reply.
    expect((await dovecot.messageIds('INBOX')).some((id) => id.startsWith('<kotae.refused.'))).toBe(true);
    const h = await health(store.db, config, clock.now(), () => null);
    expect(h.refusedReplies).toHaveLength(1);
    expect(h.refusedReplies[0]!.error).toContain('550');
    expect(h.ok).toBe(false);
    const facts = await digestFacts({ config, db: store.db, clock, log: silentLogger }, config.accounts[0]!);
    expect(facts.refused).toHaveLength(1);
    clock.advance(HOUR);
    await cycle();
    expect(toBuyer(buyer)).toHaveLength(0);
  });

  it('sends automatically what the playbook marks auto, without an approval mail', async () => {
    const rules = join(dir, 'rules');
    cpSync(join(import.meta.dirname, '../../rules'), rules, { recursive: true });
    const playbook = readFileSync(join(rules, 'playbook.yaml'), 'utf8');
    const auto = playbook.replace(/(- id: fba-return\n(?:.*\n)*?\s+mode: )approval/, '$1auto');
    expect(auto).not.toBe(playbook);
    writeFileSync(join(rules, 'playbook.yaml'), auto);
    config = makeConfig({ rulesDir: rules });
    const buyer = await buyerMessage({ date: clock.now() });
    await dovecot.append([buyer.raw]);
    const report = await cycle();
    expect(report.respond.automatic).toBe(1);
    expect(sink.to('owner@example.com')).toHaveLength(0);
    expect(toBuyer(buyer)).toHaveLength(1);
  });

  it("asks for approval, whatever the playbook says, when the buyer's message came as a colleague's forward", async () => {
    const rules = join(dir, 'rules');
    cpSync(join(import.meta.dirname, '../../rules'), rules, { recursive: true });
    const playbook = readFileSync(join(rules, 'playbook.yaml'), 'utf8');
    writeFileSync(join(rules, 'playbook.yaml'), playbook.replace(/(- id: fba-return\n(?:.*\n)*?\s+mode: )approval/, '$1auto'));
    config = makeConfig({ rulesDir: rules });
    const buyer = await buyerMessage({ date: clock.now() });
    const original = await simpleParser(buyer.raw);
    const forward = await new MailComposer({
      from: { name: 'スタッフ 佐藤', address: 'staff@example.com' },
      to: 'shop@example.com',
      subject: `Fwd: ${original.subject}`,
      text: ['店長、こちらお願いします。', '', '---------- Forwarded message ---------', `From: 山田 - Amazon Marketplace <${buyer.alias}>`, `Subject: ${original.subject}`, '', original.text].join('\n'),
      date: clock.now(),
    })
      .compile()
      .build();
    await dovecot.append([forward]);
    const report = await cycle();
    expect(report.respond).toMatchObject({ drafted: 1, automatic: 0 });
    expect(toBuyer(buyer)).toHaveLength(0);
    const approval = sink.to('owner@example.com');
    expect(approval).toHaveLength(1);
    expect((await simpleParser(approval[0]!.raw)).text).toContain('購入者のメッセージがスタッフ経由の転送で届いたため、自動送信は行わず承認をお願いします。');
  });

  it('never drafts for mail that arrived before the reply window (a first sync of old mail)', async () => {
    const days3 = new Date(clock.now().getTime() - 3 * 24 * HOUR);
    const buyer = await buyerMessage({ date: days3 });
    const client = await dovecot.client();
    await client.append('INBOX', buyer.raw, [], days3);
    await client.logout();
    await cycle();
    expect(sink.received).toHaveLength(0);
    // Not skipped: synced and stored, its arrival kept, understood, and on its case's timeline with
    // the reason there is no draft.
    const message = await store.db.selectFrom('messages').select(['id', 'state', 'kind', 'received_at', 'case_id']).where('message_id', '=', buyer.messageId).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ state: 'processed', kind: 'buyer_message' });
    expect(new Date(message.received_at!).getTime()).toBe(Math.floor(days3.getTime() / 1000) * 1000);
    const raw = await store.db.selectFrom('message_raw').select('bytes').where('message_id', '=', message.id).executeTakeFirstOrThrow();
    expect(Buffer.from(raw.bytes).toString('latin1').replace(/\r\n/g, '\n')).toBe(buyer.raw.toString('latin1').replace(/\r\n/g, '\n'));
    const caseRow = await store.db.selectFrom('cases').select(['id', 'order_id']).where('id', '=', message.case_id!).executeTakeFirstOrThrow();
    expect(caseRow.order_id).toBe(buyer.orderId);
    const events = await store.db.selectFrom('case_events').select(['type', 'summary']).where('case_id', '=', caseRow.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['message_in', 'note']);
    expect(events[1]!.summary).toBe('No draft: the message is older than the reply window (first sync of old mail).');
    expect(await draftStates()).toEqual([]);
  });

  it('answers a message delivered now even when its Date header is days old (the arrival counts)', async () => {
    const { owner } = await buyerWrites({ date: new Date(clock.now().getTime() - 3 * 24 * HOUR) });
    expect(owner.subject).toContain('返信の承認');
  });
});
