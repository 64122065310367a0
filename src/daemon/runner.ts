// Runs cycles one at a time. A request while a cycle runs is remembered (once) and run right after,
// so IDLE events, polls and schedules never overlap and never pile up.

export type Job = 'mail' | 'sla' | 'digest';

export class Runner {
  readonly #run: (job: Job) => Promise<void>;
  readonly #onError: (job: Job, err: unknown) => void;
  #current: Promise<void> | null = null;
  #queued = new Set<Job>();
  /** Jobs of the running pass still to come after the one running. */
  #later: Job[] = [];
  #stopped = false;

  constructor(run: (job: Job) => Promise<void>, onError: (job: Job, err: unknown) => void) {
    this.#run = run;
    this.#onError = onError;
  }

  get busy(): boolean {
    return this.#current !== null;
  }

  /** Whether `job` waits behind the running one (a stop now would drop it). */
  waits(job: Job): boolean {
    return this.#queued.has(job) || this.#later.includes(job);
  }

  request(job: Job): void {
    if (this.#stopped) return;
    this.#queued.add(job);
    if (!this.#current) this.#current = this.#drain();
  }

  async #drain(): Promise<void> {
    // The loop ends when nothing is queued: each pass runs each queued kind of job once.
    while (this.#queued.size > 0 && !this.#stopped) {
      const jobs = [...this.#queued];
      this.#queued.clear();
      for (const [i, job] of jobs.entries()) {
        if (this.#stopped) break;
        this.#later = jobs.slice(i + 1);
        try {
          await this.#run(job);
        } catch (err) {
          this.#onError(job, err);
        }
      }
    }
    this.#later = [];
    this.#current = null;
  }

  /** Take no more work; resolve when the running job has finished, or after `graceMs` (abandoned). */
  async stop(graceMs: number): Promise<'finished' | 'abandoned'> {
    this.#stopped = true;
    this.#queued.clear();
    if (!this.#current) return 'finished';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'abandoned'>((resolve) => (timer = setTimeout(() => resolve('abandoned'), graceMs)));
    const result = await Promise.race([this.#current.then(() => 'finished' as const), timeout]);
    clearTimeout(timer);
    return result;
  }
}
