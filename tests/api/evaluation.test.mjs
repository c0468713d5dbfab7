// 好差评 over real HTTP (issue 10, item 1; policy 四(三); docs/api/evaluation.md):
// the window's pad rates the ticket just served; the citizen rates a case by
// the ID number (or the receipt's token) once per channel and stage; 不满意
// opens a rectification for the hall's street with a working-day deadline,
// which the hall manager calls back and closes, and the citizen sees the result.
// 申诉复核: the street appeals a bad rating, the district reviews it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/lib/server.mjs';
import { finishedCase, nthResidentId, sharedTotpSession, signIn } from './client.mjs';

const DEMO_KIOSK = 'yichuang-demo-kiosk-1';
const SITE = 1;
let server;
let clerk;
let hallmgr;
let windowId;

function device(method, p, json, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Device ${token}`;
  return fetch(server.url + p, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
    .then(async (res) => ({ status: res.status, body: await res.json().catch(() => null) }));
}

before(async () => {
  server = await startServer({ seed: true });
  clerk = await signIn(server.url, 'clerk');
  hallmgr = await signIn(server.url, 'hallmgr');
  windowId = (await clerk.get(`/api/hall/sites/${SITE}/windows`)).body.items.find((w) => w.number === 1).id;
});
after(async () => { await server?.stop(); });

test('the window pad rates the ticket just served, once; 不满意 opens a rectification due in working days (四(三))', async () => {
  const reg = await hallmgr.post(`/api/hall/sites/${SITE}/devices`, { kind: 'pad', name: '1 号窗口评价器', window_id: windowId });
  assert.equal(reg.status, 201, reg.text);
  const pad = reg.body.token;
  assert.equal((await device('GET', '/api/pad/current', undefined, 'nope')).status, 401);
  assert.equal((await device('GET', '/api/pad/current', undefined, DEMO_KIOSK)).status, 401, 'a kiosk token is no pad token');
  const idle = await device('GET', '/api/pad/current', undefined, pad);
  assert.equal(idle.status, 200, JSON.stringify(idle.body));
  assert.equal(idle.body.ticket, null);

  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  const taken = await device('POST', '/api/kiosk/tickets', { group: 'employment' }, DEMO_KIOSK);
  assert.equal(taken.status, 201, JSON.stringify(taken.body));
  const called = await clerk.post(`/api/hall/windows/${windowId}/call`);
  assert.equal(called.status, 200, called.text);
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/finish`)).status, 200);

  const current = await device('GET', '/api/pad/current', undefined, pad);
  assert.equal(current.body.ticket.label, taken.body.ticket?.label ?? taken.body.label);
  const ticketId = current.body.ticket.ticket_id;
  const why = await device('POST', '/api/pad/evaluations', { ticket_id: ticketId, level: 2 }, pad);
  assert.equal(why.status, 400, 'a bad rating says why');
  assert.equal(why.body.error.field, 'reasons');
  const rated = await device('POST', '/api/pad/evaluations',
    { ticket_id: ticketId, level: 2, reasons: ['waiting_long'], comment: '等了四十分钟', contact: '13911112222' }, pad);
  assert.equal(rated.status, 201, JSON.stringify(rated.body));
  assert.equal(rated.body.channel, 'pad');
  assert.equal(rated.body.contact, '139****2222');
  assert.ok(rated.body.rectification_id);
  assert.equal((await device('POST', '/api/pad/evaluations', { ticket_id: ticketId, level: 5 }, pad)).status, 409);
  assert.equal((await device('GET', '/api/pad/current', undefined, pad)).body.ticket, null, 'nothing left to rate');

  const list = await hallmgr.get('/api/rectifications?state=open');
  const task = list.body.items.find((x) => x.id === rated.body.rectification_id);
  assert.ok(task, list.text);
  assert.equal(task.unit_code, '110101001');
  assert.match(task.due_day, /^\d{4}-\d{2}-\d{2}$/);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  assert.ok(task.due_day > today);
  assert.ok(!list.text.includes('等了四十分钟'), 'lists carry no comment');
  assert.ok(!list.text.includes('13911112222'));
  const detail = await hallmgr.get(`/api/rectifications/${task.id}`);
  assert.equal(detail.body.evaluation.comment, '等了四十分钟');
  const early = await hallmgr.post(`/api/rectifications/${task.id}/close`, { result: '已调整', version: detail.body.version });
  assert.equal(early.status, 422);
  assert.equal(early.body.error.field, 'callback');
  const phone = await hallmgr.post(`/api/rectifications/${task.id}/reveal-contact`);
  assert.equal(phone.body.contact, '13911112222');
  const cb = await hallmgr.post(`/api/rectifications/${task.id}/callback`, { outcome: 'reached', note: '已致电致歉' });
  assert.equal(cb.status, 200, cb.text);
  const closed = await hallmgr.post(`/api/rectifications/${task.id}/close`, { result: '高峰时段增开 2 号窗口', version: cb.body.version });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.state, 'closed');
  const stats = await hallmgr.get('/api/evaluations');
  assert.ok(stats.body.summary.total >= 1);
  assert.ok(stats.body.items.some((e) => e.id === rated.body.id && e.staff_name !== ''));
});

