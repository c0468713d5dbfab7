import { describe, expect, it } from 'vitest';
import { sectionFor } from './sections';

describe('sectionFor', () => {
  it('finds the editor section of a finding', () => {
    expect(sectionFor('materials[1].sample')).toBe('editor-materials');
    expect(sectionFor('time_limit.promised_days')).toBe('editor-time_limit');
    expect(sectionFor('service_objects')).toBe('editor-levels');
    expect(sectionFor('channels')).toBe('editor-basic');
    expect(sectionFor('')).toBe('editor-basic');
  });
});
