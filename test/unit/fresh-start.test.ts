// The daemon's fresh start: when an idle spell holding memory is worth replacing the process for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COOLDOWN_MS, FreshStartWatch, freshStartPolicy, GROWTH_MB, worthFreshStart, type FreshStartPolicy } from '../../src/daemon/fresh-start.ts';
import { joinReports } from '../../src/cli/commands/once.ts';
import type { CycleReport } from '../../src/cycle.ts';

describe('freshStartPolicy', () => {
  it('reads the limits from the configuration, the idle wait in milliseconds', () => {
    expect(freshStartPolicy({ freshStartAboveMb: 150, freshStartGrowthMb: 32, idleSeconds: 60 }, 1_000)).toEqual({ aboveMb: 150, growthMb: 32, idleMs: 60_000, lastAt: 1_000 });
  });
});

describe('worthFreshStart', () => {
  it('is worth it above the limit and well above the size at start', () => {
    expect(worthFreshStart(210, 130, 150)).toBe(true);
  });

  it('is not, below the limit or with the limit at 0', () => {
    expect(worthFreshStart(149, 100, 150)).toBe(false);
    expect(worthFreshStart(400, 100, 0)).toBe(false);
  });

  it('is not for a daemon that has hardly grown, even above the limit: it would start afresh at every idle spell', () => {
    expect(worthFreshStart(170, 160, 150)).toBe(false);
    expect(worthFreshStart(160 + GROWTH_MB + 1, 160, 150)).toBe(true);
    // memory.freshStartGrowthMb sets the growth that counts.
    expect(worthFreshStart(170, 160, 150, 8)).toBe(true);
    expect(worthFreshStart(170, 160, 150, 16)).toBe(false);
  });
});

