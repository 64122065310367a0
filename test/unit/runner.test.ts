// The daemon's runner: cycles never overlap, requests during a cycle coalesce, stop waits or abandons.
import { describe, expect, it } from 'vitest';
import { Runner, type Job } from '../../src/daemon/runner.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Runner', () => {
  it('runs one job at a time and coalesces requests made while one runs', async () => {
    let running = 0;
    let maxRunning = 0;
    const ran: Job[] = [];
    const runner = new Runner(async (job) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      ran.push(job);
      await tick(20);
      running -= 1;
    }, () => undefined);
    runner.request('mail');
    for (let i = 0; i < 5; i++) runner.request('mail');
    runner.request('sla');
    await tick(10);
    expect(runner.busy).toBe(true);
    for (let i = 0; i < 100 && runner.busy; i++) await tick(10);
    // The first mail job, then one mail and one sla for everything requested meanwhile.
    expect(ran).toEqual(['mail', 'mail', 'sla']);
    expect(maxRunning).toBe(1);
    expect(await runner.stop(1000)).toBe('finished');
  });

  it('says whether a job waits behind the running one: queued, or later in the same pass', async () => {
    const seen: { job: Job; digestWaits: boolean }[] = [];
    let runner: Runner;
    runner = new Runner(async (job) => {
      await tick(5);
      seen.push({ job, digestWaits: runner.waits('digest') });
      if (job === 'mail' && seen.length === 1) runner.request('sla');
    }, () => undefined);
    runner.request('mail');
    runner.request('digest');
    for (let i = 0; i < 100 && runner.busy; i++) await tick(5);
    // The digest, asked for while the first mail job ran, waited behind it; then ran with the sla job after it.
    expect(seen).toEqual([{ job: 'mail', digestWaits: true }, { job: 'digest', digestWaits: false }, { job: 'sla', digestWaits: false }]);
    expect(runner.waits('digest')).toBe(false);
    expect(await runner.stop(1000)).toBe('finished');
  });

  it('keeps going after a failing job and reports it', async () => {
    const errors: string[] = [];
    let calls = 0;
    const runner = new Runner(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
    }, (_job, err) => errors.push((err as Error).message));
    runner.request('mail');
    await tick(5);
    runner.request('mail');
    await tick(5);
    expect(errors).toEqual(['boom']);
    expect(calls).toBe(2);
  });

  it('abandons a job that outlives the grace period, and takes no more work after stop', async () => {
    let calls = 0;
    const runner = new Runner(async () => {
      calls += 1;
      await tick(500);
    }, () => undefined);
    runner.request('mail');
    await tick(5);
    expect(await runner.stop(50)).toBe('abandoned');
    runner.request('mail');
    // Long enough for the abandoned job to end: a runner still taking work would start another.
    await tick(600);
    expect(calls).toBe(1);
  });
});
