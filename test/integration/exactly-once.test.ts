// Sending exactly once, with kotae run as a process the way a seller runs it: the contract's approval
// loop through `kotae once`, and the process killed at the worst moments (right before the SMTP
// transaction, and between the server's 250 and the database update). The buyer gets one reply. On
// both stores: SQLite under dataDir, and PostgreSQL named by store.urlEnv.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runKotae } from '../support/child.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { approverReply, buyerMessage, readApprovalMail, type BuyerMail } from '../support/mail.ts';
import { PASSWORD_ENV } from '../support/harness.ts';
import { SmtpSink } from '../support/smtp-sink.ts';
import { STORE_DIALECTS, TestStores, storeConfig } from '../support/stores.ts';
import { makeTestDir } from '../support/tmp.ts';

describe.skipIf(skipWithoutDovecot()).each(STORE_DIALECTS)('sending exactly once, as a process (%s)', (dialect) => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let stores: TestStores;
  let dir: string;
  let configFile: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
    sink = await SmtpSink.start();
    stores = await TestStores.start(dialect);
  });

  afterAll(async () => {
    await sink?.close();
    await dovecot?.stop();
    await stores?.stop();
  });

  beforeEach(async () => {
    dir = makeTestDir('kotae-once-');
    configFile = join(dir, 'kotae.config.yaml');
    const store = storeConfig(await stores.fresh(join(dir, 'data')));
    env = { [PASSWORD_ENV]: 'secret', ...store.env };
    // Exactly the keys docs/contract.md says outside checks write.
    writeFileSync(
      configFile,
      [
        ...store.lines,
        'timezone: Asia/Tokyo',
        'accounts:',
        '  - id: jp',
        '    marketplace: JP',
        '    address: shop@example.com',
        '    approvers: [owner@example.com]',
        `    imap: { host: 127.0.0.1, port: ${dovecot.port}, secure: false, user: shop@example.com, passwordEnv: ${PASSWORD_ENV} }`,
        `    smtp: { host: 127.0.0.1, port: ${sink.port}, secure: false }`,
        '',
      ].join('\n'),
    );
    sink.received.length = 0;
    sink.beforeAccept = null;
    await dovecot.empty(['INBOX', 'Sent']);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const once = (extra: NodeJS.ProcessEnv = {}) => runKotae(['once'], { env: { ...env, KOTAE_CONFIG: configFile, ...extra }, cwd: dir });

  /** Steps 1-3 of the contract's loop: buyer message, approval mail, the approver's "承認". */
  async function approvedDraft(): Promise<BuyerMail> {
    const buyer = await buyerMessage();
    await dovecot.append([buyer.raw]);
    const first = await once();
    expect(first.code, first.stderr).toBe(0);
    const approval = await readApprovalMail(sink.to('owner@example.com')[0]!.raw);
    await dovecot.append([await approverReply(approval, { firstLine: '承認' })]);
    return buyer;
  }

  it('runs the contract loop through `kotae once`: the reply goes out once, status counts it', async () => {
    const buyer = await approvedDraft();
    expect((await once()).code).toBe(0);
    const sent = sink.to(buyer.alias);
    expect(sent).toHaveLength(1);
    const mail = await simpleParser(sent[0]!.raw);
    expect(mail.from?.value[0]?.address).toBe('shop@example.com');
    expect(mail.inReplyTo).toBe(buyer.messageId);
    expect((await once()).code).toBe(0);
    expect(sink.to(buyer.alias)).toHaveLength(1);

    const status = JSON.parse((await runKotae(['status', '--json'], { env: { ...env, KOTAE_CONFIG: configFile }, cwd: dir })).stdout) as { messages: number; drafts: { waiting: number }; outbox: { sent: number; pending: number } };
    expect(status.messages).toBe(2); // the buyer's message and the approver's reply (sent mail is counted by the outbox)
    expect(status.drafts.waiting).toBe(0);
    expect(status.outbox).toMatchObject({ sent: 2, pending: 0 }); // the approval mail and the reply
  });

  it('killed between the SMTP 250 and the database update: the Sent copy proves it was sent, no resend', async () => {
    const buyer = await approvedDraft();
    // A provider like Gmail files a Sent copy as it accepts the mail.
    sink.beforeAccept = async (mail) => {
      if (mail.to.includes(buyer.alias)) await dovecot.append([mail.raw], 'Sent');
    };
    const killed = await once({ KOTAE_FAULT: 'after-smtp-accept' });
    expect(killed.signal).toBe('SIGKILL');
    expect(sink.to(buyer.alias)).toHaveLength(1);

    const resumed = await once();
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('interrupted send was delivered');
    await once();
    expect(sink.to(buyer.alias)).toHaveLength(1);
  });

  it('killed after marking the row sending, before SMTP: not in Sent, so it is sent once on restart', async () => {
    const buyer = await approvedDraft();
    const killed = await once({ KOTAE_FAULT: 'before-smtp' });
    expect(killed.signal).toBe('SIGKILL');
    expect(sink.to(buyer.alias)).toHaveLength(0);

    const resumed = await once();
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('interrupted send not found');
    await once();
    const sent = sink.to(buyer.alias);
    expect(sent).toHaveLength(1);
    // The resend is the very same mail: same bytes, same Message-ID.
    expect((await simpleParser(sent[0]!.raw)).messageId).toMatch(/^<kotae\.reply\./);
  });
});
