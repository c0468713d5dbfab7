// Online application over HTTP (网上办, issue 11 item 3; policy 三(六);
// docs/api/citizen.md "Online application"): the form, uploads checked by
// content and size, CSRF, a submission that lands in the hall's 网上申报待预审
// queue, the applicant's view (no staff names), the one-time notice answered
// online, and the result paper once delivered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from '../e2e/lib/server.mjs';
import { signIn, signInCitizen, sharedTotpSession } from './client.mjs';

let server;
let zhang, li, clerk, reviewer, approver;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('photo of an id card')]);
const PDF = Buffer.from('%PDF-1.4\n% an application form\n');

// A demo citizen's portal session; calls that can also read a PDF back raw
// and send another CSRF token.
async function citizen(url, account) {
  const { cookie, csrf } = await signInCitizen(url, account);
  const call = async (method, path, { json, bytes, type, csrfToken = csrf } = {}) => {
    const headers = { cookie };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
    let body;
    if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
    if (bytes !== undefined) { headers['Content-Type'] = type; body = bytes; }
    const r = await fetch(url + path, { method, headers, body });
    const text = (r.headers.get('content-type') ?? '').includes('json') ? await r.text() : null;
    return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : null, raw: text === null ? Buffer.from(await r.arrayBuffer()) : null };
  };
  return { call, upload: (bytes, type) => call('POST', '/api/citizen/uploads', { bytes, type }) };
}

before(async () => {
  // No random 复核 draw: the chain is exactly 初审 → 审批.
  server = await startServer({ seed: true, env: { YICHUANG_CITIZEN_DEMO_ACCOUNTS: 'true', YICHUANG_CASES_RECHECK_SAMPLE_PERCENT: '0' } });
  [zhang, li] = await Promise.all([citizen(server.url, 'zhangmin'), citizen(server.url, 'lijianguo')]);
  [clerk, reviewer] = await Promise.all([signIn(server.url, 'clerk'), signIn(server.url, 'reviewer')]);
  approver = await sharedTotpSession(server.url, 'approver');
});
after(async () => { await server?.stop(); });

test('the form of an item offered online, and none for a window-only item (三(六))', async () => {
  const f = await zhang.call('GET', '/api/citizen/apply/BJ-JYCY-007');
  assert.equal(f.status, 200);
  assert.equal(f.body.item.name, '就业困难人员认定');
  assert.deepEqual(f.body.item.delivery.map((d) => d.code), ['window', 'online']);
  assert.equal(f.body.materials.length, 5);
  assert.ok(f.body.sites.some((s) => s.name && s.kind === 'hall'));
  assert.equal(f.body.applicant.name, '张*');
  assert.ok(!JSON.stringify(f.body).includes('110101199003071233'), 'the ID number only masked');
  assert.ok(f.body.declaration.includes('承诺'));
  const windowOnly = await zhang.call('GET', '/api/citizen/apply/BJ-JYCY-006');
  assert.equal(windowOnly.status, 422);
  assert.equal(windowOnly.body.error.field, 'item_code');
  assert.equal((await zhang.call('GET', '/api/citizen/apply/BJ-NOPE-999')).status, 404);
  // A staff session is not a citizen's.
  assert.equal((await clerk.get('/api/citizen/apply/BJ-JYCY-007')).status, 401);
});

test('uploads are checked by content, size and CSRF', async () => {
  const gif = await zhang.upload(Buffer.from('GIF89a.....'), 'image/jpeg');
  assert.equal(gif.status, 415);
  assert.equal(gif.body.error.field, 'file');
  const lying = await zhang.upload(JPEG, 'application/pdf');
  assert.equal(lying.status, 415);
  const big = await zhang.upload(Buffer.concat([JPEG, Buffer.alloc(4 * 1024 * 1024 + 16)]), 'image/jpeg');
  assert.equal(big.status, 413);
  const noCsrf = await zhang.call('POST', '/api/citizen/uploads', { bytes: JPEG, type: 'image/jpeg', csrfToken: 'x' });
  assert.equal(noCsrf.status, 403);
  const ok = await zhang.upload(JPEG, 'image/jpeg');
  assert.equal(ok.status, 201);
  assert.equal(ok.body.content_type, 'image/jpeg');
  // Only its owner may remove it.
  assert.equal((await li.call('DELETE', `/api/citizen/uploads/${ok.body.id}`)).status, 404);
  assert.equal((await zhang.call('DELETE', `/api/citizen/uploads/${ok.body.id}`)).status, 204);
  assert.equal((await zhang.call('DELETE', `/api/citizen/uploads/${ok.body.id}`)).status, 404);
});

