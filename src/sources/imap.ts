// An IMAP account (imapflow): incremental sync by UID with UIDVALIDITY, Sent-folder look-ups and
// appends for the outbox, and IDLE for the daemon. It reads with BODY.PEEK and never changes the
// seller's mail unless the configuration asks (markSeen, moveTo).
import { ImapFlow, type ImapFlowOptions, type ListResponse } from 'imapflow';
import type { AccountConfig, ImapConfig } from '../config/schema.ts';
import { resolveSecret } from '../config/load.ts';
import { RemoteError, errorMessage } from '../shared/errors.ts';
import { cutBatches, MAX_BATCH_BYTES } from '../shared/batches.ts';
import type { ChangesDone, MailboxPosition, MailSource, SourceBatch, SourceMessage } from './types.ts';

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/**
 * Messages up to this size are counted at this size when batches are cut by bytes; the larger ones
 * (found with one SEARCH LARGER) are counted at their own size, asked for only for them.
 */
const SMALL_MESSAGE_BYTES = 16 * 1024;
/** UIDs per FETCH of message sizes: a short command line for any server. */
const SIZE_FETCH_UIDS = 500;

/** imapflow options for an account; the secret is read from the environment here, never stored. */
export function imapOptions(account: AccountConfig, env: NodeJS.ProcessEnv = process.env): ImapFlowOptions & { doSTARTTLS?: boolean } {
  const imap = account.imap!;
  const where = `accounts[${account.id}].imap`;
  const auth = imap.accessTokenEnv
    ? { user: imap.user, accessToken: resolveSecret(imap.accessTokenEnv, `${where}.accessTokenEnv`, env) }
    : { user: imap.user, pass: resolveSecret(imap.passwordEnv!, `${where}.passwordEnv`, env) };
  return {
    host: imap.host,
    port: imap.port ?? (imap.secure ? 993 : 143),
    secure: imap.secure,
    ...starttlsOption(imap),
    auth,
    tls: { rejectUnauthorized: imap.rejectUnauthorized },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
    clientInfo: { name: 'kotae' },
  };
}

function starttlsOption(imap: ImapConfig): { doSTARTTLS?: boolean } {
  if (imap.secure) return {};
  const mode = imap.starttls ?? (LOOPBACK.test(imap.host) ? 'auto' : 'required');
  return mode === 'required' ? { doSTARTTLS: true } : mode === 'never' ? { doSTARTTLS: false } : {};
}

/** Turn imapflow's errors into RemoteError: authentication problems are not worth retrying. */
export function imapError(err: unknown, what: string): RemoteError {
  const e = err as { authenticationFailed?: boolean; mailboxMissing?: boolean; responseText?: string; code?: string };
  if (e.authenticationFailed) {
    return new RemoteError(`${what}: the IMAP server refused the login (${e.responseText ?? 'authentication failed'})`, {
      transient: false,
      hint: 'Check imap.user and the password or token in the environment variable named by passwordEnv/accessTokenEnv.',
      cause: err,
    });
  }
  // imapflow sets mailboxMissing only after a LIST confirmed it: retrying would not make it exist.
  if (e.mailboxMissing) {
    return new RemoteError(`${what}: no such mailbox on the IMAP server`, {
      transient: false,
      hint: 'Check imap.mailboxes: each name must be a folder that exists, spelled as the server lists it (e.g. "INBOX", "[Gmail]/All Mail").',
      cause: err,
    });
  }
  return new RemoteError(`${what}: ${e.responseText ?? errorMessage(err)}${e.code ? ` (${e.code})` : ''}`, { transient: true, cause: err });
}

