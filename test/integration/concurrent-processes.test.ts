// One store, several kotae processes at once, as a seller meets them: the daemon running, `kotae once`
// from cron beside it, `kotae approve` from a terminal, while buyer mail and approvers' replies
// arrive. Every buyer gets one reply, every approver one approval mail per draft revision, and no
// message spends a try because another process held the store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKotae, startKotae, type ChildResult, type RunningKotae } from '../support/child.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { PASSWORD_ENV, waitFor } from '../support/harness.ts';
import { approverReply, buyerMessage, headerOf, readApprovalMail, type BuyerMail } from '../support/mail.ts';
import { freePort } from '../support/ports.ts';
import { SmtpSink, type ReceivedMail } from '../support/smtp-sink.ts';
import { makeTestDir } from '../support/tmp.ts';

const ROUNDS = 4;
const BUYERS_PER_ROUND = 5;

describe.skipIf(skipWithoutDovecot())('several kotae processes on one store', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let dir: string;
  let configFile: string;
  let daemon: RunningKotae | undefined;
  const env = () => ({ KOTAE_CONFIG: configFile, [PASSWORD_ENV]: 'secret' });

  beforeAll(async () => {
    dovecot = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
    sink = await SmtpSink.start();
    dir = makeTestDir('kotae-concurrent-');
    configFile = join(dir, 'kotae.config.yaml');
    writeFileSync(
      configFile,
      [
        'dataDir: ./data',
        'timezone: Asia/Tokyo',
        // The daemon is woken by IDLE; its poll adds a cycle a minute.
        'schedule: { poll: "* * * * *", sla: "*/10 * * * *", digest: "0 8 * * *" }',
        `http: { host: 127.0.0.1, port: ${await freePort()} }`,
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
  });

  afterAll(async () => {
    if (daemon) {
      daemon.child.kill('SIGTERM');
      await daemon.done.catch(() => undefined);
    }
    await sink?.close();
    await dovecot?.stop();
  });

  // An approval mail is the one whose Reply-To carries a token.
  const approvalMails = () => sink.received.filter((m) => m.to.includes('owner@example.com') && header(m, 'reply-to').includes('+kotae-'));
  const kotae = (args: string[]) => runKotae(args, { env: env(), cwd: dir, timeoutMs: 90_000 });

  it('sends every reply once and every approval mail once, with the daemon, `once` and `approve` side by side', async () => {
    daemon = startKotae(['run'], { env: env(), cwd: dir, timeoutMs: 240_000 });
    const buyers: BuyerMail[] = [];
    const answered = new Set<string>();
    const runs: Promise<ChildResult>[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const fresh = await Promise.all(Array.from({ length: BUYERS_PER_ROUND }, () => buyerMessage()));
      buyers.push(...fresh);
      await dovecot.append(fresh.map((b) => b.raw));
      // Two `once` at the very same moment, beside the daemon: all three see the same new mail.
      runs.push(kotae(['once']), kotae(['once']));
      await waitFor('approval mails for this round', () => (approvalMails().length >= buyers.length ? true : null), 60_000, 100);

      // Each new approval mail is answered, some by mail, some from the terminal, some both at once.
      for (const [i, mail] of approvalMails().entries()) {
        const ref = header(mail, 'x-kotae-draft');
        if (answered.has(ref)) continue;
        answered.add(ref);
        const draftId = ref.split('.')[0]!;
        if (i % 3 !== 1) await dovecot.append([await approverReply(await readApprovalMail(mail.raw), { firstLine: '承認' })]);
        if (i % 3 !== 0) runs.push(kotae(['approve', draftId]));
      }
      runs.push(kotae(['once']));
    }

    await waitFor('a reply to every buyer', () => (buyers.every((b) => sink.to(b.alias).length > 0) ? true : null), 90_000, 200);
    const results = await Promise.all(runs);
    // One more cycle from each side sends nothing new.
    await kotae(['once']);

    for (const b of buyers) expect(sink.to(b.alias), b.alias).toHaveLength(1);
    const perRevision = new Map<string, number>();
    for (const m of approvalMails()) perRevision.set(header(m, 'x-kotae-draft'), (perRevision.get(header(m, 'x-kotae-draft')) ?? 0) + 1);
    expect(perRevision.size).toBe(buyers.length);
    expect([...perRevision.values()].every((n) => n === 1), JSON.stringify([...perRevision])).toBe(true);

    for (const r of results) {
      // `approve` beside a mail reply may find the draft decided already: that is the one allowed refusal.
      expect(r.stderr, r.stderr).not.toMatch(/unexpected error|bug in kotae|database is locked|migration .* failed/);
      // A process that waited out the busy timeout on a loaded machine says so and leaves the work pending.
      if (r.code !== 0) expect(r.stderr).toMatch(/decided meanwhile|is (?:approved|queued|sent|superseded), not waiting|is busy: another kotae process/);
    }
    const db = new BetterSqlite3(join(dir, 'data', 'kotae.sqlite'), { readonly: true });
    try {
      const messages = db.prepare("select count(*) as n, max(tries) as tries, sum(state = 'processed') as processed from messages where direction = 'in'").get() as { n: number; tries: number; processed: number };
      expect(messages.tries).toBe(0);
      expect(messages.processed).toBe(messages.n);
      const replies = db.prepare("select count(*) as n from outbox where purpose = 'reply' and state = 'sent'").get() as { n: number };
      expect(replies.n).toBe(buyers.length);
      const drafted = db.prepare('select count(*) as n from drafts where revision = 1').get() as { n: number };
      expect(drafted.n).toBe(buyers.length);
    } finally {
      db.close();
    }
  }, 240_000);
});

function header(mail: ReceivedMail, name: string): string {
  return headerOf(mail.raw, name);
}
