// IMAP IDLE on an account's inbox, on a connection of its own: new mail wakes a cycle within seconds.
// A dropped connection is reconnected with exponential backoff and jitter, until the daemon stops.
// The watcher is also the daemon's first witness of a failing server: /healthz reads `failure`.
import { ImapFlow } from 'imapflow';
import type { AccountConfig } from '../config/schema.ts';
import { backoffDelay, DEFAULT_RETRY } from '../ingest/sync.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/log.ts';
import { errorMessage } from '../shared/errors.ts';
import { imapError, imapOptions } from '../sources/imap.ts';

/** Why an account's IMAP connection is down, since the first failure of the current outage. */
export interface ConnectionFailure {
  since: Date;
  reason: string;
}

export class IdleWatcher {
  readonly #account: AccountConfig;
  readonly #onNews: () => void;
  readonly #log: Logger;
  readonly #clock: Clock;
  #client: ImapFlow | null = null;
  #stopped = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #failure: ConnectionFailure | null = null;

  constructor(account: AccountConfig, onNews: () => void, log: Logger, clock: Clock) {
    this.#account = account;
    this.#onNews = onNews;
    this.#log = log.child({ account: account.id, part: 'idle' });
    this.#clock = clock;
  }

  get accountId(): string {
    return this.#account.id;
  }

  /** Null while the connection is up (and before the first attempt has failed). */
  get failure(): ConnectionFailure | null {
    return this.#failure;
  }

  start(): void {
    void this.#connect();
  }

  /** The outage keeps the time it began; the reason is the latest, which is what a person needs. */
  #failed(reason: string): void {
    this.#failure = { since: this.#failure?.since ?? this.#clock.now(), reason };
  }

  #describe(err: unknown): string {
    const imap = this.#account.imap!;
    return imapError(err, `IMAP ${imap.host}:${imap.port ?? (imap.secure ? 993 : 143)}`).message;
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const mailbox = this.#account.imap!.mailboxes[0] ?? 'INBOX';
    // Auto-IDLE on: imapflow idles once the connection is quiet (after 200 ms, not its default 15 s:
    // this connection does nothing else) and reports new mail as 'exists'.
    const client = new ImapFlow({ ...imapOptions(this.#account), disableAutoIdle: false, autoIdleDelay: 200, maxIdleTime: 5 * 60_000 });
    client.on('error', (err: unknown) => {
      this.#log.warn({ err: errorMessage(err) }, 'IDLE connection error');
      this.#failed(this.#describe(err));
    });
    client.on('exists', () => this.#onNews());
    client.on('close', () => {
      if (!this.#failure) this.#failed('the IMAP server closed the connection');
      this.#reconnectLater();
    });
    try {
      await client.connect();
      await client.mailboxOpen(mailbox, { readOnly: true });
      this.#client = client;
      this.#attempt = 0;
      this.#failure = null;
      this.#log.info({ mailbox }, 'watching the mailbox (IMAP IDLE)');
      // Mail that arrived while disconnected is fetched by a cycle now.
      this.#onNews();
    } catch (err) {
      this.#log.warn({ err: errorMessage(err) }, 'IDLE connection failed');
      this.#failed(this.#describe(err));
      client.close();
    }
  }

  #reconnectLater(): void {
    this.#client = null;
    if (this.#stopped || this.#timer) return;
    const delay = backoffDelay(this.#attempt++, { ...DEFAULT_RETRY, maxDelayMs: 60_000 });
    this.#log.warn({ delayMs: delay }, 'IDLE connection closed; reconnecting');
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#connect();
    }, delay);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    if (client) {
      client.removeAllListeners('close');
      client.close();
    }
  }
}
