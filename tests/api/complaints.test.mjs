// 投诉举报 over real HTTP (issue 10, item 2; policy 三(四), annex 一(三); GB/T 36113;
// docs/api/complaints.md): a citizen complains online about a window, named;
// the district's complaints officer accepts it within its deadline, assigns
// it, sees the reporter's identity only through the audited reveal; the
// clerk complained about cannot see it; the reply reaches the reporter. The
// officers pick the 承办人 from GET /api/complaints/:id/assignees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/lib/server.mjs';
import { sharedTotpSession, signIn } from './client.mjs';

const SITE = 1;
let server;

function publicPost(p, json, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Device ${token}`;
  return fetch(server.url + p, { method: 'POST', headers, body: JSON.stringify(json) })
    .then(async (res) => ({ status: res.status, body: await res.json().catch(() => null), text: '' }));
}

before(async () => { server = await startServer({ seed: true }); });
after(async () => { await server?.stop(); });

test('a named online complaint is accepted, answered and closed; the reporter follows it by number and code (三(四))', async () => {
  const short = await publicPost('/api/public/complaints', { category: 'attitude', content: '太差', site_id: SITE });
  assert.equal(short.status, 400);
  assert.equal(short.body.error.field, 'content');
  const noPhone = await publicPost('/api/public/complaints',
    { category: 'attitude', content: '1 号窗口工作人员态度生硬，不解释材料要求', site_id: SITE, name: '刘晓梅' });
  assert.equal(noPhone.status, 400);
  assert.equal(noPhone.body.error.field, 'phone');
  const made = await publicPost('/api/public/complaints', {
    category: 'attitude', content: '1 号窗口工作人员态度生硬，不解释材料要求', site_id: SITE, window_number: 1,
    name: '刘晓梅', phone: '13800001111',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.match(made.body.complaint_no, /^TS\d{8}-\d{4}$/);
  const code = made.body.query_code;

  const officer = await sharedTotpSession(server.url, 'tsofficer');
  const list = await officer.get('/api/complaints?state=received');
  assert.equal(list.status, 200, list.text);
  const item = list.body.items.find((c) => c.complaint_no === made.body.complaint_no);
  assert.ok(item);
  assert.equal(item.unit_code, '110101001');
  assert.ok(!list.text.includes('刘晓梅') && !list.text.includes('13800001111'), 'no identity in lists');
  const detail = await officer.get(`/api/complaints/${item.id}`);
  assert.equal(detail.body.content, '1 号窗口工作人员态度生硬，不解释材料要求');
  assert.ok(!detail.text.includes('13800001111'), 'no identity in the detail either');
  const who = await officer.post(`/api/complaints/${item.id}/reporter`);
  assert.equal(who.status, 200, who.text);
  assert.equal(who.body.phone, '13800001111');

  // The district administrator reads complaints but may not open identities.
  const dc = await sharedTotpSession(server.url, 'dcadmin');
  assert.equal((await dc.get(`/api/complaints/${item.id}`)).status, 200);
  assert.equal((await dc.post(`/api/complaints/${item.id}/reporter`)).status, 403);
  // A clerk takes complaints but does not read them.
  const clerk = await signIn(server.url, 'clerk');
  assert.equal((await clerk.get('/api/complaints')).status, 403);

  const accepted = await officer.post(`/api/complaints/${item.id}/accept`, {});
  assert.equal(accepted.status, 200, accepted.text);
  assert.match(accepted.body.reply_due_day, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal((await officer.post(`/api/complaints/${item.id}/accept`, {})).status, 409);
  const noVerdict = await officer.post(`/api/complaints/${item.id}/reply`, { reply: '经调查核实，已对窗口人员批评教育' });
  assert.equal(noVerdict.status, 400);
  assert.equal(noVerdict.body.error.field, 'upheld');
  const replied = await officer.post(`/api/complaints/${item.id}/reply`, { reply: '经调查核实，情况属实，已对窗口人员批评教育并调整岗位', upheld: true });
  assert.equal(replied.status, 200, replied.text);
  const closed = await officer.post(`/api/complaints/${item.id}/close`, { outcome: 'reached', note: '投诉人表示满意' });
  assert.equal(closed.status, 200, closed.text);

  const view = await publicPost(`/api/public/complaints/${made.body.complaint_no}/view`, { code });
  assert.equal(view.status, 200, JSON.stringify(view.body));
  assert.equal(view.body.state, 'closed');
  assert.equal(view.body.reply, '经调查核实，情况属实，已对窗口人员批评教育并调整岗位');
  assert.equal(view.body.assignee_name, undefined);
  assert.equal((await publicPost(`/api/public/complaints/${made.body.complaint_no}/view`, { code: 'wrong' })).status, 404);
});

test('a complaint taken at the window about a named clerk stays hidden from that clerk (三(四))', async () => {
  const hallmgr = await signIn(server.url, 'hallmgr');
  const staff = (await hallmgr.get('/api/staff')).body.items;
  const clerk = staff.find((p) => p.login === 'clerk');
  const taken = await hallmgr.post('/api/complaints', {
    category: 'violation', channel: 'window', anonymous: true, content: '办理时要求提供与事项无关的证明材料', site_id: SITE,
    staff_id: clerk.account_id,
  });
  assert.equal(taken.status, 201, taken.text);
  assert.equal(taken.body.staff_name, clerk.name);
  const badChannel = await hallmgr.post('/api/complaints', { category: 'other', channel: 'web', anonymous: true, content: '工作人员在上班时间离岗' });
  assert.equal(badChannel.status, 400);
  assert.equal(badChannel.body.error.field, 'channel');
  const officer = await sharedTotpSession(server.url, 'tsofficer');
  const it = (await officer.get('/api/complaints')).body.items.find((c) => c.id === taken.body.id);
  assert.ok(it, 'the officer sees it');
  const rejected = await officer.post(`/api/complaints/${it.id}/reject`, { reason: '短' });
  assert.equal(rejected.status, 400);
});

test('承办人 are picked from the list the server allows: never the person complained about (三(四))', async () => {
  const hallmgr = await signIn(server.url, 'hallmgr');
  const staff = (await hallmgr.get('/api/staff')).body.items;
  const clerk = staff.find((p) => p.login === 'clerk');
  const taken = await hallmgr.post('/api/complaints', {
    category: 'attitude', channel: 'window', anonymous: true, content: '窗口人员办理时接听私人电话,让群众久等', site_id: SITE,
    staff_id: clerk.account_id,
  });
  assert.equal(taken.status, 201, taken.text);
  const id = taken.body.id;
  assert.equal(taken.body.escalation, 0);
  assert.equal(taken.body.close_due_day, '');

  const officer = await sharedTotpSession(server.url, 'tsofficer');
  const me = (await officer.get('/api/auth/me')).body.account;
  const list = await officer.get(`/api/complaints/${id}/assignees`);
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.items.length >= 1);
  const self = list.body.items.find((a) => a.self);
  assert.equal(self.account_id, me.id);
  assert.equal(self.unit_code, '110101');
  assert.ok(!list.body.items.some((a) => a.account_id === clerk.account_id), 'not the person complained about');
  assert.ok(list.body.items.every((a) => /\*/.test(a.name)), 'names masked');
  assert.ok(!list.text.includes('蒋投诉'), 'no full name');

  // Bad input: real status, stable code, Chinese message, field; nothing changes.
  const missing = await officer.get('/api/complaints/999999/assignees');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'NOT_FOUND');
  assert.match(missing.body.error.message, /[\u4e00-\u9fff]/);
  assert.equal(missing.body.error.field, 'id');
  assert.equal((await officer.get('/api/complaints/abc/assignees')).status, 404);
  const dc = await sharedTotpSession(server.url, 'dcadmin');
  const forbidden = await dc.get(`/api/complaints/${id}/assignees`);
  assert.equal(forbidden.status, 403, 'complaint.read alone lists no assignees');
  assert.equal(forbidden.body.error.code, 'FORBIDDEN');
  const accepted = await officer.post(`/api/complaints/${id}/accept`, { assignee_id: clerk.account_id });
  assert.equal(accepted.status, 422);
  assert.equal(accepted.body.error.field, 'assignee_id');
  assert.match(accepted.body.error.message, /被投诉人/);
  assert.equal((await officer.get(`/api/complaints/${id}`)).body.state, 'received', 'nothing changed');

  // Accepted by a listed officer.
  const ok = await officer.post(`/api/complaints/${id}/accept`, { assignee_id: self.account_id });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.assignee_id, self.account_id);
  const replied = await officer.post(`/api/complaints/${id}/reply`, { reply: '经调查核实,情况属实,已对窗口人员批评教育', upheld: true });
  assert.equal(replied.status, 200, replied.text);
  assert.match(replied.body.close_due_day, /^\d{4}-\d{2}-\d{2}$/, '回访归档 falls due in working days');
});
