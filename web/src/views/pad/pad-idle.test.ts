import { describe, expect, it } from 'vitest';
import { PAD_IDLE_MS, padGaveUp } from './pad-idle';

describe('the pad gives up on an untouched rating', () => {
  const t0 = 1_800_000_000_000;
  it('after the idle time from the offer when nobody touched it', () => {
    expect(padGaveUp(t0, 0, t0 + PAD_IDLE_MS - 1)).toBe(false);
    expect(padGaveUp(t0, 0, t0 + PAD_IDLE_MS)).toBe(true);
  });
  it('counts from the last touch', () => {
    expect(padGaveUp(t0, t0 + 60_000, t0 + PAD_IDLE_MS + 1_000)).toBe(false);
    expect(padGaveUp(t0, t0 + 60_000, t0 + 60_000 + PAD_IDLE_MS)).toBe(true);
  });
  it('never without an offer', () => {
    expect(padGaveUp(0, 0, t0)).toBe(false);
  });
});
