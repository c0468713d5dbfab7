import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError, buildQuery, describeError, request, requestBlob, setAuthFailureHandler, setCsrfToken,
} from './client';

function reply(status: number, body: string, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(body, { status, headers }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
  setAuthFailureHandler(null);
});

function sentHeaders(f: ReturnType<typeof reply>, call = 0): Record<string, string> {
  const init = (f.mock.calls[call] as unknown as [string, RequestInit])[1];
  return init.headers as Record<string, string>;
}

describe('request', () => {
  it('returns parsed JSON for 2xx', async () => {
    vi.stubGlobal('fetch', reply(200, '{"status":"ok"}'));
    await expect(request<{ status: string }>('/api/health')).resolves.toEqual({ status: 'ok' });
  });

  it('turns the error body into a typed ApiError', async () => {
    vi.stubGlobal('fetch', reply(400,
      '{"error":{"code":"INVALID_ARGUMENT","message":"名称不能为空","field":"name"},"request_id":"r1"}'));
    const e = await request('/api/x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    const err = e as ApiError;
    expect(err.status).toBe(400);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toBe('名称不能为空');
    expect(err.field).toBe('name');
    expect(err.requestId).toBe('r1');
    expect(describeError(err)).toBe('名称不能为空(请求编号 r1)');
  });

  it('gives a Chinese message for a non-JSON gateway error', async () => {
    vi.stubGlobal('fetch', reply(502, '<html>Bad Gateway</html>', { 'X-Request-Id': 'gw' }));
    const err = (await request('/api/x').catch((x: unknown) => x)) as ApiError;
    expect(err.code).toBe('HTTP_502');
    expect(err.message).toBe('服务暂时不可用,请稍后重试');
    expect(err.requestId).toBe('gw');
  });

  it('reports a network failure', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('fetch failed'); }));
    const err = (await request('/api/x').catch((x: unknown) => x)) as ApiError;
    expect(err.code).toBe('NETWORK');
    expect(err.status).toBe(0);
  });

  it('sends JSON bodies with the content type', async () => {
    const f = reply(202, '{"id":1}');
    vi.stubGlobal('fetch', f);
    await request('/api/events/system', { method: 'POST', body: { a: 1 } });
    const init = (f.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"a":1}');
  });
});

