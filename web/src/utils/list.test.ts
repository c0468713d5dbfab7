import { describe, expect, it } from 'vitest';
import { moveEntry, removeEntry, replaceById, stableKey, upsertById } from './list';

describe('moveEntry', () => {
  it('moves an entry up and down, keeping the array', () => {
    const list = ['a', 'b', 'c'];
    expect(moveEntry(list, 2, -1)).toBe(true);
    expect(list).toEqual(['a', 'c', 'b']);
    expect(moveEntry(list, 0, 1)).toBe(true);
    expect(list).toEqual(['c', 'a', 'b']);
  });

  it('refuses moves past either end and bad indexes', () => {
    const list = [1, 2, 3];
    expect(moveEntry(list, 0, -1)).toBe(false);
    expect(moveEntry(list, 2, 1)).toBe(false);
    expect(moveEntry(list, 5, -1)).toBe(false);
    expect(moveEntry(list, 1, 0)).toBe(false);
    expect(moveEntry(list, 0.5, 1)).toBe(false);
    expect(list).toEqual([1, 2, 3]);
  });
});

describe('removeEntry', () => {
  it('removes one entry by index', () => {
    const list = ['a', 'b', 'c'];
    expect(removeEntry(list, 1)).toBe(true);
    expect(list).toEqual(['a', 'c']);
    expect(removeEntry(list, 2)).toBe(false);
    expect(removeEntry(list, -1)).toBe(false);
    expect(list).toEqual(['a', 'c']);
  });
});

describe('stableKey', () => {
  it('follows an object wherever it moves', () => {
    const a = { n: 1 };
    const b = { n: 1 };
    const list = [a, b];
    const before = list.map(stableKey);
    moveEntry(list, 1, -1);
    expect(list.map(stableKey)).toEqual([before[1], before[0]]);
    expect(stableKey(a)).not.toBe(stableKey(b));
  });
});

describe('list updates by id', () => {
  it('replaces a row in place, or puts a new one first', () => {
    const list = [{ id: 1, v: 'a' }, { id: 2, v: 'b' }];
    upsertById(list, { id: 2, v: 'B' });
    upsertById(list, { id: 3, v: 'c' });
    expect(list).toEqual([{ id: 3, v: 'c' }, { id: 1, v: 'a' }, { id: 2, v: 'B' }]);
  });
  it('keeps a changed row only while it fits the filter, and never adds one', () => {
    const list = [{ id: 1, v: 'a' }, { id: 2, v: 'b' }];
    replaceById(list, { id: 1, v: 'A' }, true);
    replaceById(list, { id: 2, v: 'B' }, false);
    replaceById(list, { id: 9, v: 'z' }, true);
    expect(list).toEqual([{ id: 1, v: 'A' }]);
  });
});
