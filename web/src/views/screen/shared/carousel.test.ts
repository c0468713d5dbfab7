import { describe, expect, it } from 'vitest';
import type { Offer } from '@/api/catalog';
import { LIST_REFRESH_MS, keepPosition, nextIndex, offersAt, parseSite, retryDelay } from './carousel';

describe('the guide carousel of the hall screens', () => {
  it('reads the site from the address', () => {
    expect(parseSite({ site: '3' })).toBe(3);
    expect(parseSite({ site: ['7', '8'] })).toBe(7);
    expect(parseSite({})).toBeNull();
    expect(parseSite({ site: '0' })).toBeNull();
    expect(parseSite({ site: '3a' })).toBeNull();
    expect(parseSite({ site: '' })).toBeNull();
  });

  it('goes round the items', () => {
    expect(nextIndex(0, 3)).toBe(1);
    expect(nextIndex(2, 3)).toBe(0);
    expect(nextIndex(0, 0)).toBe(0);
  });

  it('stays on the item showing when the list is refreshed', () => {
    expect(keepPosition(['A', 'B', 'C'], 1, ['X', 'A', 'B', 'C'])).toBe(2);
    expect(keepPosition(['A', 'B', 'C'], 2, ['A', 'B'])).toBe(1);
    expect(keepPosition(['A', 'B', 'C'], 1, ['A', 'C', 'D'])).toBe(1);
    expect(keepPosition([], 0, ['A'])).toBe(0);
    expect(keepPosition(['A'], 0, [])).toBe(0);
  });

  it('waits longer after each failure, up to the refresh interval', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelay)).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
    expect(retryDelay(50)).toBe(LIST_REFRESH_MS);
  });

  it('shows the offers of the hall', () => {
    const offer = (id: number, site: number | null) => ({ id, site_id: site }) as Offer;
    const all = [offer(1, 1), offer(2, 2), offer(3, null)];
    expect(offersAt(all, 2).map((o) => o.id)).toEqual([2]);
    expect(offersAt(all, null).map((o) => o.id)).toEqual([1, 2, 3]);
  });
});
