// 失业人员档案 over real HTTP (issue 12; policy annex 一(一) 失业人员档案管理服务,
// 三(五) 档案库房建设标准、专人管理; docs/api/archives.md): the street's archive
// keeper takes in a file, lends it, is refused a second loan until it comes
// back, returns it, lends it again and transfers it out; bad input changes
// nothing; lists show the person masked, the reveal is the keeper's alone;
// another street's file is not found; only the keeper writes (403 for
// everyone else on every write route); room checks outside 14–24 ℃ /
// 45%–60% are 异常.
//
// The other street: the demo has no archive keeper outside 东华门街道, so the
// first test makes one at 新街口街道 (110102003, 西城区) the way an operator
// would: sysadmin creates the account, secadmin grants archive_keeper there,
// the keeper changes the initial password on first sign-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/lib/server.mjs';
import { Client, nthResidentId, sharedTotpSession, signIn } from './client.mjs';

let server;
let keeper;   // archivist, 东华门街道 (110101001)
let worker;   // jdworker, street_worker: archive.read only

const ID_RE = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/;
const PHONE_RE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;
const HAN_RE = /[\u4e00-\u9fff]/;
const PLACE = { room: '1号库房', cabinet: 'A柜', shelf: '3层', box: '12盒' };

// Seq numbers for ID numbers: distinct per test so files never collide.
const person = (n) => nthResidentId('110101', 7000 + n);

function intakeBody(n, name, extra = {}) {
  return { id_number: person(n), name, source: 'registration', pages: 24, ...PLACE, ...extra };
}

// A refusal: status, stable code, a Chinese message, the field.
function refused(res, status, code, field) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.error.code, code, res.text);
  assert.match(res.body.error.message, HAN_RE, res.text);
  if (field !== undefined) assert.equal(res.body.error.field, field, res.text);
}

async function take(client, n, name, extra) {
  const res = await client.post('/api/archives/files', intakeBody(n, name, extra));
  assert.equal(res.status, 201, res.text);
  return res.body;
}

// An archive keeper at another street, made through the account APIs.
async function keeperAt(unit, login) {
  const sys = await sharedTotpSession(server.url, 'sysadmin');
  const made = await sys.post('/api/accounts', { login, name: '卫档案', unit_code: unit });
  assert.equal(made.status, 201, made.text);
  const sec = await sharedTotpSession(server.url, 'secadmin');
  const granted = await sec.post('/api/grants', { account_id: made.body.account.id, role: 'archive_keeper', unit_code: unit });
  assert.equal(granted.status, 201, granted.text);
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: made.body.initial_password }),
  });
  const body = await res.json();
  assert.equal(body.step, 'change_password', JSON.stringify(body));
  const client = new Client(server.url, res.headers.get('set-cookie').split(';')[0], body.csrf_token, login);
  const changed = await client.post('/api/auth/password',
    { current_password: made.body.initial_password, new_password: 'Xinjiekou#Archive2026' });
  assert.equal(changed.status, 200, changed.text);
  return client;
}

before(async () => {
  server = await startServer({ seed: true });
  keeper = await signIn(server.url, 'archivist');
  worker = await signIn(server.url, 'jdworker');
});
after(async () => { await server?.stop(); });