describe('answer statuses', () => {
  it('return the body of a listed non-2xx status as the answer', async () => {
    vi.stubGlobal('fetch', reply(422, '{"imported":false,"rows":[]}'));
    await expect(request('/api/catalog/admin/import', { method: 'POST', body: {}, answerStatuses: [422] }))
      .resolves.toEqual({ imported: false, rows: [] });
  });

  it('still throw for an error body, an empty body or an unlisted status', async () => {
    vi.stubGlobal('fetch', reply(422, '{"error":{"code":"UNPROCESSABLE","message":"请求无法处理","field":""},"request_id":"r"}'));
    const err = (await request('/api/x', { answerStatuses: [422] }).catch((x: unknown) => x)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('UNPROCESSABLE');
    vi.stubGlobal('fetch', reply(422, ''));
    await expect(request('/api/x', { answerStatuses: [422] })).rejects.toBeInstanceOf(ApiError);
    vi.stubGlobal('fetch', reply(409, '{"imported":false}'));
    await expect(request('/api/x', { answerStatuses: [422] })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('requestBlob', () => {
  it('returns the binary answer as a Blob of its type', async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bytes, { status: 200, headers: { 'Content-Type': 'image/jpeg' } })));
    const blob = await requestBlob('/api/hall/photo');
    expect(blob.type).toBe('image/jpeg');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
  });

  it('turns an error body into an ApiError and tells the auth failure handler', async () => {
    const handler = vi.fn();
    setAuthFailureHandler(handler);
    vi.stubGlobal('fetch', reply(404, '{"error":{"code":"NOT_FOUND","message":"尚未上传照片","field":"photo"},"request_id":"r2"}'));
    const err = (await requestBlob('/api/hall/photo').catch((x: unknown) => x)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.field, err.requestId]).toEqual([404, 'NOT_FOUND', 'photo', 'r2']);
    expect(handler).not.toHaveBeenCalled();
    vi.stubGlobal('fetch', reply(401, '{"error":{"code":"UNAUTHENTICATED","message":"请先登录","field":""},"request_id":"r"}'));
    await expect(requestBlob('/api/hall/photo')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('sends the CSRF token with unsafe methods', async () => {
    setCsrfToken('tok-2');
    const f = reply(200, 'x');
    vi.stubGlobal('fetch', f);
    await requestBlob('/api/x', { method: 'POST' });
    expect(sentHeaders(f)['X-CSRF-Token']).toBe('tok-2');
  });
});

describe('CSRF token', () => {
  it('is sent with every unsafe method', async () => {
    setCsrfToken('tok-1');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const f = reply(200, '{}');
      vi.stubGlobal('fetch', f);
      await request('/api/x', { method });
      expect(sentHeaders(f)['X-CSRF-Token']).toBe('tok-1');
    }
  });

  it('is not sent with GET, nor before a session exists', async () => {
    setCsrfToken('tok-1');
    let f = reply(200, '{}');
    vi.stubGlobal('fetch', f);
    await request('/api/x');
    expect(sentHeaders(f)['X-CSRF-Token']).toBeUndefined();
    setCsrfToken('');
    f = reply(200, '{}');
    vi.stubGlobal('fetch', f);
    await request('/api/auth/login', { method: 'POST', body: { login: 'a', password: 'b' } });
    expect(sentHeaders(f)['X-CSRF-Token']).toBeUndefined();
  });
});

describe('auth failures', () => {
  const unauthenticated = '{"error":{"code":"UNAUTHENTICATED","message":"请先登录","field":""},"request_id":"r"}';

  it('reach the handler for a lost session or an unfinished step', async () => {
    const seen: string[] = [];
    setAuthFailureHandler((e, path) => seen.push(`${e.code} ${path}`));
    vi.stubGlobal('fetch', reply(401, unauthenticated));
    await expect(request('/api/accounts')).rejects.toBeInstanceOf(ApiError);
    vi.stubGlobal('fetch', reply(403,
      '{"error":{"code":"STEP_REQUIRED","message":"请先完成登录步骤","field":"totp"},"request_id":"r"}'));
    await expect(request('/api/org/units')).rejects.toBeInstanceOf(ApiError);
    vi.stubGlobal('fetch', reply(403,
      '{"error":{"code":"FORBIDDEN","message":"无权执行此操作","field":""},"request_id":"r"}'));
    await expect(request('/api/org/units')).rejects.toBeInstanceOf(ApiError);
    expect(seen).toEqual(['UNAUTHENTICATED /api/accounts', 'STEP_REQUIRED /api/org/units']);
  });

  it('leave the login call and the session probe to their callers', async () => {
    const handler = vi.fn();
    setAuthFailureHandler(handler);
    vi.stubGlobal('fetch', reply(401, unauthenticated));
    await expect(request('/api/auth/login', { method: 'POST', body: {} })).rejects.toBeInstanceOf(ApiError);
    await expect(request('/api/auth/me')).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('leave the kiosk calls, made with a device token, to the kiosk pages', async () => {
    const handler = vi.fn();
    setAuthFailureHandler(handler);
    const f = reply(401, unauthenticated);
    vi.stubGlobal('fetch', f);
    const err = (await request('/api/kiosk/me', { headers: { Authorization: 'Device t0k' } })
      .catch((x: unknown) => x)) as ApiError;
    expect(err.status).toBe(401);
    expect(sentHeaders(f)['Authorization']).toBe('Device t0k');
    await expect(request('/api/kiosk/tickets', { method: 'POST', body: { group: 'a' } })).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();
    await expect(request('/api/kiosks')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('leave the pad and the device-authorized public calls to their pages too', async () => {
    const handler = vi.fn();
    setAuthFailureHandler(handler);
    vi.stubGlobal('fetch', reply(401, unauthenticated));
    for (const path of ['/api/pad/current', '/api/progress/20261127-000001/evaluations', '/api/public/complaints']) {
      await expect(request(path, { headers: { Authorization: 'Device t0k' } })).rejects.toBeInstanceOf(ApiError);
    }
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('buildQuery', () => {
  it('keeps only parameters with a value and encodes them', () => {
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ q: '', unit: null, limit: undefined })).toBe('');
    expect(buildQuery({ q: '张 三&', unit: '110101', limit: 50 })).toBe('?q=%E5%BC%A0+%E4%B8%89%26&unit=110101&limit=50');
    expect(buildQuery({ before_seq: 0 })).toBe('?before_seq=0');
  });
});
