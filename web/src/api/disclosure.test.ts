import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { getDisclosure } from './disclosure';

afterEach(() => vi.unstubAllGlobals());

function stub(body: string, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sent = (f: ReturnType<typeof vi.fn>, call = 0) => f.mock.calls[call] as unknown as [string, RequestInit];

describe('disclosure requests', () => {
  it('read a site\'s 四公开 with a GET and no body', async () => {
    const f = stub(JSON.stringify({
      site: { id: 1, name: '东华门街道社会保障事务所' }, items: [],
      results: { month: { accepted: 1, on_time_rate: null }, month_from: '2026-11-01' }, on_duty: [],
    }));
    const doc = await getDisclosure(1);
    expect(sent(f)[0]).toBe('/api/public/sites/1/disclosure');
    expect(sent(f)[1].method).toBe('GET');
    expect(sent(f)[1].body).toBeUndefined();
    expect(doc.site.name).toBe('东华门街道社会保障事务所');
    expect(doc.results.month.on_time_rate).toBeNull();
  });

  it('an unknown site is a 404 ApiError on the site field', async () => {
    stub(JSON.stringify({ error: { code: 'NOT_FOUND', message: '服务场所不存在', field: 'site' }, request_id: 'r1' }), 404);
    const e = await getDisclosure(999999).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
    expect((e as ApiError).field).toBe('site');
  });
});
