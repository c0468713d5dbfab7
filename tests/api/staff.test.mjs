// Staff, posts and compliance over real HTTP (issue 9; docs/api/staff.md):
// the seeded demo roster, assignments refused by the rules of 三(七)(九) and
// 四(四) with their reasons and nothing changed, the compliance view showing
// the demo's violations, capacity from real tickets, and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/lib/server.mjs';
import { finishedCase, sharedTotpSession, signIn } from './client.mjs';

let server;
let hallmgr;
let people;

const byLogin = (login) => people.find((p) => p.login === login);
const withTotp = (login) => sharedTotpSession(server.url, login);

before(async () => {
  server = await startServer({ seed: true });
  hallmgr = await signIn(server.url, 'hallmgr');
  const list = await hallmgr.get('/api/staff');
  assert.equal(list.status, 200, list.text);
  people = list.body.items;
});

after(async () => {
  await server?.stop();
});

test('the roster shows the demo staff with employment, posts and masked names', async () => {
  const clerk = byLogin('clerk');
  assert.equal(clerk.employment, 'assistant');
  assert.equal(clerk.employment_name, '协管员');
  assert.equal(clerk.formal, false);
  assert.deepEqual(clerk.posts.map((a) => a.post), ['intake']);
  assert.match(clerk.name, /\*/);
  const approver = byLogin('approver');
  assert.equal(approver.formal, true);
  assert.ok(approver.posts.some((a) => a.post === 'benefit_payment' && a.high_risk));
  const meta = await hallmgr.get('/api/staff/meta');
  assert.ok(meta.body.posts.find((p) => p.code === 'rate_setting').high_risk);
});

test('a 协管员 is refused 待遇发放 with the clause, and nothing is written (三(七) 高风险岗位)', async () => {
  const clerk = byLogin('clerk');
  const before = (await hallmgr.get(`/api/staff/${clerk.account_id}`)).body.history.length;
  const refused = await hallmgr.post(`/api/staff/${clerk.account_id}/assignments`, { post: 'benefit_payment', from: '2026-12-01' });
  assert.equal(refused.status, 422, refused.text);
  assert.equal(refused.body.error.code, 'UNPROCESSABLE');
  assert.equal(refused.body.error.field, 'post');
  assert.match(refused.body.error.message, /编制内/);
  assert.match(refused.body.error.message, /三\(七\)/);
  assert.equal((await hallmgr.get(`/api/staff/${clerk.account_id}`)).body.history.length, before);
});

test('incompatible posts are refused; a compatible one is granted and can be ended (三(七) 岗位不相容)', async () => {
  const reviewer = byLogin('reviewer');
  const refused = await hallmgr.post(`/api/staff/${reviewer.account_id}/assignments`, { post: 'second_review', from: '2026-12-01' });
  assert.equal(refused.status, 422, refused.text);
  assert.match(refused.body.error.message, /不相容/);
  const granted = await hallmgr.post(`/api/staff/${reviewer.account_id}/assignments`,
    { post: 'archive', from: '2026-12-01', reason: '兼管档案' });
  assert.equal(granted.status, 201, granted.text);
  assert.equal(granted.body.post_name, '档案管理');
  const ended = await hallmgr.post(`/api/staff/assignments/${granted.body.id}/end`, { to: '2026-12-31' });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.body.to, '2026-12-31');
  const again = await hallmgr.post(`/api/staff/assignments/${granted.body.id}/end`, { to: '2026-12-31' });
  assert.equal(again.status, 409);
  // The internal-control post is full-time (四(四)).
  const internal = await hallmgr.post(`/api/staff/${reviewer.account_id}/assignments`, { post: 'internal_control', from: '2026-12-01' });
  assert.equal(internal.status, 422);
  assert.match(internal.body.error.message, /四\(四\)/);
});

test('nobody takes a new post without pre-post training on record (三(九) 培训合格后上岗)', async () => {
  const reviewer2 = byLogin('reviewer2');
  assert.equal(reviewer2.pre_post_passed, false);
  assert.ok(reviewer2.warnings.some((w) => w.rule === 'pre_post_training'));
  const untrained = await hallmgr.post(`/api/staff/${reviewer2.account_id}/assignments`, { post: 'archive', from: '2026-12-01' });
  assert.equal(untrained.status, 422);
  assert.match(untrained.body.error.message, /岗前培训/);
  const trained = await hallmgr.post(`/api/staff/${reviewer2.account_id}/training`,
    { course: '岗前培训', kind: 'pre_post', day: '2026-11-20', days: 2, passed: true });
  assert.equal(trained.status, 201, trained.text);
  const ok = await hallmgr.post(`/api/staff/${reviewer2.account_id}/assignments`, { post: 'archive', from: '2026-12-01' });
  assert.equal(ok.status, 201, ok.text);
  // The profile changes only with the version it was read at.
  const stale = await hallmgr.put(`/api/staff/${reviewer2.account_id}`, { employment: 'institution', version: reviewer2.version - 1 });
  assert.equal(stale.status, 409);
  const fresh = await hallmgr.put(`/api/staff/${reviewer2.account_id}`,
    { employment: 'institution', version: reviewer2.version, categories: ['employment'], site_id: reviewer2.site_id });
  assert.equal(fresh.status, 200, fresh.text);
  assert.deepEqual(fresh.body.categories, ['employment']);
});

