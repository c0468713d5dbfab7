import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer } from './idle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createIdleTimer', () => {
  it('calls onIdle after the idle time without activity, once', () => {
    const onIdle = vi.fn();
    createIdleTimer({ idleMs: 90_000, onIdle });
    vi.advanceTimersByTime(89_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts again from each activity', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer({ idleMs: 90_000, onIdle });
    vi.advanceTimersByTime(60_000);
    timer.activity();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('warns before going idle, and an activity cancels both', () => {
    const onIdle = vi.fn();
    const onWarn = vi.fn();
    const timer = createIdleTimer({ idleMs: 90_000, warnMs: 10_000, onIdle, onWarn });
    vi.advanceTimersByTime(80_000);
    expect(onWarn).toHaveBeenCalledTimes(1);
    timer.activity();
    vi.advanceTimersByTime(79_000);
    expect(onWarn).toHaveBeenCalledTimes(1);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('does nothing once stopped', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer({ idleMs: 1_000, onIdle });
    timer.stop();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
