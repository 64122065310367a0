// A throwaway Dovecot IMAP server for integration tests: its own temp dir, a free loopback port,
// plain-text auth (loopback only), Maildir storage. Started and stopped by the tests themselves.
// CI (KOTAE_REQUIRE_SERVERS=1) fails when Dovecot is missing; a developer's machine skips loudly.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './ports.ts';
import { makeTestDir } from './tmp.ts';

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

/** uid and gid of nobody:nogroup, who owns the mail (userdb static uid=nobody gid=nogroup). */
let mailOwner: { uid: number; gid: number } | null = null;
function nobody(): { uid: number; gid: number } {
  mailOwner ??= {
    uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('getent', ['group', 'nogroup'], { encoding: 'utf8' }).split(':')[2]),
  };
  return mailOwner;
}

/** Whether a process runs (a zombie, dead but not yet reaped by init, does not). */
function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A message's UID, flags and Message-ID, as the server reports them. */
export interface ServerMessage {
  uid: number;
  flags: string[];
  messageId: string;
}

export interface DovecotUser {
  user: string;
  password: string;
}

export class Dovecot {
  readonly dir: string;
  readonly port: number;
  readonly users: DovecotUser[];
  #running = false;
  /** Maildir file names for `deliver`: one second and a counter, so Dovecot's name order is delivery order. */
  readonly #deliverSecond = Math.floor(Date.now() / 1000);
  #delivered = 0;

  private constructor(dir: string, port: number, users: DovecotUser[]) {
    this.dir = dir;
    this.port = port;
    this.users = users;
  }

  static async start(users: DovecotUser[] = [{ user: 'shop@example.com', password: 'secret' }]): Promise<Dovecot> {
    const reason = dovecotMissingReason();
    if (reason) throw new Error(`cannot start Dovecot: ${reason}`);
    const dir = makeTestDir('kotae-dovecot-');
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

  get #pidFile(): string {
    return join(this.dir, 'run', 'master.pid');
  }