test('a lent file must be returned before it can be lent again; transfer out ends lending and moving (Annex1_1)', async () => {
  const f = await take(keeper, 1, '李秀英');
  assert.match(f.file_no, /^DA-110101001-\d{4}-\d{4}$/);
  assert.equal(f.state, 'in_store');
  assert.equal(f.state_name, '在库');
  assert.equal(f.unit_code, '110101001');
  assert.equal(f.name, '李**');
  assert.notEqual(f.id_number, person(1));
  assert.equal(f.source_name, '失业登记新建');

  const lent = await keeper.post(`/api/archives/files/${f.id}/lend`,
    { borrower_unit: '东城区社会保险事业管理中心', borrower_name: '王借阅', purpose: '核定失业保险金' });
  assert.equal(lent.status, 200, lent.text);
  assert.equal(lent.body.state, 'lent');
  assert.equal(lent.body.loan.state, 'open');
  assert.equal(lent.body.loan.borrower_name, '王**');
  assert.ok(lent.body.loan.due_day > lent.body.loan.lent_day, 'due 5 working days on');
  assert.equal(lent.body.overdue, false);

  // The Done-when rule: a second loan while out is refused and changes nothing.
  const again = await keeper.post(`/api/archives/files/${f.id}/lend`,
    { borrower_unit: '东城区劳动保障监察队', purpose: '核查用工情况' });
  refused(again, 422, 'UNPROCESSABLE', 'state');
  assert.equal(again.body.error.message, '该档案已借出，须归还后才能再次借阅');
  const out = await keeper.post(`/api/archives/files/${f.id}/transfer`, { to_org: '朝阳区人才服务中心', reason: '户籍迁出', receipt_no: 'HZ-1' });
  refused(out, 422, 'UNPROCESSABLE', 'state');
  assert.match(out.body.error.message, /归还后才能转出/);
  const held = await keeper.get(`/api/archives/files/${f.id}`);
  assert.equal(held.body.loans.length, 1);
  assert.equal(held.body.loans[0].borrower_unit, '东城区社会保险事业管理中心');
  assert.equal(held.body.version, lent.body.version);

  const back = await keeper.post(`/api/archives/files/${f.id}/return`, { condition: '完好,无缺页' });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.state, 'in_store');
  assert.equal(back.body.loan, null);
  refused(await keeper.post(`/api/archives/files/${f.id}/return`, { condition: '完好' }), 422, 'UNPROCESSABLE', 'state');

  const second = await keeper.post(`/api/archives/files/${f.id}/lend`,
    { borrower_unit: '东城区劳动保障监察队', purpose: '核查用工情况' });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.loan.borrower_name, '');
  assert.equal((await keeper.post(`/api/archives/files/${f.id}/return`, { condition: '完好' })).status, 200);

  const moved = await keeper.post(`/api/archives/files/${f.id}/move`, { room: '2号库房', cabinet: 'B柜', shelf: '1层', box: '3盒', version: back.body.version + 2 });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.room, '2号库房');

  const gone = await keeper.post(`/api/archives/files/${f.id}/transfer`,
    { to_org: '朝阳区人才服务中心', reason: '户籍迁出本街道', receipt_no: 'HZ-2026-001' });
  assert.equal(gone.status, 200, gone.text);
  assert.equal(gone.body.state, 'transferred');
  assert.equal(gone.body.state_name, '已转出');
  assert.equal(gone.body.transfer_receipt, 'HZ-2026-001');
  assert.match(gone.body.transfer_day, /^\d{4}-\d{2}-\d{2}$/);
  refused(await keeper.post(`/api/archives/files/${f.id}/lend`, { borrower_unit: '东城区社保中心', purpose: '核定待遇' }),
    422, 'UNPROCESSABLE', 'state');
  refused(await keeper.post(`/api/archives/files/${f.id}/move`, { ...PLACE, version: gone.body.version }), 422, 'UNPROCESSABLE', 'state');
  refused(await keeper.post(`/api/archives/files/${f.id}/transfer`, { to_org: '朝阳区', reason: '再次转出', receipt_no: 'HZ-3' }),
    422, 'UNPROCESSABLE', 'state');

  const detail = await keeper.get(`/api/archives/files/${f.id}`);
  assert.equal(detail.status, 200);
  assert.deepEqual(detail.body.history.map((e) => e.kind), ['intake', 'lend', 'return', 'lend', 'return', 'move', 'transfer']);
  assert.ok(detail.body.history.every((e) => e.kind_name && e.by_name), 'labels and who');
  assert.equal(detail.body.loans.length, 2);
  assert.ok(detail.body.loans.every((l) => l.state === 'returned' && l.state_name === '已归还'));
  assert.ok(!detail.text.includes('李秀英') && !detail.text.includes('王借阅') && !ID_RE.test(detail.text), 'no person in the history');

  // Transferred out, the person may come back as a new intake with a new number.
  const back2 = await take(keeper, 1, '李秀英', { source: 'transfer_in', source_org: '朝阳区人才服务中心' });
  assert.notEqual(back2.file_no, f.file_no);
  assert.equal(back2.source_name, '转入');
});

