import { describe, expect, it } from 'vitest';
import { codeProblem, idNumberProblem, isMobile, mobileProblem, nameProblem, siteFromQuery } from './validate';

describe('the booking form checks', () => {
  it('checks the ID number with its check digit and birth date', () => {
    expect(idNumberProblem('11010519491231002X')).toBe('');
    expect(idNumberProblem('11010519491231002x')).toBe('');
    expect(idNumberProblem('')).toBe('请输入身份证号码');
    expect(idNumberProblem('1101051949')).toBe('身份证号码应为 18 位,当前 10 位');
    expect(idNumberProblem('110105194912310021')).toContain('校验位');
  });

  it('takes mobile numbers only', () => {
    expect(isMobile('13800138000')).toBe(true);
    expect(isMobile('138 0013 8000')).toBe(true);
    expect(isMobile('12800138000')).toBe(false);
    expect(isMobile('010-12345678')).toBe(false);
    expect(mobileProblem('')).toBe('请输入手机号码');
    expect(mobileProblem('1380013800')).toBe('请输入 11 位手机号码');
  });

  it('wants a name and an 8-digit code', () => {
    expect(nameProblem('  ')).toBe('请输入姓名');
    expect(nameProblem('张三')).toBe('');
    expect(nameProblem('张'.repeat(50))).toBe('');
    expect(nameProblem('张'.repeat(51))).toContain('50');
    expect(codeProblem('')).toBe('请输入预约码');
    expect(codeProblem('1234567')).toBe('预约码为 8 位数字');
    expect(codeProblem('12345678')).toBe('');
  });

  it('reads the site of the address', () => {
    expect(siteFromQuery('12')).toBe(12);
    expect(siteFromQuery(['3', '4'])).toBe(3);
    expect(siteFromQuery('0')).toBeNull();
    expect(siteFromQuery('12a')).toBeNull();
    expect(siteFromQuery(null)).toBeNull();
    expect(siteFromQuery(undefined)).toBeNull();
  });
});
