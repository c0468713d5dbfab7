import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterFromQuery, queryOfFilter } from './filter';

describe('case list filter', () => {
  it('reads the channel from the address with the other filters', () => {
    expect(filterFromQuery({ status: 'intake', channel: 'online', clock: 'overdue', q: '2026', mine: 'true' })).toEqual({
      status: 'intake', channel: 'online', clock: 'overdue', q: '2026', mine: true,
    });
    expect(filterFromQuery({ channel: ['paper', 'window'] }).channel).toBe('paper');
  });

  it('reads unknown or missing values as 全部', () => {
    expect(filterFromQuery({})).toEqual(EMPTY_FILTER);
    expect(filterFromQuery({ status: 'done', channel: 'kiosk', clock: 'suspended', mine: '1' })).toEqual(EMPTY_FILTER);
    expect(filterFromQuery({ channel: 'toString' }).channel).toBe('');
  });

  it('writes only what is set, and reads back the same', () => {
    expect(queryOfFilter(EMPTY_FILTER)).toEqual({});
    const f = { status: 'intake' as const, channel: 'online' as const, clock: '' as const, q: ' 2026 ', mine: false };
    expect(queryOfFilter(f)).toEqual({ status: 'intake', channel: 'online', q: '2026' });
    expect(filterFromQuery(queryOfFilter(f))).toEqual({ ...f, q: '2026' });
  });
});
