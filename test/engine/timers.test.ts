import { afterEach, describe, expect, it, vi } from 'vitest';
import { longTimeout, MAX_TIMEOUT_MS } from '../../src/engine/timers.js';

const HOUR = 3_600_000;

describe('longTimeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires after a delay longer than setTimeout holds (600h), not at once', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    longTimeout(fn, 600 * HOUR);
    expect(600 * HOUR).toBeGreaterThan(MAX_TIMEOUT_MS);
    vi.advanceTimersByTime(599 * HOUR);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(HOUR);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('fires short delays as setTimeout does, and can be cleared', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    longTimeout(fn, 100);
    const cleared = vi.fn();
    longTimeout(cleared, 100).clear();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(cleared).not.toHaveBeenCalled();
  });

  it('prints no TimeoutOverflowWarning for 543h or 597h (real timers)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const timers = [longTimeout(() => {}, 543 * HOUR * 1.1), longTimeout(() => {}, 597 * HOUR)];
    await new Promise((r) => setTimeout(r, 50));
    for (const t of timers) t.clear();
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
  });
});