test('bad input: the right status, a stable code, a Chinese message, the field, and nothing changes (Annex1_1)', async () => {
  const count = async () => (await keeper.get('/api/archives/files')).body.items.length;
  const before_ = await count();
  const cases = [
    [{ ...intakeBody(10, '赵六'), id_number: '110101199001011234' }, 400, 'INVALID_ARGUMENT', 'id_number'],
    [{ ...intakeBody(10, '赵六'), name: '' }, 400, 'INVALID_ARGUMENT', 'name'],
    [{ ...intakeBody(10, '赵六'), source: 'lost' }, 400, 'INVALID_ARGUMENT', 'source'],
    [{ ...intakeBody(10, '赵六'), source: 'transfer_in' }, 400, 'INVALID_ARGUMENT', 'source_org'],
    [{ ...intakeBody(10, '赵六'), pages: 0 }, 400, 'INVALID_ARGUMENT', 'pages'],
    [{ ...intakeBody(10, '赵六'), room: '' }, 400, 'INVALID_ARGUMENT', 'room'],
    [{ ...intakeBody(10, '赵六'), box: '超过二十个字的盒子名称超过二十个字的盒子名称' }, 400, 'INVALID_ARGUMENT', 'box'],
    [{ ...intakeBody(10, '赵六'), received_day: '2999-01-01' }, 400, 'INVALID_ARGUMENT', 'received_day'],
    [{ ...intakeBody(10, '赵六'), received_day: '2026-02-30' }, 400, 'INVALID_ARGUMENT', 'received_day'],
    [{ ...intakeBody(10, '赵六'), unit_code: '110101' }, 404, 'NOT_FOUND', 'unit_code'],  // above the keeper's street
    [{ ...intakeBody(10, '赵六'), unit_code: '110101001001' }, 400, 'INVALID_ARGUMENT', 'unit_code'],
    [{ ...intakeBody(10, '赵六'), unit_code: '110102003' }, 404, 'NOT_FOUND', 'unit_code'],
  ];
  for (const [body, status, code, field] of cases) {
    refused(await keeper.post('/api/archives/files', body), status, code, field);
  }
  const f = await take(keeper, 10, '赵六');
  const dup = await keeper.post('/api/archives/files', intakeBody(10, '赵六'));
  refused(dup, 409, 'CONFLICT', 'id_number');
  assert.match(dup.body.error.message, new RegExp(f.file_no));
  assert.equal(await count(), before_ + 1, 'only the one good intake');

  const lends = [
    [{ purpose: '核定失业保险金' }, 'borrower_unit'],
    [{ borrower_unit: '东城区社保中心', purpose: '核' }, 'purpose'],
    [{ borrower_unit: '东城区社保中心', purpose: '核定失业保险金', lent_day: '2999-01-01' }, 'lent_day'],
    [{ borrower_unit: '东城区社保中心', purpose: '核定失业保险金', lent_day: '2000-01-01' }, 'lent_day'],
    [{ borrower_unit: '东城区社保中心', purpose: '核定失业保险金', due_day: '2000-01-01' }, 'due_day'],
    [{ borrower_unit: '东城区社保中心', purpose: '核定失业保险金', due_day: 'tomorrow' }, 'due_day'],
  ];
  for (const [body, field] of lends) {
    refused(await keeper.post(`/api/archives/files/${f.id}/lend`, body), 400, 'INVALID_ARGUMENT', field);
  }
  const transfers = [
    [{ reason: '户籍迁出', receipt_no: 'HZ-1' }, 'to_org'],
    [{ to_org: '朝阳区人才服务中心', receipt_no: 'HZ-1' }, 'reason'],
    [{ to_org: '朝阳区人才服务中心', reason: '户籍迁出' }, 'receipt_no'],
    [{ to_org: '朝阳区人才服务中心', reason: '户籍迁出', receipt_no: 'HZ-1', day: '2000-01-01' }, 'day'],
  ];
  for (const [body, field] of transfers) {
    refused(await keeper.post(`/api/archives/files/${f.id}/transfer`, body), 400, 'INVALID_ARGUMENT', field);
  }
  refused(await keeper.post(`/api/archives/files/${f.id}/move`, { ...PLACE, version: f.version }), 400, 'INVALID_ARGUMENT', 'room');
  refused(await keeper.post(`/api/archives/files/${f.id}/move`, { ...PLACE, shelf: '', version: f.version }), 400, 'INVALID_ARGUMENT', 'shelf');
  refused(await keeper.post(`/api/archives/files/${f.id}/move`, { ...PLACE, room: '9号库房', version: f.version + 5 }),
    409, 'VERSION_CONFLICT');
  refused(await keeper.post(`/api/archives/files/${f.id}/move`, { ...PLACE, room: '9号库房' }), 400, 'INVALID_ARGUMENT', 'version');
  refused(await keeper.post(`/api/archives/files/${f.id}/lend`, 'not an object'), 400, 'INVALID_JSON');

  const still = await keeper.get(`/api/archives/files/${f.id}`);
  assert.equal(still.body.state, 'in_store');
  assert.equal(still.body.version, f.version);
  assert.equal(still.body.room, PLACE.room);
  assert.equal(still.body.loans.length, 0);
  assert.deepEqual(still.body.history.map((e) => e.kind), ['intake']);

  // Return needs the file's condition and a day not before the loan.
  const lent = await keeper.post(`/api/archives/files/${f.id}/lend`, { borrower_unit: '东城区社保中心', purpose: '核定失业保险金' });
  assert.equal(lent.status, 200, lent.text);
  refused(await keeper.post(`/api/archives/files/${f.id}/return`, {}), 400, 'INVALID_ARGUMENT', 'condition');
  refused(await keeper.post(`/api/archives/files/${f.id}/return`, { condition: '完好', returned_day: '2000-01-01' }),
    400, 'INVALID_ARGUMENT', 'returned_day');
  assert.equal((await keeper.get(`/api/archives/files/${f.id}`)).body.state, 'lent');

  // Unknown and malformed ids and filters.
  refused(await keeper.get('/api/archives/files/999999'), 404, 'NOT_FOUND', 'id');
  refused(await keeper.post('/api/archives/files/999999/lend', { borrower_unit: '东城区社保中心', purpose: '核定待遇' }), 404, 'NOT_FOUND', 'id');
  refused(await keeper.get('/api/archives/files?state=lost'), 400, 'INVALID_ARGUMENT', 'state');
  refused(await keeper.get('/api/archives/files?unit=110102003'), 404, 'NOT_FOUND', 'unit');
});