test('the citizen rates a finished case per stage and channel, and sees the result of the rectification', async () => {
  const n = 91;
  const done = await finishedCase(clerk, n);
  const id_number = nthResidentId('110101', n);
  const base = `/api/progress/${done.case_no}/evaluations`;
  const wrong = await device('POST', base, { id_number: nthResidentId('110101', n + 1), stage: 'accepted', level: 5 });
  assert.equal(wrong.status, 404);
  const notYet = await device('POST', base, { id_number, stage: 'delivered', level: 5 });
  assert.equal(notYet.status, 422, 'not delivered yet');
  assert.equal(notYet.body.error.field, 'stage');
  const badChannel = await device('POST', base, { id_number, stage: 'accepted', level: 5, channel: 'pad' });
  assert.equal(badChannel.status, 400);
  const web = await device('POST', base, { id_number, stage: 'completed', level: 1, reasons: ['not_one_time'], channel: 'web' });
  assert.equal(web.status, 201, JSON.stringify(web.body));
  const again = await device('POST', base, { id_number, stage: 'completed', level: 5, channel: 'web' });
  assert.equal(again.status, 409);
  const kiosk = await device('POST', base, { id_number, stage: 'completed', level: 4, reasons: ['efficient'] }, DEMO_KIOSK);
  assert.equal(kiosk.status, 201, 'another channel may rate the same stage');
  assert.equal(kiosk.body.channel, 'kiosk');

  // The applicant's own phone is the call-back number for a case.
  const task = (await hallmgr.get(`/api/rectifications/${web.body.rectification_id}`)).body;
  const cb = await hallmgr.post(`/api/rectifications/${task.id}/callback`, { outcome: 'reached', note: '已说明' });
  await hallmgr.post(`/api/rectifications/${task.id}/close`, { result: '已对窗口人员进行一次性告知培训', version: cb.body.version });
  const view = await device('POST', `${base}/view`, { id_number });
  assert.equal(view.status, 200, JSON.stringify(view.body));
  const completed = view.body.stages.find((s) => s.stage === 'completed');
  assert.deepEqual(completed.rated_channels.sort(), ['kiosk', 'web']);
  const mine = view.body.ratings.find((r) => r.id === web.body.id);
  assert.equal(mine.rectification.result, '已对窗口人员进行一次性告知培训');
  assert.equal(mine.staff_name, undefined, 'the citizen sees no staff name');
});

// A bad rating of the 办结 of a finished case, by the citizen on the web.
async function badRating(n) {
  const done = await finishedCase(clerk, n);
  const id_number = nthResidentId('110101', n);
  const rated = await device('POST', `/api/progress/${done.case_no}/evaluations`,
    { id_number, stage: 'completed', level: 1, reasons: ['attitude_bad'], channel: 'web' });
  assert.equal(rated.status, 201, JSON.stringify(rated.body));
  return { caseNo: done.case_no, id_number, rating: rated.body, rect: rated.body.rectification_id };
}

