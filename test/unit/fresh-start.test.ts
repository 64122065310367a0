// The daemon's fresh start: when an idle spell holding memory is worth replacing the process for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COOLDOWN_MS, FreshStartWatch, GROWTH_MB, worthFreshStart, type FreshStartPolicy } from '../../src/daemon/fresh-start.ts';

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
    expect(due).toHaveBeenCalledExactlyOnceWith({ rssMb: 240, startRssMb: 130 });
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