test('lists show the person masked; a full ID number finds the file; the reveal is the keeper\'s and audited (Annex1_1)', async () => {
  const f = await take(keeper, 20, '欧阳明珠');
  const lent = await keeper.post(`/api/archives/files/${f.id}/lend`,
    { borrower_unit: '东城区社保中心', borrower_name: '钱借阅', purpose: '核定失业保险金' });
  assert.equal(lent.status, 200, lent.text);
  for (const [who, client] of [['keeper', keeper], ['worker', worker]]) {
    const list = await client.get('/api/archives/files');
    assert.equal(list.status, 200, `${who}: ${list.text}`);
    assert.ok(list.body.items.some((x) => x.id === f.id), who);
    assert.ok(!ID_RE.test(list.text), `${who}: no full ID number in the list`);
    assert.ok(!PHONE_RE.test(list.text), `${who}: no phone number in the list`);
    assert.ok(!list.text.includes('欧阳明珠') && !list.text.includes('钱借阅'), `${who}: no full names`);
    const one = await client.get(`/api/archives/files/${f.id}`);
    assert.ok(!ID_RE.test(one.text) && !one.text.includes('欧阳明珠'), `${who}: the detail is masked too`);
  }
  const item = (await keeper.get('/api/archives/files')).body.items.find((x) => x.id === f.id);
  assert.equal(item.id_number.length, 18);
  assert.match(item.id_number, /\*/);
  assert.equal(item.name, '欧***');
  assert.equal(item.loan.borrower_name, '钱**');

  // Found by the full ID number (its lookup hash), by the number, by the masked name.
  const byId = await worker.get(`/api/archives/files?q=${person(20)}`);
  assert.deepEqual(byId.body.items.map((x) => x.id), [f.id]);
  assert.ok(!byId.text.includes(person(20)), 'the query is never echoed');
  assert.deepEqual((await worker.get(`/api/archives/files?q=${f.file_no}`)).body.items.map((x) => x.id), [f.id]);
  assert.ok((await worker.get(`/api/archives/files?q=${encodeURIComponent('欧*')}`)).body.items.some((x) => x.id === f.id));
  assert.deepEqual((await worker.get('/api/archives/files?state=lent')).body.items.filter((x) => x.state !== 'lent'), []);
  assert.ok((await worker.get('/api/archives/files?state=lent')).body.items.some((x) => x.id === f.id));
  assert.ok(!(await worker.get('/api/archives/files?overdue=1')).body.items.some((x) => x.id === f.id), 'not yet overdue');

  const revealed = await keeper.post(`/api/archives/files/${f.id}/reveal`);
  assert.equal(revealed.status, 200, revealed.text);
  assert.deepEqual(revealed.body, { id_number: person(20), name: '欧阳明珠' });
  assert.equal(revealed.headers.get('cache-control'), 'no-store');
  refused(await worker.post(`/api/archives/files/${f.id}/reveal`), 403, 'FORBIDDEN');
  refused(await keeper.post('/api/archives/files/999999/reveal'), 404, 'NOT_FOUND', 'id');

  // The auditor sees the reveal in the audit log.
  const auditor = await sharedTotpSession(server.url, 'auditor');
  const log = await auditor.get('/api/audit?action=archive.reveal');
  assert.equal(log.status, 200, log.text);
  assert.ok(log.body.items.some((e) => e.action === 'archive.reveal' && e.object_type === 'archive_file'
    && e.object_id === String(f.id) && e.actor_login === 'archivist'), log.text.slice(0, 400));
});

