import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ActionKey, blankFormPdfUrl, closeIncident, createCase, deliverCase, listCases, listIncidents, newIdempotencyKey,
  reportIncident, uploadCaseFile, type CaseInput,
} from './cases';
import { ApiError } from './client';

afterEach(() => vi.unstubAllGlobals());

const input: CaseInput = {
  item_code: 'X1', site_id: 1, applicant: { kind: 'person', id_number: '11010519491231002X', name: '张三' },
};

function sent(f: ReturnType<typeof vi.fn>, call = 0): RequestInit {
  return (f.mock.calls[call] as unknown as [string, RequestInit])[1];
}

describe('newIdempotencyKey', () => {
  it('makes UUID-shaped keys, new each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});

describe('ActionKey', () => {
  it('reuses the key when the same request is retried after an unknown outcome', async () => {
    const key = new ActionKey();
    const keys: string[] = [];
    await key.run({ a: 1 }, async (k) => { keys.push(k); throw new ApiError(0, 'NETWORK', 'x'); }).catch(() => undefined);
    await key.run({ a: 1 }, async (k) => { keys.push(k); throw new ApiError(504, 'HTTP_504', 'x'); }).catch(() => undefined);
    await key.run({ a: 1 }, async (k) => { keys.push(k); return 1; });
    await key.run({ a: 1 }, async (k) => { keys.push(k); return 1; });
    expect(keys[0]).toBe(keys[1]);
    expect(keys[1]).toBe(keys[2]);
    expect(keys[3]).not.toBe(keys[2]);  // a new action after success
  });

  it('starts over when the server answered or the request changed', async () => {
    const key = new ActionKey();
    const keys: string[] = [];
    await key.run({ a: 1 }, async (k) => { keys.push(k); throw new ApiError(0, 'NETWORK', 'x'); }).catch(() => undefined);
    await key.run({ a: 2 }, async (k) => { keys.push(k); throw new ApiError(422, 'INVALID', 'x'); }).catch(() => undefined);
    await key.run({ a: 2 }, async (k) => { keys.push(k); return 1; });
    expect(new Set(keys).size).toBe(3);
  });
});

describe('case requests', () => {
  it('send the Idempotency-Key header with a creating POST', async () => {
    const f = vi.fn(async () => new Response('{"id":1}', { status: 201 }));
    vi.stubGlobal('fetch', f);
    await createCase(input, 'k-1');
    const init = sent(f);
    expect((init.headers as Record<string, string>)['Idempotency-Key']).toBe('k-1');
    expect(JSON.parse(init.body as string)).toEqual(input);
  });

  it('send a scan as raw bytes with its type', async () => {
    const f = vi.fn(async () => new Response('{"id":9}', { status: 201 }));
    vi.stubGlobal('fetch', f);
    const blob = new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46])]);
    await uploadCaseFile(7, blob, 'application/pdf', 2);
    const [path, init] = f.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/cases/7/files?material=2');
    expect(init.body).toBe(blob);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/pdf');
  });
});

describe('case list and delivery', () => {
  it('ask for the online applications waiting for the pre-check by channel', async () => {
    const f = vi.fn(async () => new Response('{"items":[]}', { status: 200 }));
    vi.stubGlobal('fetch', f);
    await listCases({ status: 'intake', channel: 'online', limit: 50 });
    await listCases({ status: '', channel: '', q: '2026', mine: true });
    expect(f.mock.calls.map((c) => (c as unknown as [string])[0])).toEqual([
      '/api/cases?status=intake&channel=online&limit=50', '/api/cases?q=2026&mine=true',
    ]);
  });

  it('deliver by bank with no receiver', async () => {
    const f = vi.fn(async () => new Response('{"id":4}', { status: 200 }));
    vi.stubGlobal('fetch', f);
    await deliverCase(4, { method: 'bank' }, 'k-3');
    const [path, init] = f.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/cases/4/deliver');
    expect(JSON.parse(init.body as string)).toEqual({ method: 'bank' });
  });
});

describe('incident requests', () => {
  it('list open incidents or all of them', async () => {
    const f = vi.fn(async () => new Response('{"items":[]}', { status: 200 }));
    vi.stubGlobal('fetch', f);
    await listIncidents(true);
    await listIncidents(false);
    expect(f.mock.calls.map((c) => (c as unknown as [string])[0])).toEqual([
      '/api/incidents?open=true', '/api/incidents?open=false',
    ]);
  });

  it('report with the Idempotency-Key and close with the resolution', async () => {
    const f = vi.fn(async () => new Response('{"id":3}', { status: 201 }));
    vi.stubGlobal('fetch', f);
    await reportIncident({ site_id: 1, kind: 'outage', description: '系统无法登录' }, 'k-2');
    await closeIncident(3, '已恢复');
    expect((sent(f).headers as Record<string, string>)['Idempotency-Key']).toBe('k-2');
    const [path, init] = f.mock.calls[1] as unknown as [string, RequestInit];
    expect(path).toBe('/api/incidents/3/close');
    expect(JSON.parse(init.body as string)).toEqual({ resolution: '已恢复' });
  });

  it('point at the blank paper form of an item', () => {
    expect(blankFormPdfUrl('BJ-JYCY-007')).toBe('/api/cases/blank-form.pdf?item_code=BJ-JYCY-007');
  });
});
