import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import {
  createApiClient, createSubscription, listApiClients, listDeliveries, listSubscriptions, retryDelivery,
  revokeApiClient, rotateApiClient, stopSubscription,
} from './exchange';

afterEach(() => vi.unstubAllGlobals());

type Sent = [string, RequestInit];

function stub(body: string | null, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sent = (f: ReturnType<typeof vi.fn>, call = 0) => f.mock.calls[call] as unknown as Sent;

describe('webhook requests', () => {
  it('create a subscription and get the secret once', async () => {
    const f = stub('{"subscription":{"id":3,"name":"区数据中心"},"secret":"s3cr3t"}', 201);
    const body = { name: '区数据中心', url: 'https://dc.example.cn/hook', unit: '110101', events: ['case.accepted' as const] };
    const made = await createSubscription(body);
    expect(made.secret).toBe('s3cr3t');
    expect(sent(f)[0]).toBe('/api/webhooks');
    expect(sent(f)[1].method).toBe('POST');
    expect(JSON.parse(sent(f)[1].body as string)).toEqual(body);
  });

  it('list subscriptions, stop one with DELETE', async () => {
    const f = stub('{"items":[]}');
    await listSubscriptions();
    expect(sent(f)[0]).toBe('/api/webhooks');
    const g = stub(null, 204);
    await stopSubscription(3);
    expect(sent(g)[0]).toBe('/api/webhooks/3');
    expect(sent(g)[1].method).toBe('DELETE');
  });

  it('deliveries by state; a retry of a letter that is not dead is a 409 ApiError', async () => {
    const f = stub('{"items":[]}');
    await listDeliveries('dead');
    expect(sent(f)[0]).toBe('/api/webhooks/deliveries?state=dead');
    const g = stub(JSON.stringify({ error: { code: 'CONFLICT', message: '只有死信可以重新推送', field: '' }, request_id: 'r1' }), 409);
    const e = await retryDelivery(7).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(409);
    expect(sent(g)[0]).toBe('/api/webhooks/deliveries/7/retry');
    expect(sent(g)[1].method).toBe('POST');
  });
});

describe('API client requests', () => {
  it('list with the scopes that can be granted', async () => {
    const f = stub('{"items":[],"scopes":["cases.read","stats.read"]}');
    const list = await listApiClients();
    expect(list.scopes).toEqual(['cases.read', 'stats.read']);
    expect(sent(f)[0]).toBe('/api/api-clients');
  });

  it('create one and get the token once; a field error names the field', async () => {
    const f = stub('{"client":{"id":4,"name":"区数据中心"},"token":"yc_0123456789abcdef"}', 201);
    const body = { name: '区数据中心', unit: '110101', scopes: ['stats.read'], expires_on: '2027-06-30' };
    const made = await createApiClient(body);
    expect(made.token).toBe('yc_0123456789abcdef');
    expect(sent(f)[0]).toBe('/api/api-clients');
    expect(sent(f)[1].method).toBe('POST');
    expect(JSON.parse(sent(f)[1].body as string)).toEqual(body);
    stub(JSON.stringify({ error: { code: 'INVALID_ARGUMENT', message: '有效期应晚于今天', field: 'expires_on' } }), 400);
    const e = await createApiClient({ ...body, expires_on: '2020-01-01' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).field).toBe('expires_on');
  });

  it('rotate and revoke with POST; revoking twice is a 409', async () => {
    const f = stub('{"client":{"id":4},"token":"yc_new"}');
    expect((await rotateApiClient(4)).token).toBe('yc_new');
    expect(sent(f)[0]).toBe('/api/api-clients/4/rotate');
    expect(sent(f)[1].method).toBe('POST');
    const g = stub(JSON.stringify({ error: { code: 'CONFLICT', message: '接入系统已停用', field: 'id' } }), 409);
    const e = await revokeApiClient(4).catch((x: unknown) => x);
    expect((e as ApiError).status).toBe(409);
    expect(sent(g)[0]).toBe('/api/api-clients/4/revoke');
    expect(sent(g)[1].method).toBe('POST');
  });
});
