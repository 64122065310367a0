// IMAP IDLE on an account's inbox, on a connection of its own: new mail wakes a cycle within seconds.
// A dropped connection is reconnected with exponential backoff and jitter, until the daemon stops.
import { ImapFlow } from 'imapflow';
import type { AccountConfig } from '../config/schema.ts';
import { backoffDelay, DEFAULT_RETRY } from '../ingest/sync.ts';
import type { Logger } from '../shared/log.ts';
import { errorMessage } from '../shared/errors.ts';
import { imapOptions } from '../sources/imap.ts';

export class IdleWatcher {
  readonly #account: AccountConfig;
  readonly #onNews: () => void;
  readonly #log: Logger;
  #client: ImapFlow | null = null;
  #stopped = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(account: AccountConfig, onNews: () => void, log: Logger) {
    this.#account = account;
    this.#onNews = onNews;
    this.#log = log.child({ account: account.id, part: 'idle' });
  }

  start(): void {
    void this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const mailbox = this.#account.imap!.mailboxes[0] ?? 'INBOX';
    // Auto-IDLE on: imapflow idles once the connection is quiet (after 200 ms, not its default 15 s:
    // this connection does nothing else) and reports new mail as 'exists'.
    const client = new ImapFlow({ ...imapOptions(this.#account), disableAutoIdle: false, autoIdleDelay: 200, maxIdleTime: 5 * 60_000 });
    client.on('error', (err: unknown) => this.#log.warn({ err: errorMessage(err) }, 'IDLE connection error'));
    client.on('exists', () => this.#onNews());
    client.on('close', () => this.#reconnectLater());
    try {
      await client.connect();
      await client.mailboxOpen(mailbox, { readOnly: true });
      this.#client = client;
      this.#attempt = 0;
      this.#log.info({ mailbox }, 'watching the mailbox (IMAP IDLE)');
      // Mail that arrived while disconnected is fetched by a cycle now.
      this.#onNews();
    } catch (err) {
      this.#log.warn({ err: errorMessage(err) }, 'IDLE connection failed');
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