describe('FreshStartWatch', () => {
  const start = Date.parse('2026-12-06T12:00:00Z');
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(start);
  });
  afterEach(() => vi.useRealTimers());

  /** A watch over a daemon whose resident sizes are read in turn (the last one repeats). */
  function watch(sizes: number[], options: { busy?: () => boolean; accept?: boolean; policy?: Partial<FreshStartPolicy> } = {}) {
    const due = vi.fn(() => options.accept ?? true);
    let i = 0;
    const w = new FreshStartWatch({ aboveMb: 150, idleMs: 60_000, ...options.policy }, { busy: options.busy ?? (() => false), due, readMb: () => sizes[Math.min(i++, sizes.length - 1)]! });
    w.started();
    return { w, due };
  }

  it('calls once, an idle spell after the last cycle, with the sizes', () => {
    const { w, due } = watch([130, 240]);
    w.cycleDone();
    vi.advanceTimersByTime(59_999);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(due).toHaveBeenCalledExactlyOnceWith({ rssMb: 240, startRssMb: 130, when: 'idle' });
    w.cycleDone();
    vi.advanceTimersByTime(120_000);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('waits again after each cycle', () => {
    const { w, due } = watch([130, 240]);
    w.cycleDone();
    vi.advanceTimersByTime(50_000);
    w.cycleDone();
    vi.advanceTimersByTime(50_000);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('looks again while the daemon is busy (a cycle, a failing mailbox, threads not yet let go), and calls once it is not', () => {
    let busy = true;
    const { w, due } = watch([130, 240], { busy: () => busy });
    w.cycleDone();
    vi.advanceTimersByTime(180_000);
    expect(due).not.toHaveBeenCalled();
    busy = false;
    vi.advanceTimersByTime(60_000);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the memory is not worth it, when stopped or turned off', () => {
    const small = watch([130, 140]);
    small.w.cycleDone();
    vi.advanceTimersByTime(60_000);
    expect(small.due).not.toHaveBeenCalled();

    const stopped = watch([130, 240]);
    stopped.w.cycleDone();
    stopped.w.stop();
    vi.advanceTimersByTime(60_000);
    expect(stopped.due).not.toHaveBeenCalled();

    const off = watch([130, 500], { policy: { aboveMb: 0 } });
    off.w.cycleDone();
    vi.advanceTimersByTime(60_000);
    expect(off.due).not.toHaveBeenCalled();
  });

  it('tries again after the next cycle when the fresh start could not happen (a broken configuration)', () => {
    const { w, due } = watch([130, 240], { accept: false });
    w.cycleDone();
    vi.advanceTimersByTime(60_000);
    expect(due).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(due).toHaveBeenCalledTimes(1);
    w.cycleDone();
    vi.advanceTimersByTime(60_000);
    expect(due).toHaveBeenCalledTimes(2);
  });

  it('after a fresh start, none again within the cooldown', () => {
    const { w, due } = watch([130, 240], { policy: { lastAt: start - 60_000 } });
    w.cycleDone();
    vi.advanceTimersByTime(COOLDOWN_MS - 120_000);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(120_000);
    expect(due).toHaveBeenCalledTimes(1);
  });
});

describe('FreshStartWatch before drafting', () => {
  const start = Date.parse('2026-12-07T12:00:00Z');
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(start);
  });
  afterEach(() => vi.useRealTimers());

  function watch(sizes: number[], options: { accept?: boolean; policy?: Partial<FreshStartPolicy> } = {}) {
    const due = vi.fn(() => options.accept ?? true);
    let i = 0;
    const w = new FreshStartWatch({ aboveMb: 150, idleMs: 60_000, ...options.policy }, { busy: () => true, due, readMb: () => sizes[Math.min(i++, sizes.length - 1)]! });
    w.started();
    return { w, due };
  }

  it('starts afresh at once, busy as the daemon is, when a backlog left memory worth giving back', () => {
    const { w, due } = watch([160, 240]);
    expect(w.beforeDrafting()).toBe(true);
    expect(due).toHaveBeenCalledExactlyOnceWith({ rssMb: 240, startRssMb: 160, when: 'before drafting' });
    // Once: the process is on its way out.
    expect(w.beforeDrafting()).toBe(false);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('drafts as it is when the memory is not worth it, within the cooldown, turned off, or when the new start would fail', () => {
    expect(watch([160, 180]).w.beforeDrafting()).toBe(false);
    const cooling = watch([160, 240], { policy: { lastAt: start - 60_000 } });
    expect(cooling.w.beforeDrafting()).toBe(false);
    expect(cooling.due).not.toHaveBeenCalled();
    expect(watch([160, 400], { policy: { aboveMb: 0 } }).w.beforeDrafting()).toBe(false);
    const refused = watch([160, 240], { accept: false });
    expect(refused.w.beforeDrafting()).toBe(false);
    expect(refused.due).toHaveBeenCalledTimes(1);
  });
});

describe("kotae once's report across a fresh start", () => {
  const part = (stored: number, processed: number, drafted: number, error: string | null = null): CycleReport => ({
    accounts: [{ id: 'shop', sync: { fetched: stored, stored, duplicates: 1, resynced: [] }, error }],
    process: { processed, failed: 1, quarantined: 0 },
    respond: { drafted, automatic: 0, notified: 0, skipped: 0 },
    followUps: 0,
    reminders: { reminders: 0, breaches: 0 },
    digests: 0,
    approvals: { approvalMails: drafted, notices: 0 },
    queued: 0,
    send: [],
  });

  it('adds up what was synced and analysed, and keeps what the second part drafted and sent', () => {
    // A first part whose sync failed never starts afresh (its error stays in its own report and exit code).
    const joined = joinReports({ ...part(5000, 5000, 0), draftingDeferred: true }, part(0, 0, 20));
    expect(joined.accounts).toEqual([{ id: 'shop', sync: { fetched: 5000, stored: 5000, duplicates: 2, resynced: [] }, error: null }]);
    expect(joined.process).toEqual({ processed: 5000, failed: 2, quarantined: 0 });
    expect(joined.respond.drafted).toBe(20);
    expect(joined.approvals.approvalMails).toBe(20);
    expect(joined.draftingDeferred).toBeUndefined();
  });

  it('reports a sync failing in the second part', () => {
    expect(joinReports(part(5000, 5000, 0), part(0, 0, 0, 'IMAP timed out')).accounts[0]!.error).toBe('IMAP timed out');
  });
});
