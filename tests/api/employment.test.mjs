// 劳动力资源台账 and 就业服务 over real HTTP (issue 12, items 1-2; policy 附件一(一),
// 附件二; docs/api/employment.md): the community worker registers people of
// their own community only, with every bad field refused by name and nothing
// stored; lists are masked and the full contact opens only through the
// audited reveal; a follow-up visit moves the registry on (a stale version is
// refused); the street worker publishes a vacancy, matches and refers, and a
// hire fills the post; 公益性岗位 take 就业困难人员 only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/lib/server.mjs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { residentId, signIn } from './client.mjs';
import { rowOf } from './xlsx.mjs';

let server;
let community;  // sqworker, 东华门第一社区
let street;     // jdworker, 东华门街道

before(async () => {
  server = await startServer({ seed: true });
  community = await signIn(server.url, 'sqworker');
  street = await signIn(server.url, 'jdworker');
});
after(async () => { await server?.stop(); });

// No full resident ID number nor mobile number in a list (PIPL; masked lists).
const FULL_ID = /\d{17}[\dX]/;
const FULL_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

const person = (over = {}) => ({
  id_number: residentId('110101', '19910405', 11), name: '测试人员', phone: '13912345678',
  address: '北京市东城区东华门大街 8 号', unit_code: '110101001001', status: 'unemployed',
  skills: ['电工', '焊工'], needs: ['job'], desired_job: '电工', ...over,
});

test('the registry refuses bad fields by name, keeps people masked and opens the contact only through the audited reveal (附件二)', async () => {
  const count = async () => (await community.get('/api/residents')).body.items.length;
  const before_ = await count();
  for (const [over, status, field] of [
    [{ id_number: '110101199104050110' }, 400, 'id_number'],      // wrong check character
    [{ id_number: residentId('110101', '20120101', 1) }, 422, 'id_number'],  // a child
    [{ status: 'rich' }, 400, 'status'],
    [{ status: 'hardship' }, 400, 'hardship_category'],
    [{ status: 'hardship', hardship_category: 'age_4050' }, 422, 'hardship_category'],  // a man of 35
    [{ phone: '12345' }, 400, 'phone'],
    [{ needs: ['money'] }, 400, 'needs'],
    [{ skills: 'x' }, 400, 'skills'],
    [{ unit_code: '110101001002' }, 400, 'unit_code'],            // another community
  ]) {
    const r = await community.post('/api/residents', person(over));
    assert.equal(r.status, status, `${JSON.stringify(over)}: ${r.text}`);
    assert.equal(r.body.error.field, field, JSON.stringify(over));
    assert.match(r.body.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal(await count(), before_, 'nothing stored by a refused write');

  const made = await community.post('/api/residents', person());
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.name, '测***');  // 测试人员
  assert.match(made.body.id_number, /^110101\*{8}\d{3}[\dX]$/);
  assert.doesNotMatch(made.text, FULL_ID);
  assert.doesNotMatch(made.text, FULL_MOBILE);
  assert.equal(made.body.status_name, '失业登记');
  assert.equal((await community.post('/api/residents', person())).status, 409);

  const list = await community.get('/api/residents');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, FULL_ID);
  assert.doesNotMatch(list.text, FULL_MOBILE);
  // Found again by the ID number, sent in the body.
  const found = await street.post('/api/residents/find', { id_number: person().id_number });
  assert.equal(found.status, 200);
  assert.equal(found.body.id, made.body.id);
  const full = await community.post(`/api/residents/${made.body.id}/reveal`, {});
  assert.equal(full.status, 200);
  assert.equal(full.body.phone, '13912345678');
  assert.equal(full.body.id_number, person().id_number);
});

test('a follow-up visit moves the registry on; a stale version and bad fields are refused (附件二)', async () => {
  const made = await community.post('/api/residents', person({ id_number: residentId('110101', '19880212', 21) }));
  assert.equal(made.status, 201, made.text);
  const id = made.body.id;
  const visit = (over = {}) => ({ version: made.body.version, method: 'home', note: '入户走访, 已在快递公司灵活就业',
    status: 'flexible', needs: ['policy'], ...over });
  assert.equal((await community.post(`/api/residents/${id}/visits`, visit({ method: 'fax' }))).body.error.field, 'method');
  assert.equal((await community.post(`/api/residents/${id}/visits`, visit({ visit_day: '2099-01-01' }))).body.error.field, 'visit_day');
  assert.equal((await community.post(`/api/residents/${id}/visits`, visit({ note: '' }))).status, 400);
  const stale = await community.post(`/api/residents/${id}/visits`, visit({ version: made.body.version + 1 }));
  assert.equal(stale.status, 409);
  const done = await community.post(`/api/residents/${id}/visits`, visit());
  assert.equal(done.status, 201, done.text);
  assert.equal(done.body.status, 'flexible');
  assert.equal(done.body.visits.length, 1);
  assert.equal(done.body.visits[0].note, '入户走访, 已在快递公司灵活就业');
  assert.equal(done.body.visits[0].method_name, '入户走访');
  assert.equal(done.body.registered_day, '');
  // Quarterly for the flexible: about 90 days on.
  const days = (Date.parse(done.body.next_visit_day) - Date.parse(done.body.last_visit_day)) / 86400000;
  assert.equal(days, 90);

  // A person of the other community: the street sees them, this community does not.
  const other = await street.post('/api/residents', person({ id_number: residentId('110101', '19800101', 31), unit_code: '110101001002' }));
  assert.equal(other.status, 201, other.text);
  assert.equal((await community.get(`/api/residents/${other.body.id}`)).status, 404);
  assert.equal((await community.post(`/api/residents/${other.body.id}/reveal`, {})).status, 404);
  assert.equal((await street.get(`/api/residents/${other.body.id}`)).status, 200);
});

