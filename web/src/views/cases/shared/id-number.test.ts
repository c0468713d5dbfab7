import { describe, expect, it } from 'vitest';
import { idProblem, isCreditCode, isPhone, isResidentId, normalizeId } from './id-number';

describe('isResidentId', () => {
  it('accepts the standard examples, with a lower-case x too', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('11010519491231002x')).toBe(true);
    expect(isResidentId('440524188001010014')).toBe(false);  // born before 1900
  });

  it('refuses a wrong check digit, a wrong length and an impossible birth date', () => {
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('11010519491231002')).toBe(false);
    expect(isResidentId('110105194902300000')).toBe(false);
  });
});

describe('isCreditCode', () => {
  it('checks the GB 32100 check character', () => {
    expect(isCreditCode('914403001922038216')).toBe(true);
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(isCreditCode('914403001922038217')).toBe(false);
    expect(isCreditCode('91440300192203821I')).toBe(false);
  });
});

describe('idProblem', () => {
  it('says what is wrong in Chinese, or nothing', () => {
    expect(idProblem('', 'person')).toBe('请输入身份证号码');
    expect(idProblem('1234', 'person')).toBe('应为 18 位,当前 4 位');
    expect(idProblem('11010519491231002X', 'person')).toBe('');
    expect(idProblem('914403001922038216', 'employer')).toBe('');
    expect(idProblem('914403001922038217', 'employer')).toContain('校验位');
  });

  it('ignores spaces', () => {
    expect(normalizeId(' 110105 19491231 002x ')).toBe('11010519491231002X');
  });
});

describe('isPhone', () => {
  it('takes mobiles and landlines', () => {
    expect(isPhone('13800138000')).toBe(true);
    expect(isPhone('010-12345678')).toBe(true);
    expect(isPhone('12345')).toBe(false);
  });
});
