import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer } from '@/utils/idle';
import { KIOSK_IDLE_MS, KIOSK_WARN_MS, RESULT_RETURN_MS, secondsLeft } from './timing';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the kiosk idle return', () => {
  it('warns after 50 s and starts over after 60 s without a touch (issue 7)', () => {
    const onWarn = vi.fn();
    const onIdle = vi.fn();
    createIdleTimer({ idleMs: KIOSK_IDLE_MS, warnMs: KIOSK_WARN_MS, onWarn, onIdle });
    vi.advanceTimersByTime(49_999);
    expect(onWarn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onWarn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(9_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('leaves a result on screen for less time than the idle return', () => {
    expect(RESULT_RETURN_MS).toBeLessThan(KIOSK_IDLE_MS - KIOSK_WARN_MS);
  });
});

describe('secondsLeft', () => {
  it('counts whole seconds down to 0 and not below', () => {
    expect(secondsLeft(1_000, 1_000, RESULT_RETURN_MS)).toBe(20);
    expect(secondsLeft(1_000, 1_001, RESULT_RETURN_MS)).toBe(20);
    expect(secondsLeft(1_000, 2_000, RESULT_RETURN_MS)).toBe(19);
    expect(secondsLeft(1_000, 20_999, RESULT_RETURN_MS)).toBe(1);
    expect(secondsLeft(1_000, 21_000, RESULT_RETURN_MS)).toBe(0);
    expect(secondsLeft(1_000, 99_000, RESULT_RETURN_MS)).toBe(0);
  });
});