test('vacancies are matched by skills and needs, referred once, and a hire fills the post (附件一(一) 职业介绍)', async () => {
  const employers = await street.get('/api/employers');
  assert.equal(employers.status, 200);
  const power = employers.body.items.find((e) => e.name === '北京演示电力工程有限公司');
  assert.ok(power);
  assert.match(power.contact_phone, /\*/);
  assert.doesNotMatch(employers.text, /65123456/);
  const bad = await street.post('/api/vacancies', { employer_id: power.id, title: '焊工', headcount: 0 });
  assert.equal(bad.body.error.field, 'headcount');
  const bad2 = await street.post('/api/vacancies', { employer_id: power.id, title: '焊工', salary_min: 9000, salary_max: 8000 });
  assert.equal(bad2.body.error.field, 'salary_max');
  const v = await street.post('/api/vacancies', { employer_id: power.id, title: '焊工', skills: ['焊工'], headcount: 1 });
  assert.equal(v.status, 201, v.text);

  const seeker = await community.post('/api/residents', person({ id_number: residentId('110101', '19930303', 41), skills: ['焊工'], desired_job: '焊工' }));
  assert.equal(seeker.status, 201, seeker.text);
  const matches = await street.get(`/api/vacancies/${v.body.id}/matches`);
  assert.equal(matches.status, 200);
  assert.equal(matches.body.vacancy.title, '焊工');
  assert.equal(matches.body.items[0].resident.id, seeker.body.id);
  assert.ok(matches.body.items[0].match.reasons.includes('技能相符: 焊工'));
  assert.doesNotMatch(matches.text, FULL_ID);

  const ref = await street.post('/api/referrals', { resident_id: seeker.body.id, vacancy_id: v.body.id });
  assert.equal(ref.status, 201, ref.text);
  assert.equal((await street.post('/api/referrals', { resident_id: seeker.body.id, vacancy_id: v.body.id })).status, 409);
  const badOutcome = await street.post(`/api/referrals/${ref.body.id}/outcome`, { version: ref.body.version, outcome: 'maybe' });
  assert.equal(badOutcome.body.error.field, 'outcome');
  const hired = await street.post(`/api/referrals/${ref.body.id}/outcome`, { version: ref.body.version, outcome: 'hired' });
  assert.equal(hired.status, 200, hired.text);
  assert.equal(hired.body.state_name, '已录用');
  const after_ = await street.get(`/api/residents/${seeker.body.id}`);
  assert.equal(after_.body.status, 'employed');
  const closed = await street.get('/api/vacancies?state=closed');
  assert.ok(closed.body.items.some((x) => x.id === v.body.id && x.filled === 1));

  // 公益性岗位: not for someone who is not 就业困难.
  const welfare = (await street.get('/api/vacancies?welfare=1')).body.items[0];
  assert.ok(welfare?.welfare);
  const plain = await community.post('/api/residents', person({ id_number: residentId('110101', '19930303', 51) }));
  const refused = await street.post('/api/welfare-placements', { resident_id: plain.body.id, vacancy_id: welfare.id });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.field, 'resident_id');
  assert.match(refused.body.error.message, /就业困难/);

  const summary = await street.get('/api/employment/summary');
  assert.equal(summary.status, 200);
  assert.equal(summary.body.total.unit_code, '110101001');
  assert.ok(summary.body.total.hired_month >= 1);
  assert.equal((await community.get('/api/employment/summary?unit=110101001')).status, 404);
});

test('the monthly ledger carries the registry and job services of each community (annex 一(四) 台账)', async () => {
  const hallmgr = await signIn(server.url, 'hallmgr');
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  const res = await fetch(`${server.url}/api/stats/ledger.xlsx?month=${month}`, { headers: { cookie: hallmgr.cookie } });
  assert.equal(res.status, 200);
  const file = path.join(server.dataDir, 'ledger-employment.xlsx');
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const header = rowOf(file, 'sheet5', '单位代码');
  assert.ok(header, 'the 就业服务 sheet is there');
  const row = rowOf(file, 'sheet5', '110101001001');
  const figures = (await street.get('/api/employment/summary')).body.units.find((u) => u.unit_code === '110101001001');
  assert.equal(row[header.indexOf('劳动力')], figures.residents);
  assert.equal(row[header.indexOf('本月回访')], figures.visits_month);
  assert.equal(row[header.indexOf('本月录用')], figures.hired_month);
});
