import { describe, expect, it } from 'vitest';
import { choiceOf, choicesFor, judgementOf, needsReason, scanProblem, scanType } from './materials';

describe('material choices', () => {
  it('puts the expected form first and offers 不适用 only for conditional materials', () => {
    const required = choicesFor({ required: true, shared: false, expected_form: 'copy' });
    expect(required[0]).toEqual({ value: 'received:copy', label: '收到复印件' });
    expect(required.map((c) => c.value)).not.toContain('not_applicable');
    const conditional = choicesFor({ required: false, shared: true, expected_form: '' });
    expect(conditional.map((c) => c.value)).toContain('not_applicable');
    expect(conditional.find((c) => c.value === 'exempt')?.label).toBe('共享免提交');
  });

  it('maps a choice to the judgement sent, and back', () => {
    expect(judgementOf('received:original_and_copy', 'ignored')).toEqual({ state: 'received', form: 'original_and_copy' });
    expect(judgementOf('missing', ' 未带户口簿 ')).toEqual({ state: 'missing', reason: '未带户口簿' });
    expect(judgementOf('not_applicable', '')).toEqual({ state: 'not_applicable' });
    expect(choiceOf({ state: 'received', received_form: 'copy' })).toBe('received:copy');
    expect(choiceOf({ state: 'pending', received_form: '' })).toBe('pending');
  });

  it('asks a reason for missing, defective and exempting non-shared data', () => {
    expect(needsReason('missing', { shared: true })).toBe(true);
    expect(needsReason('defective', { shared: false })).toBe(true);
    expect(needsReason('exempt', { shared: true })).toBe(false);
    expect(needsReason('exempt', { shared: false })).toBe(true);
    expect(needsReason('received:copy', { shared: false })).toBe(false);
  });
});

describe('scans', () => {
  it('takes JPEG, PNG and PDF by type or by name', () => {
    expect(scanType({ type: 'image/png', name: 'a' })).toBe('image/png');
    expect(scanType({ type: '', name: 'SCAN.JPG' })).toBe('image/jpeg');
    expect(scanType({ type: '', name: 'x.pdf' })).toBe('application/pdf');
    expect(scanType({ type: 'image/gif', name: 'x.gif' })).toBeNull();
  });

  it('refuses files over 4 MiB', () => {
    expect(scanProblem({ type: 'application/pdf', name: 'a.pdf', size: 4 * 1024 * 1024 })).toBe('');
    expect(scanProblem({ type: 'application/pdf', name: 'a.pdf', size: 4 * 1024 * 1024 + 1 })).toContain('4 MB');
  });
});
