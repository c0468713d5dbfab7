import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import {
  addTraining, assignPost, closeFinding, createCourse, createInternalCheck, createTrainingSession, deleteStaffPhoto,
  endAssignment, enrolPeople, getCapacity, getCompliance, getInternalCheck, getStaffPhoto, getTrainingSession,
  getTrainingTotals, judgeCheckItem, listCourses, listInternalChecks, listStaff, listTrainingSessions, putStaffPhoto,
  recordResults, saveProfile, setAttendance, unenrolPerson,
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

  it('create a benefit-payment check and judge an item with its checklist', async () => {
    const f = stub('{"id":6,"kind":"benefit_payment","items":[],"finding_list":[]}', 201);
    await createInternalCheck({ kind: 'benefit_payment', unit: '110101001', from: '2026-11-01', to: '2026-11-30' });
    expect(sentBody(f)).toEqual({ kind: 'benefit_payment', unit: '110101001', from: '2026-11-01', to: '2026-11-30' });
    const checklist = { eligibility: true, standard: false, account: true, approval: true };
    const g = stub('{"id":6}');
    await judgeCheckItem(6, 2, { result: 'finding', note: '发放金额高于标准', due_days: 10, checklist });
    expect(sent(g)[0]).toBe('/api/staff/internal-checks/6/items/2');
    expect(sentBody(g)).toEqual({ result: 'finding', note: '发放金额高于标准', due_days: 10, checklist });
    const h = stub('{"id":6}');
    const all = { eligibility: true, standard: true, account: true, approval: true };
    await judgeCheckItem(6, 3, { result: 'ok', checklist: all });
    expect(sentBody(h)).toEqual({ result: 'ok', checklist: all });
  });
});

describe('staff photo', () => {
  it('reads the photo as a blob, with the image types accepted', async () => {
    const f = vi.fn(async () => new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), {
      status: 200, headers: { 'Content-Type': 'image/png' },
    }));
    vi.stubGlobal('fetch', f);
    const blob = await getStaffPhoto(12);
    expect(blob.size).toBe(4);
    expect(sent(f)[0]).toBe('/api/staff/12/photo');
    expect((sent(f)[1].headers as Record<string, string>).Accept).toContain('image/*');
  });

  it('a person without a photo answers 404', async () => {
    stub(JSON.stringify({ error: { code: 'NOT_FOUND', message: '没有照片' }, request_id: 'r3' }), 404);
    const e = await getStaffPhoto(12).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
  });

  it('puts the raw bytes with their type and deletes', async () => {
    const f = stub(null, 204);
    const png = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    await putStaffPhoto(12, png, 'image/png');
    expect(sent(f)[0]).toBe('/api/staff/12/photo');
    expect(sent(f)[1].method).toBe('PUT');
    expect(sent(f)[1].body).toBe(png);
    expect((sent(f)[1].headers as Record<string, string>)['Content-Type']).toBe('image/png');
    const g = stub(null, 204);
    await deleteStaffPhoto(12);
    expect(sent(g)[0]).toBe('/api/staff/12/photo');
    expect(sent(g)[1].method).toBe('DELETE');
  });
});

describe('training requests', () => {
  it('list and create courses', async () => {
    const f = stub('{"items":[]}');
    await listCourses();
    expect(sent(f)[0]).toBe('/api/staff/courses');
    const g = stub('{"id":1}', 201);
    await createCourse({ title: '社会保险经办规范', kind: 'annual', days: 2, pass_score: 70, unit: '110101' });
    expect(sent(g)[0]).toBe('/api/staff/courses');
    expect(sent(g)[1].method).toBe('POST');
    expect(sentBody(g)).toEqual({ title: '社会保险经办规范', kind: 'annual', days: 2, pass_score: 70, unit: '110101' });
  });

  it('list sessions of a year, create one and read it', async () => {
    const f = stub('{"items":[]}');
    await listTrainingSessions(2026);
    expect(sent(f)[0]).toBe('/api/staff/training-sessions?year=2026');
    const g = stub('{"id":4}', 201);
    await createTrainingSession({ course_id: 1, day: '2026-11-27', place: '东城区人力社保局三楼', capacity: 30, unit: '110101' });
    expect(sent(g)[0]).toBe('/api/staff/training-sessions');
    expect(sentBody(g)).toEqual({ course_id: 1, day: '2026-11-27', place: '东城区人力社保局三楼', capacity: 30, unit: '110101' });
    const h = stub('{"id":4,"enrolments":[]}');
    await getTrainingSession(4);
    expect(sent(h)[0]).toBe('/api/staff/training-sessions/4');
  });

  it('enrol people, remove one and record the results', async () => {
    const f = stub('{"id":4,"enrolments":[]}');
    await enrolPeople(4, [12, 13]);
    expect(sent(f)[0]).toBe('/api/staff/training-sessions/4/enrolments');
    expect(sent(f)[1].method).toBe('POST');
    expect(sentBody(f)).toEqual({ account_ids: [12, 13] });
    const g = stub('{"id":4,"enrolments":[]}');
    await unenrolPerson(4, 13);
    expect(sent(g)[0]).toBe('/api/staff/training-sessions/4/enrolments/13');
    expect(sent(g)[1].method).toBe('DELETE');
    const h = stub('{"id":4,"status":"recorded","enrolments":[]}');
    await recordResults(4, [{ account_id: 12, attended: true, score: 85 }, { account_id: 13, attended: false }]);
    expect(sent(h)[0]).toBe('/api/staff/training-sessions/4/results');
    expect(sentBody(h)).toEqual({ results: [{ account_id: 12, attended: true, score: 85 }, { account_id: 13, attended: false }] });
  });

  it('results before the session day are refused on the field day', async () => {
    stub(JSON.stringify({
      error: { code: 'UNPROCESSABLE', message: '培训尚未举行,不能录入结果', field: 'day' }, request_id: 'r4',
    }), 422);
    const e = await recordResults(4, []).catch((x: unknown) => x);
    expect((e as ApiError).status).toBe(422);
    expect((e as ApiError).field).toBe('day');
  });

  it('ask for the totals of a year, optionally of a unit', async () => {
    const f = stub('{"year":2026,"required_days":5,"items":[]}');
    await getTrainingTotals(2026);
    expect(sent(f)[0]).toBe('/api/staff/training-totals?year=2026');
    await getTrainingTotals(2026, '110101');
    expect(sent(f, 1)[0]).toBe('/api/staff/training-totals?year=2026&unit=110101');
  });
});
