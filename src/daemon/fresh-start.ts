// An idle daemon gives back what a backfill took by starting afresh. Memory freed after a backfill
// mostly stays with the process: glibc keeps what worker threads and large mail used, and V8's heap
// stays at its high mark (README, Benchmarks: 195–218 MB idle against some 150 MB at start). Only a
// new process image returns it all. So once the daemon has been idle a while, has let its own threads
// go (the analysis workers, the Japanese reader) and still holds much more than it did at start, it
// stops cleanly and replaces itself (execve): the same pid, so Docker, systemd and a supervisor see no
// exit, and the new image starts as any start does (registering anew, syncing from the stored UIDs).
// Unicorn's and Puma's worker killers recycle workers for the same reason.
//
// The same holds at the peak: after a backlog, drafting loads the Japanese reader (some 120 MB) on top
// of what the backlog left (70–80 MB). So a process that has just analysed a backlog, with replies
// waiting and the same memory to give back, starts afresh before drafting, and the new image drafts at
// once (`kotae run` and `kotae once` alike).

/** Growth since start below this is not worth a new start, and keeps a daemon whose fresh size is already above the limit from starting afresh at every idle spell (memory.freshStartGrowthMb's default). */
export const GROWTH_MB = 32;

/** At most one fresh start in this long: a daemon that drafts all day is not restarted after every draft. */
export const COOLDOWN_MS = 30 * 60_000;

/** Carries the time of the last fresh start into the new image (milliseconds since the epoch). */
export const FRESH_START_ENV = 'KOTAE_FRESH_START_AT';

/** Whether a daemon resident at `rssMb`, having started at `startRssMb`, should start afresh. */
export function worthFreshStart(rssMb: number, startRssMb: number, aboveMb: number, growthMb = GROWTH_MB): boolean {
  return aboveMb > 0 && rssMb > aboveMb && rssMb > startRssMb + growthMb;
}

/** The policy the configuration's `memory` section sets, for a process that is itself a fresh start at `lastAt`. */
export function freshStartPolicy(memory: { freshStartAboveMb: number; freshStartGrowthMb: number; idleSeconds: number }, lastAt?: number): FreshStartPolicy {
  return { aboveMb: memory.freshStartAboveMb, growthMb: memory.freshStartGrowthMb, idleMs: memory.idleSeconds * 1000, lastAt };
}

export interface FreshStartPolicy {
  /** 0: never. */
  aboveMb: number;
  /** Growth since start that makes a fresh start worth it; GROWTH_MB by default. */
  growthMb?: number;
  idleMs: number;
  /** The last fresh start, if this image is one: none again before COOLDOWN_MS after it. */
  lastAt?: number;
}

/** The process's resident memory now, in MB. */
export function residentMb(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}

/** When a fresh start is due: after an idle spell, or after a backlog and before drafting. */
export type FreshStartWhen = 'idle' | 'before drafting';

export interface FreshStartFigures {
  rssMb: number;
  startRssMb: number;
  when: FreshStartWhen;
}

/** Whether a process that started at `lastAt` (if it is itself a fresh start) is still cooling down at `now`. */
export function coolingDown(lastAt: number | undefined, now: number): boolean {
  return lastAt !== undefined && now < lastAt + COOLDOWN_MS;
}

export interface FreshStartProbes {
  /** A cycle runs, a mailbox fails, or threads the daemon lets go of by itself are still there. */
  busy: () => boolean;
  /** Told the sizes; returns false when the fresh start cannot happen now (a broken configuration). */
  due: (figures: FreshStartFigures) => boolean;
  readMb?: () => number;
  now?: () => number;
}

/**
 * Watches a daemon's idle spells: `idleMs` after its last cycle it looks again (and again while
 * the daemon is busy), and calls `due` once the memory held is worth a fresh start. Every cycle
 * re-arms the wait.
 */
export class FreshStartWatch {
  readonly #policy: FreshStartPolicy;
  readonly #probes: Required<FreshStartProbes>;
  #startRssMb = 0;
  #timer: NodeJS.Timeout | null = null;
  #fired = false;

  constructor(policy: FreshStartPolicy, probes: FreshStartProbes) {
    this.#policy = policy;
    this.#probes = { readMb: residentMb, now: Date.now, ...probes };
  }

  /** The size a fresh start comes back to: read once the daemon is up, before its first cycle. */
  started(rssMb = this.#probes.readMb()): void {
    this.#startRssMb = rssMb;
  }

  /** Asked within a cycle, once a backlog is in and replies wait: true when the process starts afresh first. */
  beforeDrafting(): boolean {
    if (this.#policy.aboveMb === 0 || this.#fired || coolingDown(this.#policy.lastAt, this.#probes.now())) return false;
    return this.#dueIfWorth('before drafting');
  }

  cycleDone(): void {
    if (this.#policy.aboveMb === 0 || this.#fired) return;
    this.#arm();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#fired = true;
  }

  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(), this.#policy.idleMs);
    // The wait never keeps a stopping process alive.
    this.#timer.unref();
  }

  #check(): void {
    this.#timer = null;
    if (this.#fired) return;
    const cooling = coolingDown(this.#policy.lastAt, this.#probes.now());
    // Busy or cooling down: look again after another idle spell.
    if (cooling || this.#probes.busy()) return this.#arm();
    this.#dueIfWorth('idle');
  }

  /** Asks `due` when the memory held now is worth a fresh start; true when it goes ahead. */
  #dueIfWorth(when: FreshStartWhen): boolean {
    const rssMb = this.#probes.readMb();
    if (!worthFreshStart(rssMb, this.#startRssMb, this.#policy.aboveMb, this.#policy.growthMb)) return false;
    this.#fired = this.#probes.due({ rssMb: Math.round(rssMb), startRssMb: Math.round(this.#startRssMb), when });
    return this.#fired;
  }
}