test('another street\'s file is not found; the street keeps its own files (Annex1_1, 三(五) 专人管理)', async () => {
  const xc = await keeperAt('110102003', 'xcarchivist');
  const theirs = await take(xc, 30, '孙西城');
  assert.match(theirs.file_no, /^DA-110102003-\d{4}-0001$/);
  assert.equal(theirs.unit_code, '110102003');
  // Their keeper cannot file into 东华门街道 either.
  refused(await xc.post('/api/archives/files', { ...intakeBody(31, '周东城'), unit_code: '110101001' }), 404, 'NOT_FOUND', 'unit_code');

  const dc = await sharedTotpSession(server.url, 'dcadmin');
  for (const [who, client] of [['keeper', keeper], ['worker', worker], ['dcadmin', dc]]) {
    refused(await client.get(`/api/archives/files/${theirs.id}`), 404, 'NOT_FOUND', 'id');
    const list = await client.get('/api/archives/files');
    assert.equal(list.status, 200, `${who}: ${list.text}`);
    assert.ok(!list.body.items.some((x) => x.id === theirs.id), `${who} does not list it`);
    assert.deepEqual((await client.get(`/api/archives/files?q=${person(30)}`)).body.items, [], `${who}: not found by ID`);
  }
  for (const [verb, body] of [
    ['lend', { borrower_unit: '东城区社保中心', purpose: '核定失业保险金' }],
    ['move', { room: '9号库房', cabinet: 'A柜', shelf: '1层', box: '1盒', version: theirs.version }],
    ['transfer', { to_org: '东城区', reason: '调档', receipt_no: 'HZ-9' }],
    ['reveal', undefined],
  ]) {
    refused(await keeper.post(`/api/archives/files/${theirs.id}/${verb}`, body), 404, 'NOT_FOUND', 'id');
  }
  // Held by the other street: no second file here, and their number is not told.
  const dup = await keeper.post('/api/archives/files', intakeBody(30, '孙西城'));
  refused(dup, 409, 'CONFLICT', 'id_number');
  assert.ok(!dup.text.includes(theirs.file_no), dup.text);
  // Their file and room are untouched and unseen here.
  assert.equal((await xc.get(`/api/archives/files/${theirs.id}`)).body.version, theirs.version);
  const check = await xc.post('/api/archives/room-checks', { room: '西城1号库房', temperature: 20, humidity: 50, extinguisher_ok: true, smoke_detector_ok: true });
  assert.equal(check.status, 201, check.text);
  assert.ok(!(await keeper.get('/api/archives/room-checks')).body.items.some((c) => c.id === check.body.id));
  assert.ok(!(await dc.get('/api/archives/rooms')).body.items.some((r) => r.unit_code === '110102003'));
  refused(await keeper.post('/api/archives/room-checks', { unit_code: '110102003', room: '1号库房', temperature: 20, humidity: 50, extinguisher_ok: true, smoke_detector_ok: true }),
    404, 'NOT_FOUND', 'unit_code');
  // The district administrator reads the register of its streets.
  const ours = await take(keeper, 32, '吴东城');
  assert.equal((await dc.get(`/api/archives/files/${ours.id}`)).status, 200);
});

