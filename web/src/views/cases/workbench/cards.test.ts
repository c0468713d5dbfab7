import { describe, expect, it } from 'vitest';
import { cameraProblem, maskIdNumber } from './cards';

describe('maskIdNumber', () => {
  it('keeps the region and the last four only', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('1234')).toBe('****');
  });
});

describe('cameraProblem', () => {
  it('tells a refused permission from a missing or busy camera', () => {
    expect(cameraProblem(new DOMException('x', 'NotAllowedError'))).toContain('允许使用摄像头');
    expect(cameraProblem(new DOMException('x', 'NotFoundError'))).toContain('未检测到');
    expect(cameraProblem(new DOMException('x', 'NotReadableError'))).toContain('占用');
    expect(cameraProblem(null)).toContain('https');
  });
});
