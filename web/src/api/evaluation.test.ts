import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import {
  closeRectification, getEvaluationMeta, getPadCurrent, getRectification, isBadLevel, listEvaluations,
  listRectifications, padPairingLink, ratePadTicket, rateCase, recordCallback, registerPad, revealContact,
  viewCaseEvaluations,
} from './evaluation';

afterEach(() => vi.unstubAllGlobals());

type Sent = [string, RequestInit];

function stub(body: string | null, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sent = (f: ReturnType<typeof vi.fn>, call = 0) => f.mock.calls[call] as unknown as Sent;
const sentBody = (f: ReturnType<typeof vi.fn>) => JSON.parse(sent(f)[1].body as string) as unknown;
const sentHeaders = (f: ReturnType<typeof vi.fn>) => sent(f)[1].headers as Record<string, string>;

describe('public evaluation requests', () => {
  it('read the levels and reasons', async () => {
    const f = stub('{"levels":[],"reasons":[]}');
    await getEvaluationMeta();
    expect(sent(f)[0]).toBe('/api/evaluation/meta');
    expect(sent(f)[1].method).toBe('GET');
  });

  it('rate a stage with the ID number in the body, never the address', async () => {
    const f = stub('{"id":1}', 201);
    await rateCase('20250124-000001', {
      id_number: '11010519491231002X', stage: 'completed', level: 2, reasons: ['late'], channel: 'web',
    });
    expect(sent(f)[0]).toBe('/api/progress/20250124-000001/evaluations');
    expect(sent(f)[0]).not.toContain('1101');
    expect(sent(f)[1].method).toBe('POST');
    expect(sentHeaders(f).Authorization).toBeUndefined();
    expect(sentBody(f)).toEqual({ id_number: '11010519491231002X', stage: 'completed', level: 2, reasons: ['late'], channel: 'web' });
  });

  it('rate from a kiosk with its device token', async () => {
    const f = stub('{"id":1}', 201);
    await rateCase('C/1', { t: 'tok', stage: 'accepted', level: 5 }, 'kiosk-token-1');
    expect(sent(f)[0]).toBe('/api/progress/C%2F1/evaluations');
    expect(sentHeaders(f).Authorization).toBe('Device kiosk-token-1');
  });

  it('view the stages and ratings by the receipt token', async () => {
    const f = stub('{"stages":[],"ratings":[]}');
    await viewCaseEvaluations('20250124-000001', { t: 'abc' });
    expect(sent(f)[0]).toBe('/api/progress/20250124-000001/evaluations/view');
    expect(sent(f)[1].method).toBe('POST');
    expect(sentBody(f)).toEqual({ t: 'abc' });
  });
});

describe('pad requests', () => {
  it('poll the current ticket with the pad token', async () => {
    const f = stub('{"site_name":"东华门","window_number":1,"ticket":null}');
    const answer = await getPadCurrent('pad-token-123');
    expect(answer.ticket).toBeNull();
    expect(sent(f)[0]).toBe('/api/pad/current');
    expect(sentHeaders(f).Authorization).toBe('Device pad-token-123');
  });

  it('rate the ticket', async () => {
    const f = stub('{"id":3}', 201);
    await ratePadTicket('pad-token-123', { ticket_id: 9, level: 1, reasons: ['other'], contact: '13911112222' });
    expect(sent(f)[0]).toBe('/api/pad/evaluations');
    expect(sentHeaders(f).Authorization).toBe('Device pad-token-123');
    expect(sentBody(f)).toEqual({ ticket_id: 9, level: 1, reasons: ['other'], contact: '13911112222' });
  });

  it('reports an unpaired pad as a 401 ApiError', async () => {
    stub('{"error":{"code":"UNAUTHENTICATED","message":"设备未登记","field":""},"request_id":"r1"}', 401);
    await expect(getPadCurrent('nope-nope')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('register a pad for a window, and its pairing link', async () => {
    const f = stub('{"device":{"id":5},"token":"t"}', 201);
    await registerPad(1, { name: '1 号窗口评价器', window_id: 4 });
    expect(sent(f)[0]).toBe('/api/hall/sites/1/devices');
    expect(sentBody(f)).toEqual({ kind: 'pad', name: '1 号窗口评价器', window_id: 4 });
    expect(padPairingLink('https://h.example', 'abc')).toBe('https://h.example/pad/pair#abc');
  });
});

describe('staff requests', () => {
  it('list ratings with only the filters that have a value', async () => {
    const f = stub('{"items":[],"summary":{"total":0,"good_rate":0,"by_level":[]}}');
    await listEvaluations({ unit: '110101001', from: '2026-01-01', to: '', channel: 'pad', max_level: 2 });
    expect(sent(f)[0]).toBe('/api/evaluations?unit=110101001&from=2026-01-01&channel=pad&max_level=2');
    await listEvaluations();
    expect(sent(f, 1)[0]).toBe('/api/evaluations');
  });

  it('list, open, reveal, call back and close a rectification', async () => {
    const f = stub('{"id":7,"version":2}');
    await listRectifications('overdue');
    await getRectification(7);
    await revealContact(7);
    await recordCallback(7, { outcome: 'reached', note: '已致电' });
    await closeRectification(7, { result: '已整改', version: 2 });
    const calls = f.mock.calls.map((c) => { const [p, init] = c as unknown as Sent; return `${init.method} ${p}`; });
    expect(calls).toEqual([
      'GET /api/rectifications?state=overdue', 'GET /api/rectifications/7', 'POST /api/rectifications/7/reveal-contact',
      'POST /api/rectifications/7/callback', 'POST /api/rectifications/7/close',
    ]);
    expect(JSON.parse(sent(f, 4)[1].body as string)).toEqual({ result: '已整改', version: 2 });
  });

  it('keeps the server field of a refused close', async () => {
    stub('{"error":{"code":"UNPROCESSABLE","message":"请先回访","field":"callback"},"request_id":"r2"}', 422);
    const e = await closeRectification(7, { result: 'x', version: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).field).toBe('callback');
  });

  it('counts 不满意 and worse as bad', () => {
    expect([5, 4, 3, 2, 1].map(isBadLevel)).toEqual([false, false, false, true, true]);
  });
});
