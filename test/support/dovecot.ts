// A throwaway Dovecot IMAP server for integration tests: its own temp dir, a free loopback port,
// plain-text auth (loopback only), Maildir storage. Started and stopped by the tests themselves.
// CI (KOTAE_REQUIRE_SERVERS=1) fails when Dovecot is missing; a developer's machine skips loudly.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './ports.ts';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p)) ?? 'dovecot';

export function dovecotMissingReason(): string | null {
  const found = spawnSync(DOVECOT, ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) return 'Dovecot is not installed (apt-get install dovecot-imapd)';
  if (process.getuid?.() !== 0) return 'Dovecot tests run as root (Dovecot switches to the mail user)';
  return null;
}

/** `describe.skipIf(skipWithoutDovecot())`: false in CI, where a missing server must fail the run. */
export function skipWithoutDovecot(): boolean {
  const reason = dovecotMissingReason();
  if (reason === null) return false;
  if (process.env.KOTAE_REQUIRE_SERVERS === '1') return false;
  console.warn(`\n!!! SKIPPING Dovecot integration tests: ${reason}. CI runs them (KOTAE_REQUIRE_SERVERS=1). !!!\n`);
  return true;
}

const CONF = `base_dir = @DIR@/run
state_dir = @DIR@/state
log_path = @DIR@/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
default_internal_group = dovecot
mail_location = maildir:@DIR@/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u @DIR@/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=@DIR@/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = @PORT@
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
first_valid_uid = 1
`;

export interface DovecotUser {
  user: string;
  password: string;
}

export class Dovecot {
  readonly dir: string;
  readonly port: number;
  readonly users: DovecotUser[];
  #running = false;

  private constructor(dir: string, port: number, users: DovecotUser[]) {
    this.dir = dir;
    this.port = port;
    this.users = users;
  }

  static async start(users: DovecotUser[] = [{ user: 'shop@example.com', password: 'secret' }]): Promise<Dovecot> {
    const reason = dovecotMissingReason();
    if (reason) throw new Error(`cannot start Dovecot: ${reason}`);
    const dir = mkdtempSync(join(tmpdir(), 'kotae-dovecot-'));
    // Dovecot's auth process (user dovecot) must reach the passwd file; mail runs as nobody.
    chmodSync(dir, 0o755);
    for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, sub));
    execFileSync('chown', ['-R', 'nobody:nogroup', join(dir, 'mail'), join(dir, 'home')]);
    writeFileSync(join(dir, 'passwd'), users.map((u) => `${u.user}:{PLAIN}${u.password}`).join('\n') + '\n');
    const port = await freePort();
    writeFileSync(join(dir, 'dovecot.conf'), CONF.replaceAll('@DIR@', dir).replace('@PORT@', String(port)));
    const server = new Dovecot(dir, port, users);
    await server.startProcess();
    return server;
  }

  get conf(): string {
    return join(this.dir, 'dovecot.conf');
  }

  async startProcess(): Promise<void> {
    // Dovecot daemonises; inherited pipes would keep execFileSync waiting for it.
    execFileSync(DOVECOT, ['-c', this.conf], { stdio: 'ignore' });
    this.#running = true;
    await this.waitReady();
  }

  async stopProcess(): Promise<void> {
    if (!this.#running) return;
    spawnSync('doveadm', ['-c', this.conf, 'stop'], { stdio: 'ignore' });
    this.#running = false;
    // doveadm stop returns before the listener is gone; wait until connects fail.
    for (let i = 0; i < 100; i++) {
      if (!(await this.accepts())) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async restart(): Promise<void> {
    await this.stopProcess();
    await this.startProcess();
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async waitReady(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await this.accepts()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Dovecot did not start listening on ${this.port}; see ${this.dir}/dovecot.log`);
  }

  async accepts(): Promise<boolean> {
    const net = await import('node:net');
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: this.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }

  /** A logged-in client for the test's own appends and checks. */
  async client(user: DovecotUser = this.users[0]!): Promise<ImapFlow> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.port, secure: false, auth: { user: user.user, pass: user.password }, logger: false, disableAutoIdle: true });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  async append(messages: (Buffer | string)[], mailbox = 'INBOX', user?: DovecotUser): Promise<void> {
    const client = await this.client(user);
    try {
      for (const m of messages) await client.append(mailbox, typeof m === 'string' ? Buffer.from(m) : m);
    } finally {
      await client.logout();
    }
  }

  /** Give the mailbox a new UIDVALIDITY, as a server does after a rebuild: every UID is renumbered. */
  setUidValidity(value: number, mailbox = 'INBOX', user = this.users[0]!.user): void {
    execFileSync('doveadm', ['-c', this.conf, 'mailbox', 'update', '-u', user, '--uid-validity', String(value), mailbox]);
  }

  /** Message-IDs in a mailbox, in UID order. */
  async messageIds(mailbox = 'INBOX', user?: DovecotUser): Promise<string[]> {
    const client = await this.client(user);
    try {
      const lock = await client.getMailboxLock(mailbox);
      try {
        if (!client.mailbox || client.mailbox.exists === 0) return [];
        const ids: string[] = [];
        for await (const m of client.fetch('1:*', { envelope: true, uid: true })) ids.push(m.envelope?.messageId ?? '');
        return ids;
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }
}
