import { describe, expect, it } from 'vitest';
import type { ProgressStep } from '@/api/cases';
import { ApiError } from '@/api/client';
import { newestFirst, publicClockText } from './format';
import { createScanBuffer, parseReceiptCode } from './receipt';
import { PROGRESS_NOT_FOUND, explainProgressError } from './useProgressLookup';

const step = (kind: ProgressStep['kind'], at: number): ProgressStep =>
  ({ kind, step: '', unit_code: '', unit_name: '', note: '', window_number: null, at });

describe('the progress timeline', () => {
  it('lists the newest step first, later-recorded first within one millisecond', () => {
    const steps = [step('opened', 1), step('accepted', 5), step('task_opened', 5), step('approved', 9)];
    expect(newestFirst(steps).map((s) => s.kind)).toEqual(['approved', 'task_opened', 'accepted', 'opened']);
    expect(steps[0]?.kind).toBe('opened');  // the original stays as it was
  });

  it('says the clock in words for citizens', () => {
    expect(publicClockText('overdue')).toBe('已超过承诺时限');
    expect(publicClockText('none')).toBe('');
    expect(publicClockText(undefined)).toBe('');
  });

  it('does not tell which half of a lookup was wrong', () => {
    expect(explainProgressError(new ApiError(404, 'NOT_FOUND', '不存在'))).toBe(PROGRESS_NOT_FOUND);
    expect(explainProgressError(new ApiError(403, 'FORBIDDEN', '证件号码不符'))).toBe(PROGRESS_NOT_FOUND);
    expect(explainProgressError(new ApiError(503, 'HTTP_503', '服务暂时不可用,请稍后重试'))).toBe('服务暂时不可用,请稍后重试');
  });
});

describe('the receipt QR code', () => {
  it('gives the case number and the token', () => {
    expect(parseReceiptCode('https://rs.example.gov.cn/progress/20250124-000001?t=Ab_9-x'))
      .toEqual({ caseNo: '20250124-000001', token: 'Ab_9-x' });
    expect(parseReceiptCode(' http://10.0.0.5:8080/progress/20250124-000001/?t=abc&x=1 '))
      .toEqual({ caseNo: '20250124-000001', token: 'abc' });
    expect(parseReceiptCode('/progress/20250124-000001?t=abc')).toEqual({ caseNo: '20250124-000001', token: 'abc' });
  });

  it('refuses other codes', () => {
    expect(parseReceiptCode('https://example.com/guides/X01')).toBeNull();
    expect(parseReceiptCode('https://example.com/progress/20250124-000001')).toBeNull();
    expect(parseReceiptCode('https://example.com/progress/<b>?t=abc')).toBeNull();
    expect(parseReceiptCode('6901234567892')).toBeNull();
    expect(parseReceiptCode('')).toBeNull();
  });

  it('gathers a scanner\'s keys until Enter, starting over after a pause', () => {
    const buffer = createScanBuffer(500);
    let out: string | null = null;
    let t = 10_000;
    for (const k of ['/', 'p', 'Shift', 'X']) out = buffer.key(k, (t += 10));
    expect(out).toBeNull();
    expect(buffer.key('Enter', (t += 10))).toBe('/pX');
    expect(buffer.key('Enter', (t += 10))).toBeNull();
    buffer.key('a', (t += 10));
    buffer.key('b', (t += 2_000));
    expect(buffer.key('Enter', (t += 10))).toBe('b');
  });
});
