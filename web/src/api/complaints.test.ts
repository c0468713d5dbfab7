import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import {
  acceptComplaint, assignComplaint, closeComplaint, getComplaint, listComplaints, rejectComplaint, replyComplaint,
  revealReporter, submitComplaint, takeComplaint, viewComplaint,
} from './complaints';

afterEach(() => vi.unstubAllGlobals());

type Sent = [string, RequestInit];

function stub(body: string | null, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sent = (f: ReturnType<typeof vi.fn>, call = 0) => f.mock.calls[call] as unknown as Sent;
const sentBody = (f: ReturnType<typeof vi.fn>, call = 0) => JSON.parse(sent(f, call)[1].body as string) as unknown;

describe('complaint requests', () => {
  it('file a named complaint online and get the number and query code', async () => {
    const f = stub('{"complaint_no":"TS20261127-0001","query_code":"K7Q2M9","accept_due_day":"2026-12-02"}', 201);
    const made = await submitComplaint({
      category: 'attitude', content: '1 号窗口工作人员态度生硬', site_id: 1, window_number: 1,
      name: '刘晓梅', phone: '13800001111', channel: 'mobile',
    });
    expect(made.query_code).toBe('K7Q2M9');
    expect(sent(f)[0]).toBe('/api/public/complaints');
    expect(sent(f)[1].method).toBe('POST');
    expect(sentBody(f)).toEqual({
      category: 'attitude', content: '1 号窗口工作人员态度生硬', site_id: 1, window_number: 1,
      name: '刘晓梅', phone: '13800001111', channel: 'mobile',
    });
  });

  it('track by number and code, the number escaped in the path', async () => {
    const f = stub('{"state":"closed"}');
    await viewComplaint('TS20261127-0001', 'K7Q2M9');
    expect(sent(f)[0]).toBe('/api/public/complaints/TS20261127-0001/view');
    expect(sentBody(f)).toEqual({ code: 'K7Q2M9' });
    await viewComplaint('a/b', 'x');
    expect(sent(f, 1)[0]).toBe('/api/public/complaints/a%2Fb/view');
  });

  it('a wrong number or code is a 404 ApiError', async () => {
    stub(JSON.stringify({ error: { code: 'NOT_FOUND', message: '编号或查询码不正确', field: '' }, request_id: 'r1' }), 404);
    const e = await viewComplaint('TS20261127-0001', 'nope').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
  });

  it('take a phone complaint at the hall with the person complained about', async () => {
    const f = stub('{"id":4,"query_code":"ABC123"}', 201);
    await takeComplaint({ channel: 'phone', category: 'efficiency', content: '排队两小时没有叫号', anonymous: true, staff_id: 9 });
    expect(sent(f)[0]).toBe('/api/complaints');
    expect(sentBody(f)).toEqual({ channel: 'phone', category: 'efficiency', content: '排队两小时没有叫号', anonymous: true, staff_id: 9 });
  });

  it('list by state, leaving out empty filters, and read one', async () => {
    const f = stub('{"items":[]}');
    await listComplaints({ state: 'received', unit: '' });
    expect(sent(f)[0]).toBe('/api/complaints?state=received');
    await listComplaints();
    expect(sent(f, 1)[0]).toBe('/api/complaints');
    await getComplaint(4);
    expect(sent(f, 2)[0]).toBe('/api/complaints/4');
    expect(sent(f, 2)[1].method).toBe('GET');
  });

  it('reveal the reporter with a bodiless POST (audited by the server)', async () => {
    const f = stub('{"name":"刘晓梅","phone":"13800001111","id_number":""}');
    const who = await revealReporter(4);
    expect(who.phone).toBe('13800001111');
    expect(sent(f)[0]).toBe('/api/complaints/4/reporter');
    expect(sent(f)[1].method).toBe('POST');
    expect(sent(f)[1].body).toBeUndefined();
  });

  it('accept, reject and assign', async () => {
    const f = stub('{"id":4}');
    await acceptComplaint(4);
    expect(sent(f)[0]).toBe('/api/complaints/4/accept');
    expect(sentBody(f)).toEqual({});
    await acceptComplaint(4, { category: 'violation', assignee_id: 7 });
    expect(sentBody(f, 1)).toEqual({ category: 'violation', assignee_id: 7 });
    await rejectComplaint(4, '不属于本部门职责范围');
    expect(sent(f, 2)[0]).toBe('/api/complaints/4/reject');
    expect(sentBody(f, 2)).toEqual({ reason: '不属于本部门职责范围' });
    await assignComplaint(4, 7);
    expect(sent(f, 3)[0]).toBe('/api/complaints/4/assign');
    expect(sentBody(f, 3)).toEqual({ assignee_id: 7 });
  });

  it('reply with the verdict and close with the call-back', async () => {
    const f = stub('{"id":4}');
    await replyComplaint(4, '经调查核实,情况属实', true);
    expect(sent(f)[0]).toBe('/api/complaints/4/reply');
    expect(sentBody(f)).toEqual({ reply: '经调查核实,情况属实', upheld: true });
    await closeComplaint(4, 'not_applicable');
    expect(sent(f, 1)[0]).toBe('/api/complaints/4/close');
    expect(sentBody(f, 1)).toEqual({ outcome: 'not_applicable', note: '' });
  });

  it('the person complained about as assignee is refused on its field', async () => {
    stub(JSON.stringify({ error: { code: 'UNPROCESSABLE', message: '被投诉人不能承办', field: 'assignee_id' }, request_id: 'r2' }), 422);
    const e = await acceptComplaint(4, { assignee_id: 9 }).catch((x: unknown) => x);
    expect((e as ApiError).status).toBe(422);
    expect((e as ApiError).field).toBe('assignee_id');
  });
});
