// 劳动关系 over real HTTP (issue 12, item 3; policy annex 一(三): 用工单位统计调查,
// 劳动争议预防和调解, 矛盾隐患排查, 协助监督检查; docs/api/labour.md): the street
// worker of 东华门街道 receives a mediation case against a registered employer,
// records a session and closes it as agreed; a case received more than fifteen
// days ago is overdue (劳动争议调解仲裁法 第十四条) and may end as agreed only
// with both parties' consent to extend; a high-risk hazard unattended for more
// than seven days is flagged until followed up, then referred to labour
// inspection; the year's 用工调查 of an employer moves the progress. Bad
// input is refused with a field and changes nothing; lists carry masked
// persons only; another street's records are 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, sharedTotpSession, signIn } from './client.mjs';

const POWER = '北京演示电力工程有限公司';
const CENTRE = '东华门街道社区服务中心(演示)';
const WORKER_ID = nthResidentId('110101', 7301);
const WORKER_PHONE = '13911112222';
const LATE_ID = nthResidentId('110101', 7302);
const LATE_PHONE = '13911113333';

let server;
let jd;

// Beijing days: today and n days before.
const day = (n = 0) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

// No full ID number and no mobile number anywhere in an answer (a created_at
// in epoch ms has 13 digits and is not matched).
function assertNoPersons(text, label) {
  assert.ok(!/(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/.test(text), `${label}: no full ID number`);
  assert.ok(!/(?<!\d)1[3-9]\d{9}(?!\d)/.test(text), `${label}: no full mobile number`);
}

function assertRefused(res, status, field, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.error.field, field, res.text);
  if (code) assert.equal(res.body.error.code, code);
  assert.match(res.body.error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
}

// Moves a record to 新街口街道 (西城区, 110102003), outside 东城区: the API cannot
// make one there (no demo worker of that street), so the test database is
// written directly, as the matrix's fixtures do.
function moveToXinjiekou(table, id) {
  const db = `${server.dataDir}/yichuang.db`;
  const sql = `.timeout 5000\nUPDATE ${table} SET unit_code = '110102003', unit_path = (SELECT path FROM org_unit WHERE code = '110102003') WHERE id = ${id};`;
  const out = spawnSync('sqlite3', [db], { input: sql, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
}

before(async () => {
  server = await startServer({ seed: true });
  jd = await signIn(server.url, 'jdworker');
});
after(async () => { await server?.stop(); });

test('劳动争议调解_Annex1_3: received against a registered employer, one session, closed as agreed; the worker is masked and revealed with an audit entry', async () => {
  const employers = await jd.get('/api/employers');
  assert.equal(employers.status, 200, employers.text);
  const power = employers.body.items.find((e) => e.name === POWER);
  assert.ok(power && employers.body.items.some((e) => e.name === CENTRE), 'the demo employers of 东华门街道');
  assert.equal(power.unit_code, '110101001');

  const mediators = await jd.get('/api/labour/mediators');
  assert.equal(mediators.status, 200, mediators.text);
  assert.ok(mediators.body.items.some((m) => m.self), 'the caller may mediate');
  assert.ok(mediators.body.items.every((m) => m.name.includes('*')), 'mediator names masked');

  const before = (await jd.get('/api/labour/mediations')).body.items.length;
  const base = {
    worker_id_number: WORKER_ID, worker_name: '许建军', worker_phone: WORKER_PHONE, employer_id: power.id,
    claim_kind: 'wages', claim: '申请人 2026 年 8 月至 10 月工资共 18600 元未发放，请求支付', claim_amount_fen: 1860000,
  };
  // Bad input: a field, a stable code, a Chinese message; nothing is registered.
  assertRefused(await jd.post('/api/labour/mediations', { ...base, worker_id_number: '110101199001011234' }),
    400, 'worker_id_number', 'INVALID_ARGUMENT');
  assertRefused(await jd.post('/api/labour/mediations', { ...base, worker_phone: '' }), 400, 'worker_phone');
  assertRefused(await jd.post('/api/labour/mediations', { ...base, claim_kind: 'bonus' }), 400, 'claim_kind');
  assertRefused(await jd.post('/api/labour/mediations', { ...base, received_day: day(-1) }), 400, 'received_day');
  assertRefused(await jd.post('/api/labour/mediations', { ...base, employer_id: 999999 }), 404, 'employer_id', 'NOT_FOUND');
  assert.equal((await jd.get('/api/labour/mediations')).body.items.length, before, 'nothing registered');

  const made = await jd.post('/api/labour/mediations', base);
  assert.equal(made.status, 201, made.text);
  const m = made.body;
  assert.match(m.case_no, /^TJ\d{8}-\d{4}$/);
  assert.equal(m.case_no.slice(2, 10), day().replaceAll('-', ''));
  assert.equal(m.unit_code, '110101001', 'the employer\'s street mediates');
  assert.equal(m.employer_name, POWER);
  assert.equal(m.received_day, day());
  assert.equal(m.due_day, plusDays(day(), 15), '第十四条: fifteen days from receipt');
  assert.equal(m.state, 'open');
  assert.match(m.state_name, /[\u4e00-\u9fff]/);
  assert.equal(m.overdue, false);
  assert.equal(m.claim, base.claim);
  assert.ok(m.worker_name.includes('*') && m.worker_name !== '许建军');
  assertNoPersons(made.text, 'the created case');

  const list = await jd.get('/api/labour/mediations?state=open');
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.items.some((x) => x.id === m.id));
  assert.ok(!list.text.includes('许建军') && !list.text.includes(WORKER_ID) && !list.text.includes(WORKER_PHONE));
  assertNoPersons(list.text, 'the list');

  // A session, then the agreement.
  assertRefused(await jd.post(`/api/labour/mediations/${m.id}/sessions`, { attendees: '双方', result: 'maybe' }), 400, 'result');
  const session = await jd.post(`/api/labour/mediations/${m.id}/sessions`,
    { attendees: '申请人许某、单位人事经理李某', notes: '单位承认欠薪，提出分两期支付', result: 'progress' });
  assert.equal(session.status, 201, session.text);
  assert.equal(session.body.session_count, 1);
  assert.match(session.body.sessions[0].result_name, /^有进展/);
  assert.equal(session.body.sessions[0].notes, '单位承认欠薪，提出分两期支付');
  const agreed = await jd.post(`/api/labour/mediations/${m.id}/outcome`, {
    outcome: 'agreed', agreement: '单位于 12 月 10 日前一次性支付欠发工资 18600 元', agreed_amount_fen: 1860000,
    performance_due_day: plusDays(day(), 13),
  });
  assert.equal(agreed.status, 200, agreed.text);
  assert.equal(agreed.body.state, 'agreed');
  assert.equal(agreed.body.late, false);
  assert.equal(agreed.body.closed_day, day());
  assert.equal(agreed.body.agreement, '单位于 12 月 10 日前一次性支付欠发工资 18600 元');
  // One outcome, no more sessions.
  assert.equal((await jd.post(`/api/labour/mediations/${m.id}/outcome`, { outcome: 'failed' })).status, 409);
  assert.equal((await jd.post(`/api/labour/mediations/${m.id}/sessions`, { attendees: '双方', result: 'progress' })).status, 409);

  // The worker in full, once asked for, with an audit entry.
  const who = await jd.post(`/api/labour/mediations/${m.id}/worker`);
  assert.equal(who.status, 200, who.text);
  assert.deepEqual(who.body, { name: '许建军', id_number: WORKER_ID, phone: WORKER_PHONE });
  const auditor = await sharedTotpSession(server.url, 'auditor');
  const audit = await auditor.get(`/api/audit?action=labour.mediation.worker.reveal&object_id=${m.id}`);
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.body.items.length, 1, audit.text);

  // The community worker's scope is 东华门第一社区: the street's case is not found.
  const sq = await signIn(server.url, 'sqworker');
  const hidden = await sq.get(`/api/labour/mediations/${m.id}`);
  assertRefused(hidden, 404, 'id', 'NOT_FOUND');
  assert.equal((await sq.post(`/api/labour/mediations/${m.id}/worker`)).status, 404);
});

test('劳动争议调解_Annex1_3: a case received more than fifteen days ago is overdue; agreed only when extended, else failed (第十四条)', async () => {
  const power = (await jd.get('/api/employers?q=电力')).body.items[0];
  const received = day(20);
  const made = await jd.post('/api/labour/mediations', {
    worker_id_number: LATE_ID, worker_name: '马丽', worker_phone: LATE_PHONE, employer_id: power.id,
    claim_kind: 'dismissal', claim: '单位违法解除劳动合同，请求支付赔偿金', received_day: received,
  });
  assert.equal(made.status, 201, made.text);
  const m = made.body;
  assert.equal(m.received_day, received);
  assert.equal(m.due_day, plusDays(received, 15));
  assert.equal(m.overdue, true, 'open after its due day');
  const overdue = await jd.get('/api/labour/mediations?overdue=1');
  assert.equal(overdue.status, 200);
  assert.ok(overdue.body.items.some((x) => x.id === m.id && x.overdue));
  assert.ok(overdue.body.items.every((x) => x.overdue), 'only overdue cases');
  assertNoPersons(overdue.text, 'the overdue list');

  // A session day before the receipt is refused.
  assertRefused(await jd.post(`/api/labour/mediations/${m.id}/sessions`,
    { day: day(21), attendees: '双方', result: 'deadlock' }), 400, 'day');
  // An agreement after the period needs both parties' consent to extend.
  const late = await jd.post(`/api/labour/mediations/${m.id}/outcome`, { outcome: 'agreed', agreement: '单位支付经济补偿 2 万元' });
  assertRefused(late, 422, 'extended', 'UNPROCESSABLE');
  assert.equal((await jd.get(`/api/labour/mediations/${m.id}`)).body.state, 'open', 'nothing changed');
  const failed = await jd.post(`/api/labour/mediations/${m.id}/outcome`, { outcome: 'failed' });
  assert.equal(failed.status, 200, failed.text);
  assert.equal(failed.body.state, 'failed');
  assert.equal(failed.body.overdue, false, 'a closed case is never overdue');
  assert.match(failed.body.outcome_note, /仲裁/);
  assert.ok(!(await jd.get('/api/labour/mediations?overdue=1')).body.items.some((x) => x.id === m.id));

  // With the consent, a late agreement is recorded as late.
  const again = await jd.post('/api/labour/mediations', {
    worker_id_number: LATE_ID, worker_name: '马丽', worker_phone: LATE_PHONE, employer_name: '东城某餐饮店',
    claim_kind: 'wages', claim: '拖欠两个月工资，请求支付', received_day: day(16),
  });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.body.overdue, true);
  assert.equal(again.body.employer_id, null);
  const extended = await jd.post(`/api/labour/mediations/${again.body.id}/outcome`,
    { outcome: 'agreed', agreement: '双方同意延长调解，单位分两期支付', extended: true });
  assert.equal(extended.status, 200, extended.text);
  assert.equal(extended.body.late, true);
});