test('only the archive keeper changes the register: every write route is 403 for the others (三(五) 专人管理)', async () => {
  const f = await take(keeper, 40, '冯守档');
  const community = await signIn(server.url, 'sqworker');
  const dc = await sharedTotpSession(server.url, 'dcadmin');
  const writes = [
    ['/api/archives/files', intakeBody(41, '陈无权')],
    [`/api/archives/files/${f.id}/reveal`, undefined],
    [`/api/archives/files/${f.id}/move`, { room: '9号库房', cabinet: 'A柜', shelf: '1层', box: '1盒', version: f.version }],
    [`/api/archives/files/${f.id}/lend`, { borrower_unit: '东城区社保中心', purpose: '核定失业保险金' }],
    [`/api/archives/files/${f.id}/return`, { condition: '完好' }],
    [`/api/archives/files/${f.id}/transfer`, { to_org: '朝阳区人才服务中心', reason: '户籍迁出', receipt_no: 'HZ-1' }],
    ['/api/archives/room-checks', { room: '1号库房', temperature: 20, humidity: 50, extinguisher_ok: true, smoke_detector_ok: true }],
  ];
  for (const [who, client] of [['jdworker', worker], ['sqworker', community], ['dcadmin', dc]]) {
    for (const [path, body] of writes) {
      const res = await client.post(path, body);
      refused(res, 403, 'FORBIDDEN');
      assert.ok(res.status === 403, `${who} ${path}`);
    }
  }
  // Reads: the street worker and the district yes, the community worker no.
  for (const path of ['/api/archives/files', `/api/archives/files/${f.id}`, '/api/archives/room-checks', '/api/archives/rooms']) {
    assert.equal((await worker.get(path)).status, 200, `jdworker ${path}`);
    assert.equal((await dc.get(path)).status, 200, `dcadmin ${path}`);
    refused(await community.get(path), 403, 'FORBIDDEN');
  }
  const still = await keeper.get(`/api/archives/files/${f.id}`);
  assert.equal(still.body.version, f.version);
  assert.deepEqual(still.body.history.map((e) => e.kind), ['intake']);
  assert.ok(!(await keeper.get('/api/archives/files')).body.items.some((x) => x.file_no && x.name === '陈**'));
  // Without a session: 401.
  const anon = await fetch(`${server.url}/api/archives/files`);
  assert.equal(anon.status, 401);
});

