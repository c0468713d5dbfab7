import { describe, expect, it } from 'vitest';
import type { Site } from '@/api/org';
import { pickSite, siteParam } from './site-choice';

const site = (id: number, kind: Site['kind']): Site => ({
  id, kind, unit_code: '110101001', unit_name: '东华门街道', kind_label: '', name: `场所${id}`, address: '', hours: '',
  phone: '', longitude: null, latitude: null, version: 1,
});

describe('pickSite', () => {
  const sites = [site(1, 'point'), site(2, 'hall'), site(3, 'hall')];

  it('takes the first wanted site that is in scope', () => {
    expect(pickSite(sites, [3, 1])).toBe(3);
    expect(pickSite(sites, [99, 1])).toBe(1);
    expect(pickSite(sites, [null, 2])).toBe(2);
  });

  it('falls back to the first hall, then the first site, then nothing', () => {
    expect(pickSite(sites, [99, null])).toBe(2);
    expect(pickSite([site(1, 'point')], [])).toBe(1);
    expect(pickSite([], [1])).toBeNull();
  });
});

describe('siteParam', () => {
  it('reads positive ids only', () => {
    expect(siteParam('12')).toBe(12);
    expect(siteParam(['5', '6'])).toBe(5);
    expect(siteParam('0')).toBeNull();
    expect(siteParam('1x')).toBeNull();
    expect(siteParam(undefined)).toBeNull();
  });
});
