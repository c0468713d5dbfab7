import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapLimited } from './api';

afterEach(() => vi.unstubAllGlobals());

describe('mapLimited', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('handles an empty list', async () => {
    expect(await mapLimited([], 6, async () => 1)).toEqual([]);
  });
});
