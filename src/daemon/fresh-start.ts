// An idle daemon gives back what a backfill took by starting afresh. Memory freed after a backfill
// mostly stays with the process: glibc keeps what worker threads and large mail used, and V8's heap
// stays at its high mark (README, Benchmarks: 195–218 MB idle against some 130 MB at start). Only a
// new process image returns it all. So once the daemon has been idle a while and holds much more
// than it did at start, it stops cleanly and replaces itself (execve): the same pid, so Docker,
// systemd and a supervisor see no exit, and the new image starts as any start does (registering
// anew, syncing from the stored UIDs). Unicorn's and Puma's worker killers recycle workers for the
// same reason.

/** Growth since start below this is not worth a new start, and keeps a daemon whose fresh size is already above the limit from starting afresh at every idle spell. */
export const GROWTH_MB = 32;

/** Whether a daemon resident at `rssMb`, having started at `startRssMb`, should start afresh. */
export function worthFreshStart(rssMb: number, startRssMb: number, aboveMb: number): boolean {
  return aboveMb > 0 && rssMb > aboveMb && rssMb > startRssMb + GROWTH_MB;
}

export interface FreshStartPolicy {
  /** 0: never. */
  aboveMb: number;
  idleMs: number;
}

/** The process's resident memory now, in MB. */
export function residentMb(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}

/**
 * Watches a daemon's idle spells: `idleMs` after its last cycle, with no cycle running, it calls
 * `due` once if the memory held is worth a fresh start. Every cycle re-arms the wait.
 */
export class FreshStartWatch {
  readonly #policy: FreshStartPolicy;
  readonly #busy: () => boolean;
  readonly #due: (figures: { rssMb: number; startRssMb: number }) => void;
  readonly #readMb: () => number;
  #startRssMb = 0;
  #timer: NodeJS.Timeout | null = null;
  #fired = false;

  constructor(policy: FreshStartPolicy, busy: () => boolean, due: (figures: { rssMb: number; startRssMb: number }) => void, readMb: () => number = residentMb) {
    this.#policy = policy;
    this.#busy = busy;
    this.#due = due;
    this.#readMb = readMb;
  }

  /** The size a fresh start comes back to: read once the daemon is up, before its first cycle. */
  started(): void {
    this.#startRssMb = this.#readMb();
  }

  cycleDone(): void {
    if (this.#policy.aboveMb === 0 || this.#fired) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(), this.#policy.idleMs);
    // The wait never keeps a stopping process alive.
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #check(): void {
    this.#timer = null;
    // A cycle running now re-arms the wait when it is done.
    if (this.#busy()) return;
    const rssMb = this.#readMb();
    if (!worthFreshStart(rssMb, this.#startRssMb, this.#policy.aboveMb)) return;
    this.#fired = true;
    this.#due({ rssMb: Math.round(rssMb), startRssMb: Math.round(this.#startRssMb) });
  }
}