test('an online application lands in the hall, is corrected online and its result is downloaded (三(六))', async () => {
  const form = (await zhang.call('GET', '/api/citizen/apply/BJ-JYCY-007')).body;
  const hall = form.sites.find((s) => s.kind === 'hall' && s.unit_name === '东华门街道');
  assert.ok(hall, JSON.stringify(form.sites.map((s) => s.unit_name)));
  const idCard = (await zhang.upload(JPEG, 'image/jpeg')).body.id;
  const appForm = (await zhang.upload(PDF, 'application/pdf')).body.id;
  const body = {
    item_code: 'BJ-JYCY-007', site_id: hall.id, phone: '13900002222', delivery: 'online', declaration: true,
    note: '网上申请', materials: [{ idx: 0, uploads: [idCard] }, { idx: 2, uploads: [appForm] }],
  };
  // Bad input names the field and changes nothing.
  const noPromise = await zhang.call('POST', '/api/citizen/applications', { json: { ...body, declaration: false } });
  assert.equal(noPromise.status, 400);
  assert.equal(noPromise.body.error.field, 'declaration');
  const noForm = await zhang.call('POST', '/api/citizen/applications', { json: { ...body, materials: [body.materials[0]] } });
  assert.equal(noForm.status, 422);
  assert.equal(noForm.body.error.field, 'materials[2]');
  const stolen = await li.call('POST', '/api/citizen/applications', { json: body });
  assert.equal(stolen.status, 404);

  const sent = await zhang.call('POST', '/api/citizen/applications', { json: body });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  const caseNo = sent.body.case_no;
  assert.equal(sent.body.status, 'intake');
  assert.equal(sent.body.channel, 'online');
  assert.equal(sent.body.delivery.method, 'online');
  assert.equal(sent.body.site_name, hall.name);
  // A retried submission names the same uploads: no second case.
  const again = await zhang.call('POST', '/api/citizen/applications', { json: body });
  assert.equal(again.status, 409);
  assert.equal((await li.call('GET', `/api/citizen/cases/${caseNo}`)).status, 404);

  // The hall's 网上申报待预审 queue has it, not yet taken.
  const queue = await clerk.get('/api/cases?status=intake&channel=online');
  const listed = queue.body.items.find((c) => c.case_no === caseNo);
  assert.ok(listed, 'listed for 预审');
  assert.equal(listed.intake_by, null);
  const staffView = (await clerk.get(`/api/cases/${listed.id}`)).body;
  assert.equal(staffView.online.delivery, 'online');
  assert.equal(staffView.files.length, 2);
  assert.ok(staffView.files.every((f) => f.by_applicant));
  const scan = await fetch(`${server.url}/api/cases/${listed.id}/files/${staffView.files[0].id}`, { headers: { cookie: clerk.cookie } });
  assert.deepEqual(Buffer.from(await scan.arrayBuffer()), JPEG);
  assert.equal((await clerk.get('/api/cases?channel=fax')).status, 400);

  // 预审: the application form is defective; the notice reaches the citizen online.
  const judge = (idx, state, extra = {}) => clerk.put(`/api/cases/${listed.id}/materials/${idx}`, { state, ...extra });
  assert.equal((await judge(0, 'received', { form: 'electronic' })).status, 200);
  assert.equal((await judge(2, 'defective', { reason: '缺少本人签名' })).status, 200);
  const notice = await clerk.post(`/api/cases/${listed.id}/notice`, { note: '请签名后重新上传' },
    { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  assert.equal(notice.status, 201, notice.text);
  const told = (await zhang.call('GET', `/api/citizen/cases/${caseNo}`)).body;
  assert.equal(told.status, 'notified');
  assert.equal(told.correction.kind, 'notice');
  assert.deepEqual(told.correction.materials.map((m) => [m.idx, m.reason]), [[2, '缺少本人签名']]);
  assert.ok(told.steps.every((s) => !('actor_login' in s)), 'no staff names for the citizen');
  // The papers of the window, online: the notice now, the receipt once accepted.
  assert.deepEqual(told.papers.map((p) => p.kind), ['notice']);
  const noticePdf = await zhang.call('GET', told.papers[0].path);
  assert.equal(noticePdf.status, 200);
  assert.equal(noticePdf.raw.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await zhang.call('GET', `/api/citizen/cases/${caseNo}/receipt.pdf`)).status, 409);
  assert.equal((await li.call('GET', told.papers[0].path)).status, 404);
  const signed = (await zhang.upload(Buffer.concat([PDF, Buffer.from('signed')]), 'application/pdf')).body.id;
  const fixed = await zhang.call('POST', `/api/citizen/cases/${caseNo}/correction`,
    { json: { note: '已签名', materials: [{ idx: 2, uploads: [signed] }] } });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  assert.equal(fixed.body.status, 'intake');
  assert.equal(fixed.body.correction, null);

  // Accepted, reviewed and approved like a window case; delivered online.
  for (const m of (await clerk.get(`/api/cases/${listed.id}`)).body.materials) {
    if (m.state !== 'pending') continue;
    const r = await judge(m.idx, m.required ? 'received' : 'not_applicable', m.required ? { form: 'electronic' } : {});
    assert.equal(r.status, 200, r.text);
  }
  const accepted = await clerk.post(`/api/cases/${listed.id}/accept`, undefined);
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.body.intake_by, accepted.body.accepted_by);
  assert.equal((await zhang.call('GET', `/api/citizen/cases/${caseNo}/result.pdf`)).status, 409);
  assert.equal((await zhang.call('GET', `/api/citizen/cases/${caseNo}/receipt.pdf`)).status, 200);
  let c = accepted.body;
  for (const who of [reviewer, approver]) {
    const task = c.tasks.find((t) => t.state === 'open');
    const acted = await who.post(`/api/tasks/${task.id}/act`, { action: 'approve', opinion: '符合认定条件' });
    assert.equal(acted.status, 200, acted.text);
    c = acted.body;
  }
  assert.equal(c.status, 'ready');
  const out = await clerk.post(`/api/cases/${listed.id}/deliver`, { method: 'online' });
  assert.equal(out.status, 200, out.text);
  const mine = (await zhang.call('GET', `/api/citizen/cases/${caseNo}`)).body;
  assert.equal(mine.status, 'delivered');
  assert.deepEqual(mine.result, { available: true, outcome: 'approved', label: '准予办理', kind: 'decision' });
  assert.equal(mine.can_rate, true);
  assert.deepEqual(mine.papers.map((p) => p.kind), ['receipt', 'notice', 'result']);
  const paper = await zhang.call('GET', `/api/citizen/cases/${caseNo}/result.pdf`);
  assert.equal(paper.status, 200);
  assert.equal(paper.headers.get('content-type'), 'application/pdf');
  assert.equal(paper.raw.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await li.call('GET', `/api/citizen/cases/${caseNo}/result.pdf`)).status, 404);
  const news = (await zhang.call('GET', '/api/citizen/notifications')).body.items.map((n) => n.kind);
  for (const kind of ['case.submitted', 'case.notice', 'case.accepted', 'case.ready', 'case.delivered'])
    assert.ok(news.includes(kind), `${kind} in ${news}`);
});