  #masterPid(): number | null {
    try {
      const pid = Number(readFileSync(this.#pidFile, 'utf8').trim());
      return Number.isInteger(pid) && pid > 1 ? pid : null;
    } catch {
      return null;
    }
  }

  /**
   * A shutdown: SIGTERM to Dovecot's whole process group, so the imap processes serving open
   * connections end too (SIGTERM to the master alone leaves them running, orphaned, still serving);
   * whatever is still running after a second (a login process can linger for seconds) is killed.
   * Waits for the master to exit, not for init to reap it (`doveadm stop` does, which takes seconds
   * in some containers), and removes the pid file a zombie leaves behind, so startProcess works at once.
   */
  async stopProcess(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    const pid = this.#masterPid();
    if (pid === null) {
      spawnSync('doveadm', ['-c', this.conf, 'stop'], { stdio: 'ignore' });
    } else {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      for (let i = 0; i < 40 && processAlive(pid); i++) await pause(25);
      this.#killGroup(pid);
    }
    for (let i = 0; i < 200; i++) {
      if (!(await this.accepts())) break;
      await pause(25);
    }
    rmSync(this.#pidFile, { force: true });
  }

  /** A crash: SIGKILL to Dovecot and all its processes, no BYE; connections just drop. */
  async kill(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    const pid = this.#masterPid();
    if (pid === null) spawnSync('doveadm', ['-c', this.conf, 'stop'], { stdio: 'ignore' });
    else this.#killGroup(pid);
    for (let i = 0; i < 200; i++) {
      if (!(await this.accepts())) break;
      await pause(25);
    }
    rmSync(this.#pidFile, { force: true });
  }

  #killGroup(pid: number): void {
    // The master daemonises into its own process group: the group is Dovecot and nothing else.
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  /** A crash and a start: the server is back, every old connection is dead. */
  async crashRestart(): Promise<void> {
    await this.kill();
    await this.startProcess();
  }

  async restart(): Promise<void> {
    await this.stopProcess();
    await this.startProcess();
  }

  /** The end of a test file: no need to be gentle, the directory goes too. */
  async stop(): Promise<void> {
    await this.kill();
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

  /** The Maildir folder of a mailbox: the user's root for INBOX, `.Name` (Maildir++) for the others. */
  maildir(mailbox = 'INBOX', user = this.users[0]!.user): string {
    const root = join(this.dir, 'mail', user);
    return mailbox.toUpperCase() === 'INBOX' ? root : join(root, `.${mailbox.replaceAll('/', '.')}`);
  }

  /**
   * Put messages straight into the user's Maildir (tmp/, then renamed into new/), as a local delivery
   * agent does: thousands a second, no IMAP round trips. Dovecot gives them UIDs, in this order,
   * when it next looks at the folder. The mailbox is created when missing. Bytes are written as given.
   * Dovecot takes a Maildir message's arrival (INTERNALDATE) from its file's time: now, unless `dated`,
   * which sets it to the message's Date header, as a mailbox of old mail moved in by hand has.
   */
  async deliver(messages: (Buffer | string)[], mailbox = 'INBOX', user: DovecotUser = this.users[0]!, { dated = false } = {}): Promise<void> {
    const owner = nobody();
    const root = join(this.dir, 'mail', user.user);
    const folder = this.maildir(mailbox, user.user);
    for (const dir of [root, folder, join(folder, 'tmp'), join(folder, 'new'), join(folder, 'cur')]) {
      if (existsSync(dir)) continue;
      mkdirSync(dir, { mode: 0o700 });
      chownSync(dir, owner.uid, owner.gid);
    }
    if (folder !== root && !existsSync(join(folder, 'maildirfolder'))) {
      writeFileSync(join(folder, 'maildirfolder'), '');
      chownSync(join(folder, 'maildirfolder'), owner.uid, owner.gid);
    }
    for (const message of messages) {
      const n = this.#delivered++;
      // Dovecot orders new files by the seconds, then the microseconds (M) in their names.
      const name = `${this.#deliverSecond + Math.floor(n / 1_000_000)}.M${n % 1_000_000}P${process.pid}Q${n}.kotae-test`;
      const tmp = join(folder, 'tmp', name);
      writeFileSync(tmp, message, { mode: 0o600 });
      chownSync(tmp, owner.uid, owner.gid);
      if (dated) {
        const date = dateHeader(message);
        if (date) utimesSync(tmp, date, date);
      }
      renameSync(tmp, join(folder, 'new', name));
    }
  }

  /** UID, flags and Message-ID of every message in a mailbox, in UID order (an empty list when it does not exist). */
  async list(mailbox = 'INBOX', user?: DovecotUser): Promise<ServerMessage[]> {
    const client = await this.client(user);
    try {
      const status = await client.status(mailbox, { messages: true }).catch(() => null);
      if (!status || !status.messages) return [];
      const lock = await client.getMailboxLock(mailbox, { readOnly: true });
      try {
        const out: ServerMessage[] = [];
        for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
          // \Recent belongs to the session, not the message.
          const flags = [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort();
          out.push({ uid: m.uid, flags, messageId: m.envelope?.messageId ?? '' });
        }
        return out.sort((a, b) => a.uid - b.uid);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  /** Message count and UIDVALIDITY of a mailbox, or null when it does not exist. */
  async status(mailbox = 'INBOX', user?: DovecotUser): Promise<{ messages: number; uidValidity: string } | null> {
    const client = await this.client(user);
    try {
      const status = await client.status(mailbox, { messages: true, uidValidity: true }).catch(() => false as const);
      return status ? { messages: status.messages ?? 0, uidValidity: String(status.uidValidity) } : null;
    } finally {
      await client.logout();
    }
  }

  /** Every mailbox of a user (paths). */
  async mailboxes(user?: DovecotUser): Promise<string[]> {
    const client = await this.client(user);
    try {
      return (await client.list()).map((m) => m.path);
    } finally {
      await client.logout();
    }
  }

  /** Delete every message of these mailboxes: each test starts from an empty inbox. */
  async empty(mailboxes: string[] = ['INBOX'], user?: DovecotUser): Promise<void> {
    const client = await this.client(user);
    try {
      for (const mailbox of mailboxes) {
        const lock = await client.getMailboxLock(mailbox);
        try {
          if (client.mailbox && client.mailbox.exists > 0) await client.messageDelete('1:*');
        } finally {
          lock.release();
        }
      }
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

function dateHeader(message: Buffer | string): Date | null {
  const head = (typeof message === 'string' ? message : message.subarray(0, 16_384).toString('latin1')).split(/\r?\n\r?\n/, 1)[0]!;
  const match = /^Date:[ \t]*(.+)$/im.exec(head);
  const date = match ? new Date(match[1]!.trim()) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