/** The sizes of the mailbox's messages above SMALL_MESSAGE_BYTES with a UID after `after`, by UID. */
async function largeMessageSizes(client: ImapFlow, after: number): Promise<Map<number, number>> {
  const large = (await client.search({ uid: `${after + 1}:*`, larger: SMALL_MESSAGE_BYTES }, { uid: true })) || [];
  const sizes = new Map<number, number>();
  const wanted = large.filter((u) => u > after);
  for (let i = 0; i < wanted.length; i += SIZE_FETCH_UIDS) {
    for await (const msg of client.fetch(wanted.slice(i, i + SIZE_FETCH_UIDS).join(','), { uid: true, size: true }, { uid: true })) {
      if (msg.size !== undefined) sizes.set(msg.uid, msg.size);
    }
  }
  return sizes;
}

export class ImapAccount implements MailSource {
  readonly label: string;
  readonly #account: AccountConfig;
  readonly #options: ImapFlowOptions;
  readonly #batchSize: number;
  readonly #batchBytes: number;
  #client: ImapFlow | null = null;
  /** The server's folders, listed once per connection: a cycle asks about Sent several times. */
  #folders: Promise<ListResponse[]> | null = null;

  constructor(account: AccountConfig, options: { batchSize?: number; batchBytes?: number; env?: NodeJS.ProcessEnv } = {}) {
    if (!account.imap) throw new RemoteError(`account ${account.id} has no imap settings`, { transient: false });
    this.#account = account;
    this.#options = imapOptions(account, options.env);
    this.#batchSize = options.batchSize ?? 200;
    this.#batchBytes = options.batchBytes ?? MAX_BATCH_BYTES;
    this.label = `imap:${account.id}`;
  }

  get imap(): ImapConfig {
    return this.#account.imap!;
  }

