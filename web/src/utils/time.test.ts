import { describe, expect, it } from 'vitest';
import { formatShanghai } from './time';

describe('formatShanghai', () => {
  it('shows UTC instants in Beijing time', () => {
    expect(formatShanghai('2025-11-24T16:00:00.000Z')).toBe('2025-11-25 00:00:00');
    expect(formatShanghai('2026-11-25T02:00:00Z')).toBe('2026-11-25 10:00:00');
  });
  it('shows a dash for garbage', () => {
    expect(formatShanghai('not a time')).toBe('—');
  });
});
