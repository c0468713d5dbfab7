// 退休人员与工伤待遇人员社会化管理 over real HTTP (issue 12, item 4; policy 附件一(二),
// 附件二 社区协助, 三(七) high-risk posts; docs/api/retirees.md): the community
// worker of 东华门第一社区 registers a retiree and a work-injury beneficiary,
// records this year's contact and an activity with participants; a death
// report stops benefits only after 复核 by another formal staff member: the
// community worker (not 编制内) may not report, the street worker who reports
// may not recheck his own report, his colleague confirms it. Bad input is
// refused with a field and changes nothing; lists carry masked persons only;
// another community's or street's people are 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, residentId, sharedTotpSession, signIn } from './client.mjs';

const COMMUNITY = '110101001001';
const OTHER_COMMUNITY = '110101001002';
const RETIREE_ID = residentId('110101', '19560312', 121);  // a man born 1956
const RETIREE_PHONE = '13700001234';
const INJURED_ID = residentId('110101', '19700820', 242);

let server;
let sq;
let jd;
let jd2;

const day = (n = 0) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
// The first day of the month after `iso`.
function nextMonthFirst(iso) {
  const [y, m] = iso.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

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

async function addRetiree(client, n, extra = {}) {
  const res = await client.post('/api/retirees', {
    kind: 'retiree', unit_code: COMMUNITY, id_number: nthResidentId('110101', n), name: `退休${n}`,
    start_day: '2015-06-01', ...extra,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

before(async () => {
  server = await startServer({ seed: true });
  [sq, jd, jd2] = await Promise.all([signIn(server.url, 'sqworker'), signIn(server.url, 'jdworker'), signIn(server.url, 'jdworker2')]);
});
after(async () => { await server?.stop(); });

test('社会化退休人员管理_Annex1_2: the community worker registers a retiree, records this year\'s contact and reveals him with an audit entry', async () => {
  const base = {
    kind: 'retiree', unit_code: COMMUNITY, id_number: RETIREE_ID, name: '王德顺', phone: RETIREE_PHONE,
    address: '东城区东华门大街 12 号院 3 单元 201', start_day: '2016-04-01', former_employer: '北京第一机床厂',
  };
  assertRefused(await sq.post('/api/retirees', { ...base, id_number: '110101195603121210' }), 400, 'id_number', 'INVALID_ARGUMENT');
  assertRefused(await sq.post('/api/retirees', { ...base, unit_code: '110101001' }), 404, 'unit_code', 'NOT_FOUND');
  assertRefused(await jd.post('/api/retirees', { ...base, unit_code: '110101001' }), 400, 'unit_code');
  assertRefused(await sq.post('/api/retirees', { ...base, start_day: day(-1) }), 400, 'start_day');
  assertRefused(await sq.post('/api/retirees', { ...base, kind: 'pensioner' }), 400, 'kind');
  assertRefused(await sq.post('/api/retirees', { ...base, benefit_kind: 'nursing_care' }), 400, 'benefit_kind');
  assert.equal((await sq.get('/api/retirees')).body.items.length, 0, 'nothing registered');

  const made = await sq.post('/api/retirees', base);
  assert.equal(made.status, 201, made.text);
  const r = made.body;
  assert.equal(r.status, 'active');
  assert.equal(r.status_name, '正常');
  assert.equal(r.benefits_active, true);
  assert.equal(r.gender, 'M');
  assert.equal(r.birth_year, 1956);
  assert.equal(r.unit_name, '东华门第一社区(演示)');
  assert.equal(r.uncontacted_this_year, true);
  assert.ok(r.name.includes('*') && r.name !== '王德顺');
  assertNoPersons(made.text, 'the created entry');
  assertRefused(await sq.post('/api/retirees', base), 409, 'id_number', 'CONFLICT');

  // A work-injury beneficiary: 伤残津贴 only for levels 一至六.
  const injured = { kind: 'work_injury', unit_code: COMMUNITY, id_number: INJURED_ID, name: '李红梅', start_day: '2021-03-15',
    benefit_kind: 'disability_allowance', injury_level: 7 };
  assertRefused(await sq.post('/api/retirees', injured), 400, 'injury_level');
  const inj = await sq.post('/api/retirees', { ...injured, injury_level: 5 });
  assert.equal(inj.status, 201, inj.text);
  assert.equal(inj.body.benefit_kind_name, '伤残津贴');
  assert.equal(inj.body.gender, 'F');

  const list = await sq.get('/api/retirees?uncontacted=1');
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.items.some((x) => x.id === r.id));
  assert.ok(!list.text.includes('王德顺') && !list.text.includes(RETIREE_ID) && !list.text.includes(RETIREE_PHONE));
  assertNoPersons(list.text, 'the list');

  assertRefused(await sq.post(`/api/retirees/${r.id}/contacts`, { day: day(-1), method: 'visit' }), 400, 'day');
  assertRefused(await sq.post(`/api/retirees/${r.id}/contacts`, { day: day(), method: 'letter' }), 400, 'method');
  const contact = await sq.post(`/api/retirees/${r.id}/contacts`, { day: day(), method: 'visit', note: '身体健康，核对了联系电话' });
  assert.equal(contact.status, 201, contact.text);
  assert.equal(contact.body.last_contact_day, day());
  assert.equal(contact.body.uncontacted_this_year, false);
  assert.equal(contact.body.contacts[0].method_name, '上门');
  assert.equal(contact.body.contacts[0].note, '身体健康，核对了联系电话');
  assertNoPersons(contact.text, 'the detail');
  assert.ok(!(await sq.get('/api/retirees?uncontacted=1')).body.items.some((x) => x.id === r.id));

  const who = await sq.post(`/api/retirees/${r.id}/reveal`);
  assert.equal(who.status, 200, who.text);
  assert.deepEqual(who.body, { id_number: RETIREE_ID, name: '王德顺', phone: RETIREE_PHONE, address: base.address });
  const auditor = await sharedTotpSession(server.url, 'auditor');
  const audit = await auditor.get(`/api/audit?action=retiree.reveal&object_id=${r.id}`);
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.body.items.length, 1, audit.text);

  // Another community's people are not the community worker's; another street's no one's here.
  const elsewhere = await jd.post('/api/retirees', { ...base, unit_code: OTHER_COMMUNITY, id_number: nthResidentId('110101', 4401), name: '赵文' });
  assert.equal(elsewhere.status, 201, elsewhere.text);
  assertRefused(await sq.get(`/api/retirees/${elsewhere.body.id}`), 404, 'id', 'NOT_FOUND');
  assert.equal((await sq.post(`/api/retirees/${elsewhere.body.id}/contacts`, { day: day(), method: 'phone' })).status, 404);
  assertRefused(await sq.get(`/api/retirees?unit=${OTHER_COMMUNITY}`), 404, 'unit');
  const db = `${server.dataDir}/yichuang.db`;
  const out = spawnSync('sqlite3', [db], { encoding: 'utf8', input: `.timeout 5000\nUPDATE retiree SET unit_code = '110102003', `
    + `unit_path = (SELECT path FROM org_unit WHERE code = '110102003') WHERE id = ${elsewhere.body.id};` });
  assert.equal(out.status, 0, out.stderr);
  assertRefused(await jd.get(`/api/retirees/${elsewhere.body.id}`), 404, 'id', 'NOT_FOUND');
  assert.equal((await jd.post(`/api/retirees/${elsewhere.body.id}/reveal`)).status, 404);
});

test('社区协助_Annex2: an activity with participants of the community; one outside the scope is refused', async () => {
  const a = await addRetiree(sq, 5101);
  const b = await addRetiree(sq, 5102);
  const theirs = await addRetiree(jd, 5103, { unit_code: OTHER_COMMUNITY });
  const activity = { unit_code: COMMUNITY, kind: 'health', title: '秋冬季心脑血管健康讲座', day: day(), place: '社区活动室',
    content: '社区卫生服务站医生讲解高血压用药', participants: [a.id, b.id] };
  assertRefused(await sq.post('/api/retiree-activities', { ...activity, participants: [a.id, theirs.id] }), 400, 'participants');
  assertRefused(await sq.post('/api/retiree-activities', { ...activity, participants: 'all' }), 400, 'participants');
  assertRefused(await sq.post('/api/retiree-activities', { ...activity, title: '' }), 400, 'title');
  assertRefused(await sq.post('/api/retiree-activities', { ...activity, day: day(-1) }), 400, 'day');
  assert.equal((await sq.get('/api/retiree-activities')).body.items.length, 0, 'nothing recorded');

  const made = await sq.post('/api/retiree-activities', activity);
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.kind_name, '健康讲座');
  assert.equal(made.body.participant_count, 2);
  assert.deepEqual(made.body.participants.map((p) => p.id).sort((x, y) => x - y), [a.id, b.id].sort((x, y) => x - y));
  assertNoPersons(made.text, 'the activity');
  const list = await sq.get('/api/retiree-activities');
  assert.equal(list.body.items[0].id, made.body.id);
  const person = await sq.get(`/api/retirees/${a.id}`);
  assert.deepEqual(person.body.activities.map((x) => x.title), ['秋冬季心脑血管健康讲座']);
  // The street worker sees the community's activity.
  assert.equal((await jd.get(`/api/retiree-activities/${made.body.id}`)).status, 200);
});

test('三(七)_Annex1_2: a death report stops benefits only after 复核 by another formal staff member', async () => {
  const r = await addRetiree(sq, 6201, { name: '周桂兰' });
  const death = day(40);
  const report = { death_day: death, source: 'family', note: '家属来电告知' };

  // The community worker is not 编制内: refused, nothing changes.
  const bySq = await sq.post(`/api/retirees/${r.id}/death-report`, report);
  assertRefused(bySq, 422, 'formal_staff', 'UNPROCESSABLE');
  assert.match(bySq.body.error.message, /编制内/);
  let now = (await sq.get(`/api/retirees/${r.id}`)).body;
  assert.equal(now.status, 'active');
  assert.equal(now.death_reports.length, 0);

  assertRefused(await jd.post(`/api/retirees/${r.id}/death-report`, { ...report, death_day: day(-1) }), 400, 'death_day');
  assertRefused(await jd.post(`/api/retirees/${r.id}/death-report`, { ...report, source: 'rumour' }), 400, 'source');
  const reported = await jd.post(`/api/retirees/${r.id}/death-report`, report);
  assert.equal(reported.status, 201, reported.text);
  assert.equal(reported.body.status, 'death_reported');
  assert.equal(reported.body.status_name, '死亡待复核');
  assert.equal(reported.body.benefits_active, true, 'benefits keep going until the 复核');
  assert.equal(reported.body.death_reports[0].state, 'open');
  assert.equal(reported.body.death_reports[0].reported_by_self, true);
  assert.equal((await jd.post(`/api/retirees/${r.id}/death-report`, report)).status, 409, 'one open report');

  // The reporter may not recheck; the community worker holds no retiree.recheck.
  const own = await jd.post(`/api/retirees/${r.id}/death-report/recheck`, { decision: 'confirm' });
  assertRefused(own, 422, 'checked_by', 'UNPROCESSABLE');
  assert.match(own.body.error.message, /报告人不得复核/);
  assert.equal((await sq.post(`/api/retirees/${r.id}/death-report/recheck`, { decision: 'confirm' })).status, 403);
  assertRefused(await jd2.post(`/api/retirees/${r.id}/death-report/recheck`, { decision: 'maybe' }), 400, 'decision');
  now = (await jd.get(`/api/retirees/${r.id}`)).body;
  assert.equal(now.status, 'death_reported');
  assert.equal(now.benefits_active, true);

  const confirmed = await jd2.post(`/api/retirees/${r.id}/death-report/recheck`, { decision: 'confirm' });
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.body.status, 'deceased');
  assert.equal(confirmed.body.status_name, '已故');
  assert.equal(confirmed.body.benefits_active, false);
  assert.equal(confirmed.body.death_day, death);
  assert.equal(confirmed.body.benefit_stop_day, nextMonthFirst(death), 'paid for the month of death');
  assert.equal(confirmed.body.death_reports[0].state, 'confirmed');
  assert.equal(confirmed.body.death_reports[0].reported_by_self, false);
  assert.equal(confirmed.body.uncontacted_this_year, false, 'the deceased are not to be contacted');
  assert.equal((await jd2.post(`/api/retirees/${r.id}/death-report/recheck`, { decision: 'confirm' })).status, 409);
  assert.equal((await sq.post(`/api/retirees/${r.id}/contacts`, { day: day(), method: 'phone' })).status, 409);
  const deceased = await sq.get('/api/retirees?status=deceased');
  assert.deepEqual(deceased.body.items.map((x) => x.id), [r.id]);

  // A report found wrong is sent back: the person is active again.
  const alive = await addRetiree(sq, 6202);
  assert.equal((await jd2.post(`/api/retirees/${alive.id}/death-report`, { death_day: day(3), source: 'other' })).status, 201);
  assertRefused(await jd.post(`/api/retirees/${alive.id}/death-report/recheck`, { decision: 'reject', reason: '健在' }), 400, 'reason');
  const rejected = await jd.post(`/api/retirees/${alive.id}/death-report/recheck`, { decision: 'reject', reason: '经上门核实本人健在，系同名误报' });
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(rejected.body.status, 'active');
  assert.equal(rejected.body.benefits_active, true);
  assert.equal(rejected.body.death_reports[0].state, 'rejected');
});
