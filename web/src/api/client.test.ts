import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, describeError, request } from './client';

function reply(status: number, body: string, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(body, { status, headers }));
}

afterEach(() => vi.unstubAllGlobals());

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
