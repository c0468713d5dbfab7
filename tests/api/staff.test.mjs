// Staff, posts and compliance over real HTTP (issue 9; docs/api/staff.md):
// the seeded demo roster, assignments refused by the rules of 三(七)(九) and
// 四(四) with their reasons and nothing changed, the compliance view showing
// the demo's violations, capacity from real tickets, and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/lib/server.mjs';
import { finishedCase, signIn, signInWithTotp } from './client.mjs';

let server;
let hallmgr;
let people;

const byLogin = (login) => people.find((p) => p.login === login);

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

  const officer = await signInWithTotp(server.url, 'dcadmin');
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
