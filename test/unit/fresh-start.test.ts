// The daemon's fresh start: when an idle spell holding memory is worth replacing the process for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FreshStartWatch, GROWTH_MB, worthFreshStart } from '../../src/daemon/fresh-start.ts';

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
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function watch(sizes: number[], busy = () => false) {
    const due = vi.fn();
    let i = 0;
    const w = new FreshStartWatch({ aboveMb: 150, idleMs: 60_000 }, busy, due, () => sizes[Math.min(i++, sizes.length - 1)]!);
    return { w, due };
  }

  it('calls once, an idle spell after the last cycle, with the sizes', () => {
    const { w, due } = watch([130, 240]);
    w.started();
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
    w.started();
    w.cycleDone();
    vi.advanceTimersByTime(50_000);
    w.cycleDone();
    vi.advanceTimersByTime(50_000);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('does nothing while a cycle runs, when the memory is not worth it, when stopped or turned off', () => {
    const busy = watch([130, 240], () => true);
    busy.w.started();
    busy.w.cycleDone();
    vi.advanceTimersByTime(60_000);
    expect(busy.due).not.toHaveBeenCalled();

    const small = watch([130, 140]);
    small.w.started();
    small.w.cycleDone();
    vi.advanceTimersByTime(60_000);
    expect(small.due).not.toHaveBeenCalled();

    const stopped = watch([130, 240]);
    stopped.w.started();
    stopped.w.cycleDone();
    stopped.w.stop();
    vi.advanceTimersByTime(60_000);
    expect(stopped.due).not.toHaveBeenCalled();

    const due = vi.fn();
    const off = new FreshStartWatch({ aboveMb: 0, idleMs: 60_000 }, () => false, due, () => 500);
    off.started();
    off.cycleDone();
    vi.advanceTimersByTime(60_000);
    expect(due).not.toHaveBeenCalled();
  });
});
