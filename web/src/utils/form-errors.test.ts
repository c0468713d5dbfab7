import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { placeError, useServerErrors } from './form-errors';

describe('server errors on forms', () => {
  const conflict = new ApiError(409, 'CONFLICT', '三员不得兼任', 'role', 'r9');

  it('go to the field the server names when the form has it', () => {
    expect(placeError(conflict, ['role', 'unit_code'])).toEqual({ field: 'role', message: '三员不得兼任' });
  });

  it('go to the whole form otherwise, with the request id', () => {
    expect(placeError(conflict, ['unit_code'])).toEqual({ field: '', message: '三员不得兼任(请求编号 r9)' });
    expect(placeError(new Error('x'), ['role']).field).toBe('');
  });

  it('replace the previous error', () => {
    const errors = useServerErrors(['login', 'name'] as const);
    errors.show(new ApiError(400, 'INVALID_ARGUMENT', '登录名已存在', 'login'));
    expect(errors.fieldErrors.login).toBe('登录名已存在');
    errors.show(new ApiError(500, 'INTERNAL', '服务器出现错误', ''));
    expect(errors.fieldErrors.login).toBe('');
    expect(errors.formError.value).toBe('服务器出现错误');
  });
});