test('矛盾隐患排查_Annex1_3: a high-risk hazard unattended for more than seven days is flagged until followed up, then referred to labour inspection', async () => {
  const power = (await jd.get('/api/employers?q=电力')).body.items[0];
  const base = { employer_id: power.id, kind: 'wage_arrears', risk: 'high', description: '项目部 40 余名农民工反映 3 个月工资未发', people: 42 };
  assertRefused(await jd.post('/api/labour/hazards', { ...base, risk: 'severe' }), 400, 'risk');
  assertRefused(await jd.post('/api/labour/hazards', { ...base, description: '欠薪' }), 400, 'description');
  assertRefused(await jd.post('/api/labour/hazards', { ...base, found_day: day(-2) }), 400, 'found_day');
  assert.equal((await jd.get('/api/labour/hazards')).body.items.length, 0, 'nothing registered');

  const made = await jd.post('/api/labour/hazards', { ...base, found_day: day(10) });
  assert.equal(made.status, 201, made.text);
  const h = made.body;
  assert.equal(h.unit_code, '110101001');
  assert.equal(h.risk_name, '高');
  assert.equal(h.followup_overdue, true, 'found ten days ago, never followed up');
  const flagged = await jd.get('/api/labour/hazards?flagged=1');
  assert.ok(flagged.body.items.some((x) => x.id === h.id));
  // A low-risk one of the same age is not flagged.
  const low = await jd.post('/api/labour/hazards', { ...base, risk: 'low', found_day: day(10), description: '个别职工对加班费计算有疑问' });
  assert.equal(low.status, 201, low.text);
  assert.equal(low.body.followup_overdue, false);

  assertRefused(await jd.post(`/api/labour/hazards/${h.id}/followups`, { day: day(11), note: '约谈项目经理' }), 400, 'day');
  const followed = await jd.post(`/api/labour/hazards/${h.id}/followups`,
    { note: '约谈项目负责人，承诺本周内发放一个月工资', next_followup_day: plusDays(day(), 3) });
  assert.equal(followed.status, 201, followed.text);
  assert.equal(followed.body.last_followup_day, day());
  assert.equal(followed.body.followup_overdue, false);
  assert.equal(followed.body.followups.length, 1);
  assert.ok(!(await jd.get('/api/labour/hazards?flagged=1')).body.items.some((x) => x.id === h.id));

  // Referred to labour inspection: one under way at a time.
  assertRefused(await jd.post('/api/labour/referrals', { source_kind: 'hazard', source_id: h.id, reason: '' }), 400, 'reason');
  const referred = await jd.post('/api/labour/referrals',
    { source_kind: 'hazard', source_id: h.id, reason: '承诺期满仍未足额支付，涉嫌拖欠劳动报酬' });
  assert.equal(referred.status, 201, referred.text);
  assert.equal(referred.body.state, 'sent');
  assert.equal(referred.body.unit_code, '110101001');
  assert.match(referred.body.source_ref, new RegExp(POWER));
  const twice = await jd.post('/api/labour/referrals', { source_kind: 'hazard', source_id: h.id, reason: '再次移送' });
  assertRefused(twice, 409, twice.body?.error?.field, 'CONFLICT');
  const shown = await jd.get(`/api/labour/hazards/${h.id}`);
  assert.equal(shown.body.referral.id, referred.body.id);
  assert.equal(shown.body.referral.state_name, referred.body.state_name);
  assert.equal((await jd.get('/api/labour/hazards')).body.items.find((x) => x.id === h.id).referral.state, 'sent');
  const ack = await jd.post(`/api/labour/referrals/${referred.body.id}/acknowledge`, { inspection_ref: '东劳监受〔2026〕118号' });
  assert.equal(ack.status, 200, ack.text);
  assert.equal(ack.body.state, 'acknowledged');
  assert.equal((await jd.post(`/api/labour/referrals/${referred.body.id}/acknowledge`, {})).status, 409);
  const closed = await jd.post(`/api/labour/referrals/${referred.body.id}/close`, { result: '责令限期支付，已全部发放' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.state, 'closed');
  const resolved = await jd.post(`/api/labour/hazards/${h.id}/resolve`, { result: '工资已全部发放，职工情绪稳定' });
  assert.equal(resolved.status, 200, resolved.text);
  assert.equal(resolved.body.state, 'resolved');
  assert.equal((await jd.post(`/api/labour/hazards/${h.id}/followups`, { note: '回访' })).status, 409);

  // Another street's hazard (新街口街道, 西城区) is not found, nor referable.
  moveToXinjiekou('labour_hazard', low.body.id);
  assertRefused(await jd.get(`/api/labour/hazards/${low.body.id}`), 404, 'id', 'NOT_FOUND');
  assert.equal((await jd.post(`/api/labour/hazards/${low.body.id}/followups`, { note: '电话回访' })).status, 404);
  assert.equal((await jd.post('/api/labour/referrals', { source_kind: 'hazard', source_id: low.body.id, reason: '涉嫌违法' })).status, 404);
  assert.ok(!(await jd.get('/api/labour/hazards')).body.items.some((x) => x.id === low.body.id));
});

test('用工单位统计调查_Annex1_3: the year\'s form of an employer moves the progress; one per year; checks with a field; edits by version', async () => {
  const year = Number(day().slice(0, 4));
  const before = await jd.get(`/api/labour/surveys?year=${year}`);
  assert.equal(before.status, 200, before.text);
  assert.equal(before.body.total, 2);
  assert.equal(before.body.surveyed, 0);
  const centre = before.body.items.find((l) => l.employer.name === CENTRE).employer;

  const form = {
    employer_id: centre.id, year, employees: 30, local_employees: 26, nonlocal_employees: 4, contracts: 30, hired: 3,
    left_count: 1, vacancies: 2, wage_arrears: false, insured: 30, needs: '希望街道提供公益性岗位政策辅导',
  };
  assertRefused(await jd.post('/api/labour/surveys', { ...form, local_employees: 20 }), 400, 'local_employees');
  assertRefused(await jd.post('/api/labour/surveys', { ...form, insured: 31 }), 400, 'insured');
  assertRefused(await jd.post('/api/labour/surveys', { ...form, employees: -1 }), 400, 'employees');
  assertRefused(await jd.post('/api/labour/surveys', { ...form, year: year + 1 }), 400, 'year');
  assert.equal((await jd.get(`/api/labour/surveys?year=${year}`)).body.surveyed, 0, 'nothing saved');

  const made = await jd.post('/api/labour/surveys', form);
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.employer.id, centre.id);
  assert.ok(made.body.submitted_by_name.includes('*'));
  const after = await jd.get(`/api/labour/surveys?year=${year}`);
  assert.equal(after.body.surveyed, 1, 'the progress moved');
  assert.equal(after.body.items.find((l) => l.employer.id === centre.id).survey.id, made.body.id);
  const missing = await jd.get(`/api/labour/surveys?year=${year}&missing=1`);
  assert.deepEqual(missing.body.items.map((l) => l.employer.name), [POWER]);
  assert.equal(missing.body.total, 2);
  const twice = await jd.post('/api/labour/surveys', form);
  assertRefused(twice, 409, 'year', 'CONFLICT');

  const edited = await jd.put(`/api/labour/surveys/${made.body.id}`, { ...form, vacancies: 5, version: made.body.version });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.vacancies, 5);
  const stale = await jd.put(`/api/labour/surveys/${made.body.id}`, { ...form, vacancies: 6, version: made.body.version });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.body.error.code, 'VERSION_CONFLICT');
  assert.equal((await jd.get(`/api/labour/surveys/${made.body.id}`)).body.vacancies, 5);

  // The community worker sees no employer of the street; the street's form is not found.
  const sq = await signIn(server.url, 'sqworker');
  const theirs = await sq.get(`/api/labour/surveys?year=${year}`);
  assert.equal(theirs.body.total, 0);
  assert.equal((await sq.get(`/api/labour/surveys/${made.body.id}`)).status, 404);
  assertRefused(await sq.post('/api/labour/surveys', { ...form, employer_id: centre.id + 0, year: year - 1 }), 404, 'employer_id');
  // Another street's form is not found.
  moveToXinjiekou('labour_survey', made.body.id);
  assert.equal((await jd.get(`/api/labour/surveys/${made.body.id}`)).status, 404);
});