test('a signed-in citizen books, changes and cancels their own appointment (issue 11 item 4)', async () => {
  const sites = (await (await fetch(`${server.url}/api/public/sites`)).json()).items;
  const hall = sites.find((s) => s.appointments && s.unit_name === '东华门街道');
  assert.ok(hall, 'the demo hall takes bookings');
  assert.equal(typeof hall.remote_tickets, 'boolean');
  const slots = await fetch(`${server.url}/api/hall/sites/${hall.id}/slots?group=employment&days=3`).then((r) => r.json());
  const open = slots.days.flatMap((d) => d.slots).filter((s) => s.left > 0);
  assert.ok(open.length >= 2, 'two free slots');
  // Name, ID number and phone come from the account (张敏 has a phone).
  const booked = await zhang.call('POST', '/api/citizen/appointments', { json: { site_id: hall.id, group: 'employment', slot_start: open[0].start } });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  assert.equal(booked.body.name_masked, '张*');
  assert.match(booked.body.code, /^\d{8}$/);
  const mine = (await zhang.call('GET', '/api/citizen/appointments')).body.items;
  assert.deepEqual(mine.map((a) => a.code), [booked.body.code]);
  assert.deepEqual((await li.call('GET', '/api/citizen/appointments')).body.items, []);
  // Only its holder changes or cancels it.
  assert.equal((await li.call('POST', `/api/citizen/appointments/${booked.body.code}/cancel`, { json: {} })).status, 404);
  const moved = await zhang.call('POST', `/api/citizen/appointments/${booked.body.code}/change`, { json: { slot_start: open[1].start } });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.slot_start, open[1].start);
  const gone = await zhang.call('POST', `/api/citizen/appointments/${booked.body.code}/cancel`, { json: {} });
  assert.equal(gone.status, 200);
  assert.equal(gone.body.state, 'cancelled');
  assert.equal((await zhang.call('POST', `/api/citizen/appointments/${booked.body.code}/cancel`, { json: {} })).status, 409);
});

test('a signed-in citizen files a complaint under their name and follows it in 我的投诉 (issue 11 item 4)', async () => {
  const filed = await zhang.call('POST', '/api/citizen/complaints', {
    json: { category: 'attitude', content: '网上申请后窗口三天没有预审,电话也无人接听', site_id: 1, anonymous: true } });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  assert.match(filed.body.complaint_no, /^TS\d{8}-\d{4}$/);
  assert.equal(filed.body.anonymous, false, 'signed in means named');
  assert.ok(filed.body.query_code);
  const mine = (await zhang.call('GET', '/api/citizen/complaints')).body.items;
  assert.deepEqual(mine.map((c) => c.complaint_no), [filed.body.complaint_no]);
  assert.ok(!('staff_name' in mine[0]) && !('assignee_name' in mine[0]), 'no staff names for the reporter');
  assert.deepEqual((await li.call('GET', '/api/citizen/complaints')).body.items, []);
  const bad = await zhang.call('POST', '/api/citizen/complaints', { json: { category: 'attitude', content: '太差', channel: 'kiosk' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'channel');
});