test('申诉复核 (四(三)): the street appeals a bad rating once; the district upholds it and it leaves the figures', async () => {
  const { caseNo, id_number, rating, rect } = await badRating(92);
  const detail = await hallmgr.get(`/api/rectifications/${rect}`);
  assert.equal(detail.status, 200, detail.text);
  assert.equal(detail.body.appeal_state, '');
  assert.match(detail.body.appeal_due_day, /^\d{4}-\d{2}-\d{2}$/);

  // Bad input: the real status, a stable code, Chinese words, the field; nothing changes.
  const cases = [
    [{ explanation: '评价人当日未在本窗口办理业务' }, 'reason'],
    [{ reason: 'dislike', explanation: '评价人当日未在本窗口办理业务' }, 'reason'],
    [{ reason: 'malicious', explanation: '太短' }, 'explanation'],
    [{ reason: 'malicious' }, 'explanation'],
  ];
  for (const [body, field] of cases) {
    const bad = await hallmgr.post(`/api/rectifications/${rect}/appeal`, body);
    assert.equal(bad.status, 400, `${JSON.stringify(body)}: ${bad.text}`);
    assert.equal(bad.body.error.code, 'INVALID_ARGUMENT');
    assert.equal(bad.body.error.field, field);
    assert.match(bad.body.error.message, /[\u4e00-\u9fff]/);
  }
  assert.equal((await hallmgr.get(`/api/rectifications/${rect}`)).body.appeal_state, '', 'nothing changed');
  assert.equal((await hallmgr.post('/api/rectifications/999999/appeal',
    { reason: 'mistaken', explanation: '评价人当日未在本窗口办理业务' })).status, 404);

  const before = (await hallmgr.get('/api/evaluations')).body.summary;
  const appealed = await hallmgr.post(`/api/rectifications/${rect}/appeal`,
    { reason: 'malicious', explanation: '评价人当日未在本窗口办理业务,监控可查' });
  assert.equal(appealed.status, 201, appealed.text);
  assert.equal(appealed.body.appeal.state, 'pending');
  assert.equal(appealed.body.appeal.review_unit_code, '110101');
  const twice = await hallmgr.post(`/api/rectifications/${rect}/appeal`,
    { reason: 'malicious', explanation: '评价人当日未在本窗口办理业务,监控可查' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error.code, 'CONFLICT');
  // The hall manager fixes but does not review.
  assert.equal((await hallmgr.get('/api/appeals')).status, 403);
  const citizenPending = await device('POST', `/api/progress/${caseNo}/evaluations/view`, { id_number });
  assert.equal(citizenPending.body.ratings.find((r) => r.id === rating.id).rectification.appeal.state, 'pending');

  const dc = await sharedTotpSession(server.url, 'dcadmin');
  const badState = await dc.get('/api/appeals?state=open');
  assert.equal(badState.status, 400);
  assert.equal(badState.body.error.field, 'state');
  const pending = await dc.get('/api/appeals?state=pending');
  assert.equal(pending.status, 200, pending.text);
  const item = pending.body.items.find((a) => a.rectification_id === rect);
  assert.ok(item, pending.text);
  assert.equal(item.reason_name, '恶意差评');
  assert.equal(item.own, false);
  const one = await dc.get(`/api/appeals/${item.id}`);
  assert.equal(one.status, 200, one.text);
  const reviews = [
    [{ decision: 'maybe', note: '经核实', version: item.version }, 400, 'decision'],
    [{ decision: 'uphold', note: '', version: item.version }, 400, 'note'],
    [{ decision: 'uphold', note: '经核实' }, 400, 'version'],
    [{ decision: 'uphold', note: '经核实', version: item.version + 5 }, 409, 'version'],
  ];
  for (const [body, status, field] of reviews) {
    const bad = await dc.post(`/api/appeals/${item.id}/review`, body);
    assert.equal(bad.status, status, `${JSON.stringify(body)}: ${bad.text}`);
    assert.equal(bad.body.error.field, field);
    assert.match(bad.body.error.message, /[\u4e00-\u9fff]/);
  }
  assert.equal((await dc.get(`/api/appeals/${item.id}`)).body.state, 'pending', 'nothing changed');

  const upheld = await dc.post(`/api/appeals/${item.id}/review`, { decision: 'uphold', note: '经调阅监控核实', version: item.version });
  assert.equal(upheld.status, 200, upheld.text);
  assert.equal(upheld.body.state, 'upheld');
  assert.equal(upheld.body.evaluation.excluded, true);
  assert.equal((await dc.post(`/api/appeals/${item.id}/review`, { decision: 'reject', note: '再议', version: upheld.body.version })).status, 409);
  const closed = await hallmgr.get(`/api/rectifications/${rect}`);
  assert.equal(closed.body.state, 'closed');
  assert.equal(closed.body.appeal.state, 'upheld');
  const after = (await hallmgr.get('/api/evaluations')).body.summary;
  assert.equal(after.total, before.total - 1, 'the excluded rating is not counted');
  // The citizen sees the result of the review, not the unit's reasons.
  const view = await device('POST', `/api/progress/${caseNo}/evaluations/view`, { id_number });
  const mine = view.body.ratings.find((r) => r.id === rating.id);
  assert.equal(mine.rectification.appeal.state, 'upheld');
  assert.equal(mine.rectification.appeal.state_name, '申诉成立');
  assert.ok(!JSON.stringify(view.body).includes('监控可查'));
  assert.ok(!JSON.stringify(view.body).includes('恶意'));
});

test('申诉复核 (四(三)): the appellant cannot review their own appeal; a rejected one cannot be repeated', async () => {
  const { rect } = await badRating(94);
  const dc = await sharedTotpSession(server.url, 'dcadmin');
  const appealed = await dc.post(`/api/rectifications/${rect}/appeal`, { reason: 'mistaken', explanation: '评价人误操作,实为表扬' });
  assert.equal(appealed.status, 201, appealed.text);
  const id = appealed.body.appeal.id;
  const listed = (await dc.get('/api/appeals?state=pending')).body.items.find((a) => a.id === id);
  assert.equal(listed.own, true);
  const own = await dc.post(`/api/appeals/${id}/review`, { decision: 'uphold', note: '自己复核', version: listed.version });
  assert.equal(own.status, 403);
  assert.equal(own.body.error.code, 'FORBIDDEN');
  assert.match(own.body.error.message, /申诉人/);
  assert.equal((await dc.get(`/api/appeals/${id}`)).body.state, 'pending', 'nothing changed');

  const city = await sharedTotpSession(server.url, 'cityadmin');
  const rejected = await city.post(`/api/appeals/${id}/review`, { decision: 'reject', note: '评价属实,继续整改', version: listed.version });
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(rejected.body.state, 'rejected');
  const again = await dc.post(`/api/rectifications/${rect}/appeal`, { reason: 'other', explanation: '再次申诉,补充说明情况' });
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /不能再次申诉/);
  const task = (await dc.get(`/api/rectifications/${rect}`)).body;
  assert.equal(task.state, 'open', 'the rectification goes on');
  assert.equal(task.appeal.state, 'rejected');
});
