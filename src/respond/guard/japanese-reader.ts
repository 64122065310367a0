// Lindera (Japanese morphology, WebAssembly with IPADIC inside) takes some 130 MB once built, and a
// WebAssembly memory never shrinks while its instance lives. So it lives in a worker thread of its
// own, started on the first Japanese text and stopped after a while without one: the memory goes
// back with the thread, and a daemon that drafted one reply does not hold it for ever. The guard's
// reading is synchronous; the call blocks on a shared cell until the thread answers, as a call
// into Lindera on this thread would.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface LinderaToken {
  surface: string;
  baseForm: string;
}

/** A thread unused this long is stopped; the next text starts one again (about a second). */
const RELEASE_AFTER_MS = 30_000;
/** Longest wait for one answer, the thread's start and dictionary included (a loaded machine). */
const ANSWER_LIMIT_MS = 60_000;

export class JapaneseReaderError extends Error {
  override name = 'JapaneseReaderError';
}

interface Thread {
  worker: Worker;
  port: MessagePort;
  cell: Int32Array;
}

export class JapaneseReader {
  readonly #releaseAfterMs: number;
  #thread: Thread | null = null;
  #release: NodeJS.Timeout | null = null;

  constructor(options: { releaseAfterMs?: number } = {}) {
    this.#releaseAfterMs = options.releaseAfterMs ?? RELEASE_AFTER_MS;
  }

  /** Whether Lindera is loaded now (for tests and measures). */
  get loaded(): boolean {
    return this.#thread !== null;
  }

  tokenize(text: string): LinderaToken[] {
    const thread = (this.#thread ??= this.#start());
    Atomics.store(thread.cell, 0, 0);
    thread.port.postMessage(text);
    const reply = awaitAnswer(thread.port, thread.cell, ANSWER_LIMIT_MS) as { tokens: LinderaToken[] } | { error: string } | undefined;
    if (!reply) {
      this.release();
      throw new JapaneseReaderError(`the Japanese reader (Lindera) did not answer within ${ANSWER_LIMIT_MS / 1000} s; it is started again for the next text`);
    }
    this.#releaseLater();
    if ('error' in reply) throw new JapaneseReaderError(`the Japanese reader (Lindera) failed: ${reply.error}`);
    return reply.tokens;
  }

  /** Stop the thread now; the next text starts it again. */
  release(): void {
    if (this.#release) clearTimeout(this.#release);
    this.#release = null;
    const thread = this.#thread;
    this.#thread = null;
    if (!thread) return;
    thread.port.close();
    void thread.worker.terminate();
  }

  #start(): Thread {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const worker = new Worker(new URL('./lindera-worker.ts', import.meta.url), { workerData: { port: port2, signal }, transferList: [port2] });
    // Neither the thread nor its timer keeps a command from ending.
    worker.unref();
    port1.unref();
    // A thread that died is found out by the next call's wait; its error must not end the process.
    worker.on('error', () => {});
    worker.once('exit', () => {
      if (this.#thread?.worker === worker) this.#thread = null;
    });
    return { worker, port: port1, cell: new Int32Array(signal) };
  }

  #releaseLater(): void {
    if (this.#release) clearTimeout(this.#release);
    this.#release = setTimeout(() => this.release(), this.#releaseAfterMs);
    this.#release.unref();
  }
}

/**
 * Block until the other thread has posted its answer on `port` and set `cell` to 1, at most `limitMs`;
 * undefined when it did not. The cell, not the wake-up, says the answer is there: the thread's notify
 * for the previous text can come late (preempted between its store and its notify) and wake this
 * wait before the answer is posted, as happened on a loaded CI machine.
 */
export function awaitAnswer(port: MessagePort, cell: Int32Array, limitMs: number): unknown {
  const deadline = Date.now() + limitMs;
  while (Atomics.load(cell, 0) === 0 && Date.now() < deadline) Atomics.wait(cell, 0, 0, deadline - Date.now());
  return receiveMessageOnPort(port)?.message;
}
