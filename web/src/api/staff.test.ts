import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import {
  addTraining, assignPost, closeFinding, createInternalCheck, endAssignment, getCapacity, getCompliance,
  getInternalCheck, judgeCheckItem, listInternalChecks, listStaff, saveProfile, setAttendance,
} from './staff';

afterEach(() => vi.unstubAllGlobals());

type Sent = [string, RequestInit];

function stub(body: string | null, status = 200) {
  const f = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', f);
  return f;
}

const sent = (f: ReturnType<typeof vi.fn>, call = 0) => f.mock.calls[call] as unknown as Sent;
const sentBody = (f: ReturnType<typeof vi.fn>) => JSON.parse(sent(f)[1].body as string) as unknown;

describe('staff requests', () => {
  it('list people of a site, leaving out empty filters', async () => {
    const f = stub('{"items":[]}');
    await listStaff({ site: 3, unit: '' });
    expect(sent(f)[0]).toBe('/api/staff?site=3');
    await listStaff();
    expect(sent(f, 1)[0]).toBe('/api/staff');
  });

  it('put a profile with its version', async () => {
    const f = stub('{}');
    await saveProfile(12, { employment: 'assistant', site_id: 1, categories: ['social_insurance'], hired_on: '2024-03-01', version: 2 });
    expect(sent(f)[0]).toBe('/api/staff/12');
    expect(sent(f)[1].method).toBe('PUT');
    expect(sentBody(f)).toEqual({ employment: 'assistant', site_id: 1, categories: ['social_insurance'], hired_on: '2024-03-01', version: 2 });
  });

  it('assign a post and end it', async () => {
    const f = stub('{"id":5}', 201);
    await assignPost(12, { post: 'benefit_payment', category: '', from: '2026-11-27', reason: '轮岗' });
    expect(sent(f)[0]).toBe('/api/staff/12/assignments');
    expect(sent(f)[1].method).toBe('POST');
    expect(sentBody(f)).toEqual({ post: 'benefit_payment', category: '', from: '2026-11-27', reason: '轮岗' });
    stub('{"id":5}');
    const g = stub('{"id":5}');
    await endAssignment(5, '2026-11-30', '调岗');
    expect(sent(g)[0]).toBe('/api/staff/assignments/5/end');
    expect(sentBody(g)).toEqual({ to: '2026-11-30', reason: '调岗' });
  });

  it('refusals arrive as ApiErrors with the field and every reason', async () => {
    stub(JSON.stringify({
      error: { code: 'UNPROCESSABLE', message: '待遇发放是高风险岗位，必须由编制内人员担任；该人员为协管员（三(七)）', field: 'post' },
      request_id: 'r1',
    }), 422);
    const e = await assignPost(12, { post: 'benefit_payment', from: '2026-11-27' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(422);
    expect((e as ApiError).field).toBe('post');
    expect((e as ApiError).message).toContain('三(七)');
  });

  it('add training and set a day of attendance', async () => {
    const f = stub('{"id":1}', 201);
    await addTraining(12, { course: '经办规范', kind: 'pre_post', day: '2026-01-05', days: 2, passed: true });
    expect(sent(f)[0]).toBe('/api/staff/12/training');
    expect(sentBody(f)).toEqual({ course: '经办规范', kind: 'pre_post', day: '2026-01-05', days: 2, passed: true });
    const g = stub('{"day":"2026-11-02","status":"leave"}');
    await setAttendance(12, '2026-11-02', 'leave');
    expect(sent(g)[0]).toBe('/api/staff/12/attendance/2026-11-02');
    expect(sent(g)[1].method).toBe('PUT');
    expect(sentBody(g)).toEqual({ status: 'leave' });
  });

  it('ask for compliance and capacity with their parameters', async () => {
    const f = stub('{}');
    await getCompliance('2026-11', '110101');
    expect(sent(f)[0]).toBe('/api/staff/compliance?unit=110101&month=2026-11');
    await getCompliance('2026-11');
    expect(sent(f, 1)[0]).toBe('/api/staff/compliance?month=2026-11');
    await getCapacity(1, '2026-11-26', 0.9, 10);
    expect(sent(f, 2)[0]).toBe('/api/staff/capacity?site=1&day=2026-11-26&target_share=0.9&target_wait_minutes=10');
  });

  it('list, create and read internal checks', async () => {
    const f = stub('{"items":[]}');
    await listInternalChecks();
    expect(sent(f)[0]).toBe('/api/staff/internal-checks');
    const g = stub('{"id":3,"items":[],"finding_list":[]}', 201);
    const c = await createInternalCheck({ unit: '110101001', from: '2026-11-01', to: '2026-11-30', sample_size: 5 });
    expect(c.id).toBe(3);
    expect(sent(g)[0]).toBe('/api/staff/internal-checks');
    expect(sent(g)[1].method).toBe('POST');
    expect(sentBody(g)).toEqual({ unit: '110101001', from: '2026-11-01', to: '2026-11-30', sample_size: 5 });
    const h = stub('{"id":3,"items":[],"finding_list":[]}');
    await getInternalCheck(3);
    expect(sent(h)[0]).toBe('/api/staff/internal-checks/3');
    expect(sent(h)[1].method).toBe('GET');
  });

  it('judge a sampled case and close a finding with its follow-up', async () => {
    const f = stub('{"id":3}');
    await judgeCheckItem(3, 8, { result: 'finding', note: '受理回执缺少经办人签名', due_days: 5 });
    expect(sent(f)[0]).toBe('/api/staff/internal-checks/3/items/8');
    expect(sent(f)[1].method).toBe('POST');
    expect(sentBody(f)).toEqual({ result: 'finding', note: '受理回执缺少经办人签名', due_days: 5 });
    const g = stub('{"id":3}');
    await judgeCheckItem(3, 9, { result: 'ok' });
    expect(sentBody(g)).toEqual({ result: 'ok' });
    const h = stub('{"id":4,"closed_at":1}');
    await closeFinding(4, '已补签并培训窗口人员');
    expect(sent(h)[0]).toBe('/api/staff/findings/4/close');
    expect(sentBody(h)).toEqual({ follow_up: '已补签并培训窗口人员' });
  });

  it('the internal-control refusal arrives as a 403 ApiError', async () => {
    stub(JSON.stringify({
      error: { code: 'FORBIDDEN', message: '只有在内控岗位任职的人员可以开展内控检查（四(四)）' }, request_id: 'r2',
    }), 403);
    const e = await createInternalCheck({ unit: '110101001', from: '2026-11-01', to: '2026-11-30' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(403);
    expect((e as ApiError).message).toContain('内控岗位');
  });
});
