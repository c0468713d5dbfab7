import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

describe('checkPassword', () => {
  it('accepts a long password with three kinds of character', () => {
    expect(checkPassword('Spring2026go', 'wangli')).toBe('');
    expect(checkPassword('spring-2026-go', 'wangli')).toBe('');
  });
  it('counts characters, not bytes', () => {
    expect(checkPassword('人社A1人社A1', 'x')).toBe('密码至少 10 个字符');
    expect(checkPassword('人社服务Abc12345', 'x')).toBe('');
  });
  it('names what is missing', () => {
    expect(checkPassword('Short1!', 'x')).toBe('密码至少 10 个字符');
    expect(checkPassword('onlylowercase1', 'x')).toBe('密码须包含大写字母、小写字母、数字、符号中的至少三类');
    expect(checkPassword('x'.repeat(129), 'y')).toBe('密码不能超过 128 个字符');
  });
  it('refuses the login name inside, in any case', () => {
    expect(checkPassword('My-WangLi-2026', 'wangli')).toBe('密码不能包含登录名');
  });
});
