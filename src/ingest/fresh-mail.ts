// Raw mail the sync has just stored, handed to processing in memory: a backfill would otherwise read
// every message back from the store it has just written (hundreds of MB). Only a shortcut: every
// message is committed to the store before it is offered here, and processing reads the store for
// any message this does not hold. Bounded: the sync waits while more than `limitBytes` are waiting,
// so memory stays flat when fetching outruns processing.

/** Bytes of raw mail held at most before the sync waits for processing (some 1,300 typical messages). */
const DEFAULT_LIMIT_BYTES = 16 * 1024 * 1024;

export class FreshMail {
  readonly #raw = new Map<number, Buffer>();
  readonly #limitBytes: number;
  #bytes = 0;
  #closed = false;
  #waiting: (() => void)[] = [];

  constructor(limitBytes = DEFAULT_LIMIT_BYTES) {
    this.#limitBytes = limitBytes;
  }

  /** Offer a message's raw bytes; call only once its row is committed. Ignored after close. */
  offer(id: number, raw: Buffer): void {
    if (this.#closed || this.#raw.has(id)) return;
    this.#raw.set(id, raw);
    this.#bytes += raw.length;
  }

  /**
   * The raw bytes of these messages where held, taken out. Processing walks forward by id, so
   * anything held up to the highest id asked for and not asked for will never be: it is dropped.
   */
  take(ids: readonly number[]): Map<number, Buffer> {
    const taken = new Map<number, Buffer>();
    if (ids.length === 0) return taken;
    const wanted = new Set(ids);
    const highest = Math.max(...ids);
    // Offered in increasing id order (the store's ids grow), so the map is in id order too.
    for (const [id, raw] of this.#raw) {
      if (id > highest) break;
      if (wanted.has(id)) taken.set(id, raw);
      this.#raw.delete(id);
      this.#bytes -= raw.length;
    }
    this.#wake();
    return taken;
  }

  /** Resolves when there is room to offer more (at once after close). */
  async room(): Promise<void> {
    while (!this.#closed && this.#bytes > this.#limitBytes) await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Processing has ended: drop what is held, let the sync go on without handing anything over. */
  close(): void {
    this.#closed = true;
    this.#raw.clear();
    this.#bytes = 0;
    this.#wake();
  }

  /** Bytes held now, for tests. */
  get bytes(): number {
    return this.#bytes;
  }

  #wake(): void {
    if (!this.#closed && this.#bytes > this.#limitBytes) return;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
}