  async client(): Promise<ImapFlow> {
    if (this.#client?.usable) return this.#client;
    this.#client?.close();
    const client = new ImapFlow(this.#options);
    // A dropped connection surfaces as an error on the next command; the listener keeps it from
    // becoming an unhandled 'error' event that would end the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      client.close();
      throw imapError(err, `connecting to ${this.#options.host}:${this.#options.port}`);
    }
    this.#client = client;
    this.#folders = null;
    return client;
  }

  async #folderList(): Promise<ListResponse[]> {
    const client = await this.client();
    this.#folders ??= client.list().catch((err: unknown) => {
      this.#folders = null;
      throw err;
    });
    return this.#folders;
  }

  /** Create a folder kotae writes to (moveTo, the Sent folder) when the server does not have it yet. */
  async #ensureFolder(path: string): Promise<void> {
    if ((await this.#folderList()).some((m) => m.path === path)) return;
    // ALREADYEXISTS (someone made it meanwhile) is not an error for imapflow.
    await (await this.client()).mailboxCreate(path);
    this.#folders = null;
  }

  async *batches(positions: ReadonlyMap<string, MailboxPosition>, changesDone?: ChangesDone): AsyncIterable<SourceBatch> {
    for (const mailbox of this.imap.mailboxes) yield* this.#mailboxBatches(mailbox, positions.get(mailbox), changesDone);
  }

  /** Whether stored messages are changed on the server (markSeen, moveTo). */
  get #changesMail(): boolean {
    return Boolean(this.imap.markSeen || this.imap.moveTo);
  }

  async *#mailboxBatches(mailbox: string, position: MailboxPosition | undefined, changesDone: ChangesDone | undefined): AsyncIterable<SourceBatch> {
    const client = await this.client();
    const lock = await client.getMailboxLock(mailbox).catch((err: unknown) => {
      throw imapError(err, `opening ${mailbox}`);
    });
    try {
      const opened = client.mailbox;
      if (!opened) throw new RemoteError(`opening ${mailbox}: no mailbox selected`, { transient: true });
      const uidValidity = String(opened.uidValidity);
      const resync = position !== undefined && position.uidValidity !== uidValidity;
      const after = position && !resync ? position.lastUid : 0;
      // Messages stored by a sync that stopped before it changed them (a crash between the two).
      if (!resync && this.#changesMail) {
        const pending = position?.pendingChanges ?? [];
        for (let i = 0; i < pending.length; i += this.#batchSize) await this.#afterStored(client, mailbox, uidValidity, pending.slice(i, i + this.#batchSize), changesDone);
      }
      // UID SEARCH returns only existing UIDs: sparse mailboxes need no empty fetches, and the list
      // fixed here bounds the sync even while new mail keeps arriving.
      const found = opened.exists === 0 ? [] : ((await client.search({ uid: `${after + 1}:*` }, { uid: true })) || []);
      const uids = found.filter((u) => u > after).sort((a, b) => a - b);
      if (uids.length === 0) {
        yield { mailbox, messages: [], position: { uidValidity, lastUid: after }, resync };
        return;
      }
      // A single new message (the daemon's usual case) is a batch alone: no need to ask sizes.
      const sizes = uids.length > 1 ? await largeMessageSizes(client, after) : new Map<number, number>();
      const batches = cutBatches(uids, (uid) => sizes.get(uid) ?? SMALL_MESSAGE_BYTES, this.#batchSize, this.#batchBytes);
      for (const [i, chunk] of batches.entries()) {
        const messages: SourceMessage[] = [];
        for await (const msg of client.fetch(chunk.join(','), { uid: true, source: true, internalDate: true }, { uid: true })) {
          if (!msg.source) continue;
          const internal = msg.internalDate ? new Date(msg.internalDate) : undefined;
          messages.push({ bytes: msg.source, uid: msg.uid, origin: `imap:${mailbox}#${msg.uid}`, ...(internal && !Number.isNaN(internal.getTime()) ? { receivedAt: internal } : {}) });
        }
        messages.sort((a, b) => a.uid! - b.uid!);
        yield { mailbox, messages, position: { uidValidity, lastUid: chunk.at(-1)! }, resync: resync && i === 0, changesAfterStore: this.#changesMail };
        // Resumed here only after the batch is stored: now the seller's mail may be changed, if asked.
        await this.#afterStored(client, mailbox, uidValidity, chunk, changesDone);
      }
    } finally {
      lock.release();
    }
  }

  /** The configured changes to stored messages; doing them again is harmless (a UID moved away is skipped). */
  async #afterStored(client: ImapFlow, mailbox: string, uidValidity: string, uids: number[], changesDone: ChangesDone | undefined): Promise<void> {
    if (!this.#changesMail || uids.length === 0) return;
    if (this.imap.markSeen) await client.messageFlagsAdd(uids.join(','), ['\\Seen'], { uid: true });
    if (this.imap.moveTo) {
      await this.#ensureFolder(this.imap.moveTo);
      await client.messageMove(uids.join(','), this.imap.moveTo, { uid: true });
    }
    await changesDone?.(mailbox, uidValidity, uids);
  }

  /** The mailbox where sent copies live: configured, else the server's \Sent, else "Sent". */
  async sentMailbox(): Promise<string> {
    if (this.imap.sentMailbox) return this.imap.sentMailbox;
    return (await this.#folderList()).find((m) => m.specialUse === '\\Sent')?.path ?? 'Sent';
  }

  /** Whether a message with this Message-ID is in the mailbox (the Sent check before any resend). */
  async hasMessageId(mailbox: string, messageId: string): Promise<boolean> {
    const client = await this.client();
    // A server without that mailbox yet (no Sent folder) holds no such message.
    if (!(await this.#folderList()).some((m) => m.path === mailbox)) return false;
    const lock = await client.getMailboxLock(mailbox);
    try {
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      return Array.isArray(found) && found.length > 0;
    } finally {
      lock.release();
    }
  }

  /** Append a message; a mailbox the server does not have yet (no Sent folder) is created first. */
  async append(mailbox: string, bytes: Buffer, flags: string[] = ['\\Seen']): Promise<void> {
    await this.#ensureFolder(mailbox);
    await (await this.client()).append(mailbox, bytes, flags);
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    // A server that is gone never answers LOGOUT: wait two seconds at most, then drop the socket.
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([client.logout(), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
    } catch {
      // The server may already be gone; closing the socket below is all that is left to do.
    } finally {
      clearTimeout(timer);
    }
    client.close();
  }
}
