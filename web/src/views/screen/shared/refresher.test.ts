import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Refresher, boardRetryDelay, type RefresherOptions } from './refresher';

const OPTIONS: RefresherOptions = { debounceMs: 300, pollMs: 30_000, retryDelay: (n) => n * 1000 };

function setup(results: boolean[] = []) {
  const loads: number[] = [];
  let finish: ((ok: boolean) => void) | null = null;
  const manual = { on: false };
  const refresher = new Refresher(() => {
    loads.push(Date.now());
    if (manual.on) return new Promise<boolean>((resolve) => { finish = resolve; });
    return Promise.resolve(results.shift() ?? true);
  }, OPTIONS);
  return { refresher, loads, manual, finish: (ok: boolean) => finish?.(ok) };
}

// Lets the awaited load settle.
const flush = async () => { await vi.advanceTimersByTimeAsync(0); };

describe('refreshing a live board', () => {
  beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(0); });
  afterEach(() => { vi.useRealTimers(); });

  it('loads at once, then every 30 s', async () => {
    const { refresher, loads } = setup();
    refresher.start();
    await flush();
    expect(loads).toEqual([0]);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(loads).toEqual([0, 30_000, 60_000]);
  });

  it('makes one load of a burst of events, within the debounce of the first', async () => {
    const { refresher, loads } = setup();
    refresher.start();
    await flush();
    await vi.advanceTimersByTimeAsync(1000);
    refresher.request();
    await vi.advanceTimersByTimeAsync(200);
    refresher.request();  // does not put the load off
    await vi.advanceTimersByTimeAsync(50);
    refresher.request();
    await vi.advanceTimersByTimeAsync(50);
    expect(loads).toEqual([0, 1300]);
    // The poll counts from the last load.
    await vi.advanceTimersByTimeAsync(29_999);
    expect(loads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(loads).toEqual([0, 1300, 31_300]);
  });

  it('loads once more after a load during which something changed', async () => {
    const { refresher, loads, manual, finish } = setup();
    manual.on = true;
    refresher.start();
    await flush();
    refresher.request();
    refresher.now();
    await vi.advanceTimersByTimeAsync(5000);
    expect(loads).toEqual([0]);  // never two at once
    finish(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(loads).toEqual([0, 5300]);
  });

  it('retries a failed load with a growing wait, and counts the failures', async () => {
    const { refresher, loads } = setup([false, false, true]);
    refresher.start();
    await flush();
    expect(refresher.failures).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresher.failures).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(loads).toEqual([0, 1000, 3000]);
    expect(refresher.failures).toBe(0);
  });

  it('stops for good', async () => {
    const { refresher, loads } = setup();
    refresher.start();
    await flush();
    refresher.stop();
    refresher.request();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(loads).toEqual([0]);
  });

  it('waits 2 s after the first failure, then longer, at most the poll interval', () => {
    expect([1, 2, 3, 4, 5, 6, 30].map(boardRetryDelay)).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