test('a room check outside 14–24 ℃ / 45%–60% RH, a failed fire check, pests or leaks is 异常 (三(五))', async () => {
  const ok = { room: '检查1号库房', temperature: 20, humidity: 50, extinguisher_ok: true, smoke_detector_ok: true };
  const normal = await keeper.post('/api/archives/room-checks', ok);
  assert.equal(normal.status, 201, normal.text);
  assert.equal(normal.body.abnormal, false);
  assert.deepEqual(normal.body.flags, []);
  assert.equal(normal.body.unit_code, '110101001');
  assert.match(normal.body.check_day, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(normal.body.checked_by_name);
  // The edges are within the standard.
  for (const [temperature, humidity] of [[14, 45], [24, 60]]) {
    const edge = await keeper.post('/api/archives/room-checks', { ...ok, temperature, humidity });
    assert.equal(edge.status, 201, edge.text);
    assert.equal(edge.body.abnormal, false, `${temperature} ℃ ${humidity}%`);
  }
  const humid = await keeper.post('/api/archives/room-checks', { ...ok, humidity: 65.5, note: '梅雨季节，已开除湿机' });
  assert.equal(humid.status, 201, humid.text);
  assert.equal(humid.body.abnormal, true);
  assert.equal(humid.body.humidity, 65.5);
  assert.deepEqual(humid.body.flags, ['humidity_high']);
  assert.deepEqual(humid.body.flag_names, ['湿度高于 60%']);
  const many = await keeper.post('/api/archives/room-checks',
    { room: '检查2号库房', temperature: 13.9, humidity: 44.9, extinguisher_ok: false, smoke_detector_ok: false, pests: true, leaks: true });
  assert.equal(many.status, 201, many.text);
  assert.deepEqual(many.body.flags,
    ['temperature_low', 'humidity_low', 'extinguisher', 'smoke_detector', 'pests', 'leaks']);

  const rooms = await worker.get('/api/archives/rooms');
  assert.equal(rooms.status, 200);
  const one = rooms.body.items.find((r) => r.room === '检查1号库房');
  assert.equal(one.last_abnormal, true, 'the last check of the room was 异常');
  assert.equal(one.last_check_day, humid.body.check_day);
  assert.ok(rooms.body.items.some((r) => r.room === PLACE.room && r.files >= 1 && r.last_checked_at === null),
    'a room holding files and never checked');
  const abnormal = await worker.get('/api/archives/room-checks?abnormal=1');
  assert.ok(abnormal.body.items.length >= 2 && abnormal.body.items.every((c) => c.abnormal));
  const byRoom = await worker.get(`/api/archives/room-checks?room=${encodeURIComponent('检查1号库房')}`);
  assert.equal(byRoom.body.items.length, 4);
  assert.equal(byRoom.body.items[0].id, humid.body.id, 'newest first');

  // Bad readings: 400 with the field, nothing recorded.
  const bad = [
    [{ ...ok, temperature: 70 }, 'temperature'],
    [{ ...ok, humidity: 101 }, 'humidity'],
    [{ ...ok, temperature: undefined }, 'temperature'],
    [{ ...ok, humidity: 'wet' }, 'humidity'],
    [{ ...ok, extinguisher_ok: undefined }, 'extinguisher_ok'],
    [{ ...ok, smoke_detector_ok: undefined }, 'smoke_detector_ok'],
    [{ ...ok, room: '' }, 'room'],
    [{ ...ok, checked_at: Date.now() + 3_600_000 }, 'checked_at'],
    [{ ...ok, unit_code: '110101001001' }, 'unit_code'],  // a community keeps no archive room
  ];
  for (const [body, field] of bad) {
    refused(await keeper.post('/api/archives/room-checks', body), 400, 'INVALID_ARGUMENT', field);
  }
  assert.equal((await worker.get(`/api/archives/room-checks?room=${encodeURIComponent('检查1号库房')}`)).body.items.length, 4);
  refused(await worker.get('/api/archives/room-checks?from=yesterday'), 400, 'INVALID_ARGUMENT', 'from');
});

test('an open loan past its due day is 借阅逾期: flagged, listed by ?overdue=1, written late on return (Annex1_1)', async () => {
  const day = (n) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);  // Beijing, n days ago
  const f = await take(keeper, 50, '褚逾期', { received_day: day(30) });
  assert.equal(f.received_day, day(30));
  const lent = await keeper.post(`/api/archives/files/${f.id}/lend`,
    { borrower_unit: '东城区社保中心', purpose: '核定失业保险金', lent_day: day(20), due_day: day(10) });
  assert.equal(lent.status, 200, lent.text);
  assert.equal(lent.body.overdue, true);
  assert.equal(lent.body.loan.overdue, true);
  const due = await keeper.post(`/api/archives/files/${(await take(keeper, 51, '卫按期')).id}/lend`,
    { borrower_unit: '东城区社保中心', purpose: '核定失业保险金', due_day: day(0) });
  assert.equal(due.body.overdue, false, 'due today is not yet overdue');
  const late = await worker.get('/api/archives/files?overdue=1');
  assert.equal(late.status, 200);
  assert.ok(late.body.items.some((x) => x.id === f.id));
  assert.ok(late.body.items.every((x) => x.overdue), late.text.slice(0, 300));
  const back = await keeper.post(`/api/archives/files/${f.id}/return`, { condition: '完好', returned_day: day(1) });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.overdue, false);
  const d = await keeper.get(`/api/archives/files/${f.id}`);
  assert.equal(d.body.loans[0].returned_day, day(1));
  assert.equal(d.body.loans[0].overdue, false, 'a returned loan is no longer overdue');
  assert.match(d.body.history.at(-1).detail, /逾期/);
  assert.ok(!(await worker.get('/api/archives/files?overdue=1')).body.items.some((x) => x.id === f.id));
});
