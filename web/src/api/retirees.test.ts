import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { addActivity, listRetirees, recheckDeath, reportDeath } from './retirees';

afterEach(() => vi.unstubAllGlobals());

type Sent = [string, RequestInit];

function stub(body: string | null, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sent = (f: ReturnType<typeof vi.fn>, call = 0) => f.mock.calls[call] as unknown as Sent;
const sentBody = (f: ReturnType<typeof vi.fn>, call = 0) => JSON.parse(sent(f, call)[1].body as string) as unknown;

describe('retiree requests', () => {
  it('list with only the filters that are set; 本年度未联系 as uncontacted=1', async () => {
    const f = stub('{"items":[]}');
    await listRetirees({ unit: '110101001001', kind: '', status: 'active', uncontacted: true });
    expect(sent(f)[0]).toBe('/api/retirees?unit=110101001001&status=active&uncontacted=1');
    await listRetirees({ uncontacted: false });
    expect(sent(f, 1)[0]).toBe('/api/retirees');
  });

  it('report a death and recheck it on the person', async () => {
    const f = stub('{"id":7}', 201);
    await reportDeath(7, { death_day: '2026-03-15', source: 'family' });
    expect(sent(f)[0]).toBe('/api/retirees/7/death-report');
    expect(sentBody(f)).toEqual({ death_day: '2026-03-15', source: 'family' });
    await recheckDeath(7, 'reject', '经核实本人健在');
    expect(sent(f, 1)[0]).toBe('/api/retirees/7/death-report/recheck');
    expect(sentBody(f, 1)).toEqual({ decision: 'reject', reason: '经核实本人健在' });
  });

  it('a refusal for staff off the establishment carries the server message', async () => {
    stub('{"error":{"code":"UNPROCESSABLE","message":"须由编制内人员办理","field":"formal_staff"},"request_id":"r1"}', 422);
    const e = await reportDeath(7, { death_day: '2026-03-15', source: 'family' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toBe('须由编制内人员办理');
    expect((e as ApiError).field).toBe('formal_staff');
  });

  it('record an activity with its participants', async () => {
    const f = stub('{"id":3,"participants":[]}', 201);
    await addActivity({ unit_code: '110101001001', kind: 'health', title: '健康讲座', day: '2026-03-18', place: '活动室',
      participants: [1, 2] });
    expect(sent(f)[0]).toBe('/api/retiree-activities');
    expect(sentBody(f)).toMatchObject({ participants: [1, 2] });
  });
});