test('the compliance view shows the demo violations, each with its clause', async () => {
  const c = await hallmgr.get('/api/staff/compliance');
  assert.equal(c.status, 200, c.text);
  const rules = new Set([...c.body.sites.flatMap((s) => s.violations), ...c.body.people.flatMap((p) => p.violations)].map((v) => v.rule));
  for (const rule of ['window_staffing', 'training_days', 'rotation_over']) assert.ok(rules.has(rule), `${rule} in ${[...rules]}`);
  const hall = c.body.sites.find((s) => s.violations.some((v) => v.rule === 'window_staffing'));
  assert.ok(hall.windows > 0);
  assert.ok(hall.ratio < 1.2);
  assert.ok(c.body.totals.violations >= 3);
  for (const v of c.body.people.flatMap((p) => p.violations)) assert.match(v.clause, /^[三四]\(/);
});

test('capacity is computed from the day\'s real tickets (Erlang C)', async () => {
  const clerk = await signIn(server.url, 'clerk');
  const windows = await clerk.get('/api/hall/sites/1/windows');
  const windowId = windows.body.items.find((w) => w.number === 1).id;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  const kiosk = await fetch(`${server.url}/api/kiosk/tickets`, {
    method: 'POST',
    headers: { Authorization: 'Device yichuang-demo-kiosk-1', 'Content-Type': 'application/json' },
    body: JSON.stringify({ group: 'employment' }),
  });
  assert.equal(kiosk.status, 201);
  const cap = await hallmgr.get('/api/staff/capacity?site=1&target_share=0.8&target_wait_minutes=15');
  assert.equal(cap.status, 200, cap.text);
  assert.ok(cap.body.hours.length >= 1, JSON.stringify(cap.body));
  const h = cap.body.hours[0];
  assert.ok(h.arrivals >= 1);
  assert.ok(h.windows_needed >= 1);
  assert.ok(h.service_level >= 0.8, JSON.stringify(h));
  assert.equal(cap.body.target_wait_minutes, 15);
});

test('bad input is refused with the field and changes nothing; others see nothing', async () => {
  const clerk = byLogin('clerk');
  const bad = await hallmgr.put(`/api/staff/${clerk.account_id}`, { employment: 'volunteer', version: 1 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'employment');
  const day = await hallmgr.request('PUT', `/api/staff/${clerk.account_id}/attendance/2026-13-01`, { json: { status: 'on_post' } });
  assert.equal(day.status, 400);
  const status = await hallmgr.request('PUT', `/api/staff/${clerk.account_id}/attendance/2026-11-02`, { json: { status: 'sleeping' } });
  assert.equal(status.status, 400);
  assert.equal(status.body.error.field, 'status');
  const month = await hallmgr.get('/api/staff/compliance?month=2026-1');
  assert.equal(month.status, 400);
  const training = await hallmgr.post(`/api/staff/${clerk.account_id}/training`, { course: 'x', kind: 'annual', day: '2026-11-02', days: 0.25, passed: true });
  assert.equal(training.status, 400);
  assert.equal(training.body.error.field, 'days');
  const reviewer = await signIn(server.url, 'reviewer');
  assert.equal((await reviewer.get('/api/staff')).status, 403);
  const xc = people.find((p) => p.login === 'xcclerk');
  assert.equal(xc, undefined, 'staff of another street are not in the hall manager scope');
});

test('the internal-control post samples finished cases; a finding gets a working-day deadline and is closed once (四(四))', async () => {
  const finished = await finishedCase(await signIn(server.url, 'clerk'), 77);

  // The hall manager holds no internal-control post: refused, nothing created.
  const day = finished.accepted_day;
  const body = { unit: '110101001', from: day, to: day, sample_size: 5 };
  const refused = await hallmgr.post('/api/staff/internal-checks', body);
  assert.equal(refused.status, 403, refused.text);
  assert.match(refused.body.error.message, /内控岗位/);
  assert.equal((await hallmgr.get('/api/staff/internal-checks')).body.items.length, 0);

  const officer = await withTotp('dcadmin');
  const check = await officer.post('/api/staff/internal-checks', body);
  assert.equal(check.status, 201, check.text);
  assert.ok(check.body.items.some((i) => i.case_id === finished.id));
  const item = check.body.items.find((i) => i.case_id === finished.id);
  const noNote = await officer.post(`/api/staff/internal-checks/${check.body.id}/items/${item.id}`, { result: 'finding' });
  assert.equal(noNote.status, 400);
  assert.equal(noNote.body.error.field, 'note');
  const judged = await officer.post(`/api/staff/internal-checks/${check.body.id}/items/${item.id}`,
    { result: 'finding', note: '受理回执缺少经办人签名', due_days: 5 });
  assert.equal(judged.status, 200, judged.text);
  const finding = judged.body.finding_list[0];
  assert.equal(finding.case_no, item.case_no);
  assert.match(finding.due_day, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(finding.due_day > day, 'due after today, in working days');
  assert.equal((await officer.post(`/api/staff/internal-checks/${check.body.id}/items/${item.id}`, { result: 'ok' })).status, 409);

  // The responsible hall sees the check and closes the finding with its follow-up, once.
  const seen = await hallmgr.get(`/api/staff/internal-checks/${check.body.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.open_findings, 1);
  const closed = await hallmgr.post(`/api/staff/findings/${finding.id}/close`, { follow_up: '已补签并培训窗口人员' });
  assert.equal(closed.status, 200, closed.text);
  assert.ok(closed.body.closed_at > 0);
  assert.equal((await hallmgr.post(`/api/staff/findings/${finding.id}/close`, { follow_up: '再次' })).status, 409);
});

test('待遇发放复核 samples only payment items and judges each on four points (四(四) 内控)', async () => {
  const clerk = await signIn(server.url, 'clerk');
  const deciders = {
    review_first: await signIn(server.url, 'reviewer'),
    review_second: await signIn(server.url, 'reviewer2'),
    approve: await withTotp('approver'),
    recheck: await withTotp('rechecker'),
  };
  const payment = await finishedCase(clerk, 78, { item: 'BJ-SHBX-001', deciders });
  await finishedCase(clerk, 79);  // an immediate item: not a payment, never sampled
  const officer = await withTotp('dcadmin');
  const day = payment.accepted_day;
  const badKind = await officer.post('/api/staff/internal-checks', { unit: '110101001', from: day, to: day, kind: 'x' });
  assert.equal(badKind.status, 400);
  assert.equal(badKind.body.error.field, 'kind');
  const check = await officer.post('/api/staff/internal-checks',
    { unit: '110101001', from: day, to: day, sample_size: 50, kind: 'benefit_payment' });
  assert.equal(check.status, 201, check.text);
  assert.equal(check.body.kind, 'benefit_payment');
  assert.ok(check.body.items.length >= 1);
  assert.ok(check.body.items.every((i) => /申领|待遇|补贴|养老金|注销/.test(i.item_name)), 'payment items only');
  const item = check.body.items.find((i) => i.case_id === payment.id);
  assert.ok(item, 'the payment case is in the sample');
  // Who handled which step, from the case's history; four different people.
  assert.deepEqual(item.handlers.map((h) => h.step).slice(0, 2), ['受理', '初审']);
  assert.equal(item.separation_ok, true);
  const url = `/api/staff/internal-checks/${check.body.id}/items/${item.id}`;
  const noList = await officer.post(url, { result: 'ok' });
  assert.equal(noList.status, 400);
  assert.equal(noList.body.error.field, 'checklist');
  const contradicts = await officer.post(url,
    { result: 'ok', checklist: { eligibility: true, standard: false, account: true, approval: true } });
  assert.equal(contradicts.status, 400, 'a failed point cannot be judged 无问题');
  assert.equal(contradicts.body.error.field, 'checklist');
  const judged = await officer.post(url, {
    result: 'finding', note: '发放标准与缴费年限不符', due_days: 3,
    checklist: { eligibility: true, standard: false, account: true, approval: true },
  });
  assert.equal(judged.status, 200, judged.text);
  const after = judged.body.items.find((i) => i.id === item.id);
  assert.deepEqual(after.checklist, { eligibility: true, standard: false, account: true, approval: true });
  assert.equal(judged.body.finding_list.length, 1);
});

test('a training session: enrol, record results once, yearly totals rise (三(九))', async () => {
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const course = await hallmgr.post('/api/staff/courses', { title: '窗口服务规范', kind: 'annual', days: 2, pass_score: 70, unit: '110101001' });
  assert.equal(course.status, 201, course.text);
  const badCourse = await hallmgr.post('/api/staff/courses', { title: 'x', kind: 'annual', days: 40, unit: '110101001' });
  assert.equal(badCourse.status, 400);
  assert.equal(badCourse.body.error.field, 'days');
  const session = await hallmgr.post('/api/staff/training-sessions',
    { course_id: course.body.id, day: today, place: '东华门街道三楼会议室', capacity: 2, unit: '110101001' });
  assert.equal(session.status, 201, session.text);
  const sid = session.body.id;
  const clerk = byLogin('clerk');
  const reviewer = byLogin('reviewer');
  const rechecker = byLogin('rechecker');
  const enrolled = await hallmgr.post(`/api/staff/training-sessions/${sid}/enrolments`,
    { account_ids: [clerk.account_id, reviewer.account_id] });
  assert.equal(enrolled.status, 200, enrolled.text);
  assert.equal(enrolled.body.enrolled, 2);
  const full = await hallmgr.post(`/api/staff/training-sessions/${sid}/enrolments`, { account_ids: [rechecker.account_id] });
  assert.equal(full.status, 422);
  assert.match(full.body.error.message, /名额/);
  const before = (await hallmgr.get('/api/staff/training-totals')).body.items.find((t) => t.login === 'clerk');
  const missing = await hallmgr.post(`/api/staff/training-sessions/${sid}/results`,
    { results: [{ account_id: clerk.account_id, attended: true, score: 88 }] });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'results');
  const recorded = await hallmgr.post(`/api/staff/training-sessions/${sid}/results`, {
    results: [{ account_id: clerk.account_id, attended: true, score: 88 },
      { account_id: reviewer.account_id, attended: true, score: 52 }],
  });
  assert.equal(recorded.status, 200, recorded.text);
  assert.equal(recorded.body.status, 'recorded');
  const byId = Object.fromEntries(recorded.body.enrolments.map((e) => [e.login, e]));
  assert.equal(byId.clerk.passed, true);
  assert.equal(byId.reviewer.passed, false);
  assert.equal((await hallmgr.post(`/api/staff/training-sessions/${sid}/results`, {
    results: [{ account_id: clerk.account_id, attended: true, score: 88 },
      { account_id: reviewer.account_id, attended: true, score: 52 }],
  })).status, 409);
  const totals = await hallmgr.get('/api/staff/training-totals');
  assert.equal(totals.body.required_days, 5);
  const afterTotal = totals.body.items.find((t) => t.login === 'clerk');
  assert.equal(afterTotal.days, before.days + 2);
  assert.equal(afterTotal.sessions, before.sessions + 1);
  const detail = await hallmgr.get(`/api/staff/${clerk.account_id}`);
  assert.ok(detail.body.training.some((t) => t.session_id === sid && t.score === 88));
});

test('compliance drills down from the city to a street with a breadcrumb', async () => {
  const city = await withTotp('cityadmin');
  const top = await city.get('/api/staff/compliance');
  assert.equal(top.status, 200, top.text);
  assert.equal(top.body.unit.level, 1);
  const dongcheng = top.body.children.find((u) => u.unit_code === '110101');
  assert.ok(dongcheng && dongcheng.violations > 0, 'the demo violations show at the district');
  const district = await city.get('/api/staff/compliance?unit=110101');
  const street = district.body.children.find((u) => u.unit_code === '110101001');
  assert.ok(street.sites_with_violations >= 1);
  const down = await city.get('/api/staff/compliance?unit=110101001');
  assert.deepEqual(down.body.path.map((u) => u.code), ['110000', '110101', '110101001']);
  // The hall manager starts at the street and cannot look at another.
  const own = await hallmgr.get('/api/staff/compliance');
  assert.equal(own.body.unit.code, '110101001');
  assert.equal((await hallmgr.get('/api/staff/compliance?unit=110102')).status, 404);
});

test('the hall manager keeps a person\'s photo (三亮明); bad types and other streets are refused', async () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const clerk = byLogin('clerk');
  assert.equal(clerk.has_photo, false);
  const put = await hallmgr.request('PUT', `/api/staff/${clerk.account_id}/photo`, { bytes: png, type: 'image/png' });
  assert.equal(put.status, 204, put.text);
  const got = await hallmgr.get(`/api/staff/${clerk.account_id}/photo`);
  assert.equal(got.status, 200);
  assert.equal((await hallmgr.get(`/api/staff/${clerk.account_id}`)).body.has_photo, true);
  const text = await hallmgr.request('PUT', `/api/staff/${clerk.account_id}/photo`, { bytes: 'hello', type: 'text/plain' });
  assert.equal(text.status, 415);
  const city = await withTotp('cityadmin');
  const xc = (await city.get('/api/staff')).body.items.find((p) => p.login === 'xcclerk');
  assert.equal((await hallmgr.request('PUT', `/api/staff/${xc.account_id}/photo`, { bytes: png, type: 'image/png' })).status, 404);
  assert.equal((await hallmgr.request('DELETE', `/api/staff/${clerk.account_id}/photo`)).status, 204);
  assert.equal((await hallmgr.get(`/api/staff/${clerk.account_id}/photo`)).status, 404);
});
