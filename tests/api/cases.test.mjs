// One-window cases over real HTTP (issue 6; policy 三(四)(七)(八)): one
// winner when people act on one step at once, Idempotency-Key on intake,
// nothing acknowledged lost when the server is killed, clear refusals of bad
// input, personal data only masked, and the citizen's public progress page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, signIn } from './client.mjs';

const REGION = '110105';
// With review_first and approve, no high_risk: 就业困难人员认定.
const REVIEWED_ITEM = 'BJ-JYCY-007';
// 即办件 (no back-office step): 失业登记.
const IMMEDIATE_ITEM = 'BJ-JYCY-001';
const SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐'];
const GIVEN = ['明远', '晓雯', '文博', '云舒', '雨桐', '嘉懿', '思源', '若溪'];
const STAFF_LOGINS = ['clerk', 'reviewer', 'reviewer2', 'approver', 'rechecker', 'hallmgr', 'xcclerk'];

let server;
let clerk;
let reviewer;
let hallmgr;
let hall;
// Every applicant sent to the main server, for the masking and log checks.
const people = [];

// The n-th test applicant: a valid ID number, a name and a mobile number.
function person(n) {
  return {
    kind: 'person',
    id_number: nthResidentId(REGION, n),
    name: SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length],
    phone: `139${String((70000000 + n * 7919) % 100000000).padStart(8, '0')}`,
  };
}

function intakeBody(itemCode, applicant) {
  return { item_code: itemCode, site_id: hall.id, applicant };
}

const key = () => crypto.randomUUID();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assertChinese(message) {
  assert.match(message, /[\u4e00-\u9fff]/, `a message for people, in Chinese: ${message}`);
}

function assertError(a, status, code, field) {
  assert.equal(a.status, status, a.text);
  assert.equal(a.body.error.code, code, a.text);
  if (field !== undefined) assert.equal(a.body.error.field, field, a.text);
  assertChinese(a.body.error.message);
}

async function openCase(itemCode, n) {
  const applicant = person(n);
  people.push(applicant);
  const a = await clerk.post('/api/cases', intakeBody(itemCode, applicant), { headers: { 'Idempotency-Key': key() } });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.status, 'intake');
  return a.body;
}

// Receives every pending material (optional ones do not apply) and accepts.
async function acceptedCase(itemCode, n) {
  const c = await openCase(itemCode, n);
  for (const m of c.materials.filter((x) => x.state === 'pending')) {
    const judged = await clerk.put(`/api/cases/${c.id}/materials/${m.idx}`,
      m.required ? { state: 'received', form: 'original' } : { state: 'not_applicable' });
    assert.equal(judged.status, 200, judged.text);
  }
  const accepted = await clerk.post(`/api/cases/${c.id}/accept`, undefined);
  assert.equal(accepted.status, 200, accepted.text);
  return accepted.body;
}

before(async () => {
  server = await startServer({ seed: true });
  [clerk, reviewer, hallmgr] = await Promise.all(['clerk', 'reviewer', 'hallmgr'].map((l) => signIn(server.url, l)));
  const sites = await clerk.get('/api/org/sites');
  hall = sites.body.items.find((s) => s.unit_code === '110101001' && s.kind === 'hall');
  assert.ok(hall, 'the clerk\'s hall');
});
after(async () => { await server?.stop(); });

test('issue 6 §11 race: 50 concurrent approvals of one step give exactly one 200 and 49 × 409', async (t) => {
  const accepted = await acceptedCase(REVIEWED_ITEM, 1);
  assert.equal(accepted.status, 'review');
  assert.deepEqual(accepted.chain.slice(0, 2), ['review_first', 'approve']);
  const task = accepted.tasks.find((t) => t.step === 'review_first' && t.state === 'open');
  assert.ok(task, 'a first-review task');
  const queue = await reviewer.get('/api/tasks?step=review_first');
  assert.ok(queue.body.items.some((i) => i.task.id === task.id), 'the case waits in the first-review queue');

  const sessions = [reviewer, ...await Promise.all([1, 2, 3, 4].map(() => signIn(server.url, 'reviewer')))];
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    sessions[i % sessions.length].post(`/api/tasks/${task.id}/act`, { action: 'approve', opinion: '符合认定条件' })));
  const tally = answers.map((a) => a.status).sort().join(',');
  t.diagnostic(`409 message: ${answers.find((a) => a.status === 409)?.body.error.message}`);
  assert.equal(answers.filter((a) => a.status === 200).length, 1, tally);
  const conflicts = answers.filter((a) => a.status === 409);
  assert.equal(conflicts.length, 49, tally);
  for (const c of conflicts) {
    assertError(c, 409, 'CONFLICT');
    // The message names where the step stands now (三(七): one decision per step).
    assert.match(c.body.error.message, /当前[::]?\s*“?(已通过|审核中)/, c.body.error.message);
  }

  const d = (await clerk.get(`/api/cases/${accepted.id}`)).body;
  assert.equal(d.status, 'review');
  const first = d.tasks.filter((t) => t.step === 'review_first');
  assert.equal(first.length, 1);
  assert.equal(first[0].state, 'done');
  assert.equal(first[0].action, 'approve');
  assert.equal(first[0].acted_login, 'reviewer');
  const open = d.tasks.filter((t) => t.state === 'open');
  assert.deepEqual(open.map((t) => t.step), ['approve'], 'exactly one next step opened');
  assert.equal(d.events.filter((e) => e.kind === 'approved').length, 1, 'one approval on the timeline');
  assert.equal(d.events.filter((e) => e.kind === 'task_opened').length, 2);
});

test('issue 6 §11 idempotency: a retried intake with the same Idempotency-Key answers the same and creates one case', async () => {
  const applicant = person(2);
  people.push(applicant);
  const body = intakeBody(IMMEDIATE_ITEM, applicant);
  const k = key();
  const first = await clerk.post('/api/cases', body, { headers: { 'Idempotency-Key': k } });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.headers.get('idempotent-replayed'), null);
  const again = await clerk.post('/api/cases', body, { headers: { 'Idempotency-Key': k } });
  assert.equal(again.status, first.status);
  assert.equal(again.text, first.text, 'the first answer, byte for byte');
  assert.equal(again.headers.get('idempotent-replayed'), 'true');

  const byId = async (id) => (await clerk.get(`/api/cases?q=${id}`)).body.items;
  assert.deepEqual((await byId(applicant.id_number)).map((c) => c.id), [first.body.id]);

  const other = await clerk.post('/api/cases', { ...body, applicant: { ...applicant, name: '另一人' } },
    { headers: { 'Idempotency-Key': k } });
  assertError(other, 422, other.body?.error?.code, 'Idempotency-Key');
  const missing = await clerk.post('/api/cases', body);
  assertError(missing, 400, 'INVALID_ARGUMENT', 'Idempotency-Key');
  const unprintable = await clerk.post('/api/cases', body, { headers: { 'Idempotency-Key': 'a b' } });
  assertError(unprintable, 400, 'INVALID_ARGUMENT', 'Idempotency-Key');
  const tooLong = await clerk.post('/api/cases', body, { headers: { 'Idempotency-Key': 'k'.repeat(101) } });
  assertError(tooLong, 400, 'INVALID_ARGUMENT', 'Idempotency-Key');
  assert.equal((await byId(applicant.id_number)).length, 1, 'still one case');

  // Twenty copies of one request at once (a double-clicking, retrying client).
  const burst = person(3);
  people.push(burst);
  const k2 = key();
  const answers = await Promise.all(Array.from({ length: 20 }, () =>
    clerk.post('/api/cases', intakeBody(IMMEDIATE_ITEM, burst), { headers: { 'Idempotency-Key': k2 } })));
  assert.deepEqual([...new Set(answers.map((a) => a.status))], [201], answers.map((a) => a.text).join('\n'));
  assert.equal(new Set(answers.map((a) => a.text)).size, 1, 'every copy gets the same answer');
  assert.equal(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true').length, 19);
  assert.deepEqual((await byId(burst.id_number)).map((c) => c.id), [answers[0].body.id]);
});

test('docs/api/cases.md: the same Idempotency-Key with another body is 422 UNPROCESSABLE on field Idempotency-Key', async () => {
  const applicant = person(4);
  people.push(applicant);
  const body = intakeBody(IMMEDIATE_ITEM, applicant);
  const k = key();
  assert.equal((await clerk.post('/api/cases', body, { headers: { 'Idempotency-Key': k } })).status, 201);
  const other = await clerk.post('/api/cases', { ...body, item_code: 'BJ-JYCY-002' }, { headers: { 'Idempotency-Key': k } });
  assertError(other, 422, 'UNPROCESSABLE', 'Idempotency-Key');
});

test('issue 6 bad input gets a clear error and changes nothing: ID check digit, unknown item, uploads, early acceptance; 一次性告知制 items 3/4/10 (三(八))', async () => {
  const count = async () => (await clerk.get('/api/cases?limit=500')).body.items.length;
  const before = await count();

  // A wrong check digit, and an unknown item: 400 with the field; no case.
  const good = person(10);
  people.push(good);
  const wrongLast = good.id_number.at(-1) === '1' ? '2' : '1';
  const badId = { ...good, id_number: good.id_number.slice(0, 17) + wrongLast };
  const k = key();
  const bad = await clerk.post('/api/cases', intakeBody(REVIEWED_ITEM, badId), { headers: { 'Idempotency-Key': k } });
  assertError(bad, 400, 'INVALID_ARGUMENT', 'applicant.id_number');
  assert.match(bad.body.error.message, /校验位/);
  const unknown = await clerk.post('/api/cases', intakeBody('BJ-NONE-001', good), { headers: { 'Idempotency-Key': key() } });
  assertError(unknown, 400, 'INVALID_ARGUMENT', 'item_code');
  assert.equal(await count(), before);
  assert.equal((await clerk.get(`/api/cases?q=${badId.id_number}`)).body.items.length, 0);
  // A refused request does not use up its key: corrected, it goes through.
  const fixed = await clerk.post('/api/cases', intakeBody(REVIEWED_ITEM, good), { headers: { 'Idempotency-Key': k } });
  assert.equal(fixed.status, 201, fixed.text);
  assert.equal(fixed.headers.get('idempotent-replayed'), null);
  const c = fixed.body;

  // Uploads: only JPEG/PNG/PDF by content, at most 4 MiB.
  const upload = (bytes, type, material = 0) =>
    clerk.request('POST', `/api/cases/${c.id}/files?material=${material}`, { bytes, type });
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), crypto.randomBytes(64)]);
  const textAsPng = await upload(Buffer.from('这不是图片,只是一段文字。\n'), 'image/png');
  assertError(textAsPng, 415, 'UNSUPPORTED_MEDIA_TYPE', 'file');
  assertError(await upload(png, 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'file');
  const jpegAsPng = await upload(Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), crypto.randomBytes(64)]), 'image/png');
  assertError(jpegAsPng, 415, 'UNSUPPORTED_MEDIA_TYPE', 'file');
  assert.match(jpegAsPng.body.error.message, /不符/);
  const justOver = Buffer.alloc(4 * 1024 * 1024 + 1, 7);
  png.copy(justOver);
  assertError(await upload(justOver, 'image/png'), 413, 'PAYLOAD_TOO_LARGE');
  const wayOver = Buffer.alloc(5 * 1024 * 1024, 7);
  png.copy(wayOver);
  assertError(await upload(wayOver, 'image/png'), 413, 'PAYLOAD_TOO_LARGE');
  let d = (await clerk.get(`/api/cases/${c.id}`)).body;
  assert.deepEqual(d.files, [], 'no refused upload left a file behind');
  assert.equal(d.events.filter((e) => e.kind === 'file').length, 0);
  const ok = await upload(png, 'image/png');
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.content_type, 'image/png');
  assert.equal(ok.body.size, png.length);

  // Acceptance with a material not yet checked: 422 naming it; still 受理中.
  const early = await clerk.post(`/api/cases/${c.id}/accept`, undefined);
  const pending = c.materials.find((m) => m.state === 'pending');
  assertError(early, 422, 'UNPROCESSABLE', `materials[${pending.idx}]`);
  assert.ok(early.body.error.message.includes(pending.name), early.body.error.message);
  d = (await clerk.get(`/api/cases/${c.id}`)).body;
  assert.equal(d.status, 'intake');
  assert.equal(d.accepted_at, null);
  assert.deepEqual(d.tasks, []);

  // 一次性告知: a later notice may not ask for a material the first did not
  // name, unless the hall manager records why (三(八)).
  const n = await openCase(IMMEDIATE_ITEM, 11);
  const [m0, m1] = n.materials.filter((m) => m.state === 'pending');
  const judge = (idx, body) => clerk.put(`/api/cases/${n.id}/materials/${idx}`, body);
  assert.equal((await judge(m0.idx, { state: 'missing', reason: '未携带身份证原件' })).status, 200);
  const notice1 = await clerk.post(`/api/cases/${n.id}/notice`, { note: '请补齐后再来' }, { headers: { 'Idempotency-Key': key() } });
  assert.equal(notice1.status, 201, notice1.text);
  assert.deepEqual(notice1.body.lines.map((l) => l.idx), [m0.idx]);
  assertError(await judge(m1.idx, { state: 'missing', reason: '还缺这份' }), 409, 'CONFLICT', 'status');
  assert.equal((await clerk.post(`/api/cases/${n.id}/resume`, undefined)).status, 200);
  const untold = await judge(m1.idx, { state: 'missing', reason: '还缺这份' });
  assertError(untold, 422, 'UNPROCESSABLE', `materials[${m1.idx}]`);
  assert.match(untold.body.error.message, /一次性告知书未列出/);
  d = (await clerk.get(`/api/cases/${n.id}`)).body;
  assert.equal(d.materials.find((m) => m.idx === m1.idx).state, 'pending', 'the refused judgement changed nothing');
  assert.equal((await judge(m0.idx, { state: 'defective', reason: '复印件不清晰' })).status, 200, 'a told material may be judged again');

  assertError(await clerk.post(`/api/cases/${n.id}/notice-additions`, { idx: m1.idx, reason: '政策调整' }), 403, 'FORBIDDEN');
  assertError(await hallmgr.post(`/api/cases/${n.id}/notice-additions`, { idx: m1.idx }), 400, 'INVALID_ARGUMENT', 'reason');
  const allowed = await hallmgr.post(`/api/cases/${n.id}/notice-additions`, { idx: m1.idx, reason: '首次告知遗漏,经负责人核准补充' });
  assert.equal(allowed.status, 204, allowed.text);
  assert.equal((await judge(m1.idx, { state: 'missing', reason: '还缺这份' })).status, 200);
  const notice2 = await clerk.post(`/api/cases/${n.id}/notice`, {}, { headers: { 'Idempotency-Key': key() } });
  assert.equal(notice2.status, 201, notice2.text);
  assert.equal(notice2.body.number, 2);
  assert.deepEqual(notice2.body.lines.map((l) => l.idx).sort(), [m0.idx, m1.idx].sort());
  // The printed notice (一次性告知书) carries its number and every material with why.
  const printed = await fetch(`${server.url}/api/cases/${n.id}/notice.pdf?n=2`, { headers: { cookie: clerk.cookie } });
  assert.equal(printed.status, 200);
  assert.equal(printed.headers.get('content-type'), 'application/pdf');
  const noticePdf = path.join(server.dataDir, 'notice.pdf');
  await writeFile(noticePdf, Buffer.from(await printed.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-layout', noticePdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  assert.ok(text.includes(notice2.body.notice_no), text);
  for (const l of notice2.body.lines) {
    assert.ok(text.includes(l.name), `${l.name} on the notice`);
    assert.ok(text.includes(l.reason.replace(/\s+/g, '')), `${l.reason} on the notice`);
  }
  assert.ok(!text.includes(person(11).name), 'only the masked name is printed');
  assert.ok(text.includes(n.applicant_name_masked), text);

  // Corrected, the 即办件 is done at the window.
  assert.equal((await clerk.post(`/api/cases/${n.id}/resume`, undefined)).status, 200);
  for (const m of [m0, m1]) assert.equal((await judge(m.idx, { state: 'received', form: 'original' })).status, 200);
  for (const m of n.materials.filter((x) => x.state === 'pending' && ![m0.idx, m1.idx].includes(x.idx)))
    assert.equal((await judge(m.idx, { state: 'not_applicable' })).status, 200);
  const done = await clerk.post(`/api/cases/${n.id}/accept`, undefined);
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'ready');
  assert.equal(done.body.outcome, 'approved');
  assert.deepEqual(done.body.tasks, []);
});

test('issue 6 bad input: a refused upload leaves no sealed file behind in var/files', async () => {
  const c = await openCase(REVIEWED_ITEM, 12);
  const filesDir = path.join(server.dataDir, 'var/files');
  const stored = async () => (await readdir(filesDir, { recursive: true }).catch(() => [])).filter((f) => f.endsWith('.sealed')).sort();
  const before = await stored();
  const jpeg = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), crypto.randomBytes(64)]);
  const refused = await clerk.request('POST', `/api/cases/${c.id}/files?material=0`, { bytes: jpeg, type: 'image/png' });
  assert.equal(refused.status, 415);
  assert.deepEqual(await stored(), before);
});

test('issue 6 public progress, 四公开 办事时限/结果公开 (三(八)): the receipt\'s QR token or the full ID number shows progress without staff names', async () => {
  const accepted = await acceptedCase(REVIEWED_ITEM, 20);
  const applicant = people.at(-1);
  const task = accepted.tasks.find((t) => t.state === 'open');
  assert.equal((await reviewer.post(`/api/tasks/${task.id}/act`, { action: 'approve', opinion: '材料齐全' })).status, 200);

  // The token comes only from the printed receipt's QR code.
  const receipt = await fetch(`${server.url}/api/cases/${accepted.id}/receipt.pdf`, { headers: { cookie: clerk.cookie } });
  assert.equal(receipt.status, 200);
  const pdf = path.join(server.dataDir, 'receipt.pdf');
  await writeFile(pdf, Buffer.from(await receipt.arrayBuffer()));
  const png = path.join(server.dataDir, 'receipt');
  assert.equal(spawnSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', pdf, png]).status, 0);
  const scan = spawnSync('zbarimg', ['--quiet', '--raw', `${png}-1.png`], { encoding: 'utf8' });
  const qr = new URL(scan.stdout.trim());
  assert.equal(qr.pathname, `/progress/${accepted.case_no}`);
  const token = qr.searchParams.get('t');
  assert.ok(token && token.length >= 16, scan.stdout);

  const progressUrl = `${server.url}/api/progress/${accepted.case_no}`;
  const byToken = await fetch(`${progressUrl}?t=${encodeURIComponent(token)}`);
  assert.equal(byToken.status, 200);
  const text = await byToken.text();
  const shown = JSON.parse(text);
  assert.equal(shown.case_no, accepted.case_no);
  assert.equal(shown.status, 'review');
  assert.equal(shown.due_day, accepted.due_day);
  const kinds = shown.steps.map((s) => s.kind);
  for (const k of ['opened', 'accepted', 'task_opened', 'approved']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
  assert.ok(!kinds.includes('judged'), 'internal steps stay internal');
  assert.ok(shown.steps.every((s) => !('actor_login' in s)));
  for (const login of STAFF_LOGINS) assert.doesNotMatch(text, new RegExp(`"${login}"|\\b${login}\\b`), login);
  for (const secret of [applicant.id_number, applicant.name, applicant.phone]) assert.ok(!text.includes(secret), secret);
  assert.equal(byToken.headers.get('cache-control'), 'no-store');

  const wrongToken = await fetch(`${progressUrl}?t=${'A'.repeat(token.length)}`);
  assert.equal(wrongToken.status, 404);
  const noToken = await fetch(progressUrl);
  assert.equal(noToken.status, 400);
  assert.equal((await noToken.json()).error.field, 't');

  // By the full ID number, in the body (never in a URL).
  const ask = (caseNo, idNumber) => fetch(`${server.url}/api/progress/${caseNo}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id_number: idNumber }) });
  const byId = await ask(accepted.case_no, applicant.id_number);
  assert.equal(byId.status, 200);
  assert.deepEqual(await byId.json(), shown);
  const wrongId = await ask(accepted.case_no, person(21).id_number);
  assert.equal(wrongId.status, 404);
  const notFound = (await wrongId.json()).error;
  assert.equal(notFound.code, 'NOT_FOUND');
  assertChinese(notFound.message);
  // No oracle: an unknown case number gets the same answer as a wrong ID.
  const noCase = await ask('20000101-000001', applicant.id_number);
  assert.equal(noCase.status, 404);
  assert.equal((await noCase.json()).error.message, notFound.message);
});

// Many intakes at once, SIGKILL at a random moment, restart on the same data
// dir (SQLite file, var/keys key file, var/files). Every request answered 2xx
// must be there afterwards, and its retry must replay, not double.
test('issue 6 Done-when: SIGKILL during concurrent intake loses nothing acknowledged', async (t) => {
  const ROUNDS = 5;
  const WORKERS = 24;
  let srv = await startServer({ seed: true, removeDataDir: false });
  const dataDir = srv.dataDir;
  const sent = [];
  let n = 1000;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const c = await signIn(srv.url, 'clerk');
      let dying = false;
      const worker = async () => {
        while (!dying) {
          const applicant = person(n++);
          const req = { round, key: key(), applicant, body: intakeBody(REVIEWED_ITEM, applicant) };
          sent.push(req);
          try {
            const a = await c.post('/api/cases', req.body, { headers: { 'Idempotency-Key': req.key } });
            req.status = a.status;
            if (a.status >= 200 && a.status < 300) req.ack = { text: a.text, id: a.body.id, case_no: a.body.case_no };
            else req.refused = a.text;
          } catch (e) {
            req.error = e.cause?.code ?? e.message;
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      await sleep(250 + crypto.randomInt(700));
      dying = true;
      assert.equal(await srv.kill('SIGKILL'), 'SIGKILL');
      await Promise.all(workers);

      const mine = sent.filter((r) => r.round === round);
      const acked = mine.filter((r) => r.ack);
      const lost = mine.filter((r) => r.error);
      t.diagnostic(`round ${round + 1}: ${mine.length} sent, ${acked.length} acknowledged, ${lost.length} cut off by the kill`);
      assert.deepEqual(mine.filter((r) => r.refused).map((r) => `${r.status} ${r.refused}`), [], 'no refusals before the kill');
      assert.ok(acked.length > 0, 'some intakes were acknowledged before the kill');

      srv = await startServer({ dataDir, removeDataDir: false });
      const after = await signIn(srv.url, 'clerk');
      for (const r of acked) {
        const found = await after.get(`/api/cases?q=${r.ack.case_no}`);
        assert.deepEqual(found.body.items.map((x) => x.id), [r.ack.id], `acknowledged ${r.ack.case_no} survived`);
        assert.equal(found.body.items[0].applicant_id_masked, `${r.applicant.id_number.slice(0, 6)}********${r.applicant.id_number.slice(-4)}`);
        const retry = await after.post('/api/cases', r.body, { headers: { 'Idempotency-Key': r.key } });
        assert.equal(retry.status, 201);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true', `retry of ${r.ack.case_no} replays`);
        assert.equal(retry.text, r.ack.text);
      }
      // The unanswered ones are retried like a client would: each ends as
      // exactly one case (a replay if it had committed before the kill).
      const replayed = await Promise.all(mine.filter((r) => !r.ack).map(async (r) => {
        const retry = await after.post('/api/cases', r.body, { headers: { 'Idempotency-Key': r.key } });
        assert.equal(retry.status, 201, retry.text);
        return retry.headers.get('idempotent-replayed') === 'true';
      }));
      t.diagnostic(`round ${round + 1}: of the unanswered, ${replayed.filter(Boolean).length} had committed (retry replayed)`);
      await Promise.all(mine.map(async (r) => {
        const items = (await after.get(`/api/cases?q=${r.applicant.id_number}`)).body.items;
        assert.equal(items.length, 1, `one case for request ${r.key}`);
      }));
    }

    const sqlite = (sql) => spawnSync('sqlite3', [path.join(dataDir, 'yichuang.db'), sql], { encoding: 'utf8' });
    assert.equal(sqlite('PRAGMA integrity_check').stdout.trim(), 'ok');
    assert.equal(sqlite('PRAGMA foreign_key_check').stdout.trim(), '');
    assert.equal(Number(sqlite('SELECT COUNT(*) FROM service_case').stdout), sent.length, 'one case per request, none doubled');
    assert.equal((await fetch(`${srv.url}/api/health`)).status, 200);
    const log = await readFile(srv.logPath, 'utf8');
    for (const r of sent) assert.ok(!log.includes(r.applicant.id_number), 'no ID number in the server log');
  } finally {
    await srv.stop();
    if (process.env.YICHUANG_KEEP_TEST_DIRS !== '1') await rm(dataDir, { recursive: true, force: true });
  }
});

test('issue 6 personal data (STYLE §8): only masked values in answers, none in the server log', async () => {
  assert.ok(people.length >= 6);
  const secrets = people.flatMap((p) => [p.id_number, p.name, p.phone]);
  const list = await clerk.get('/api/cases?limit=500');
  assert.equal(list.status, 200);
  const texts = [list.text, (await reviewer.get('/api/tasks?step=approve')).text];
  for (const p of people) {
    const items = (await clerk.get(`/api/cases?q=${p.id_number}`)).body.items;
    assert.ok(items.length >= 1, p.id_number);
    for (const item of items) {
      const d = await clerk.get(`/api/cases/${item.id}`);
      assert.equal(d.status, 200);
      texts.push(d.text);
      assert.equal(d.body.applicant_id_masked, `${p.id_number.slice(0, 6)}********${p.id_number.slice(-4)}`);
      assert.equal(d.body.applicant_name_masked, [...p.name][0] + '*'.repeat([...p.name].length - 1));
      assert.equal(d.body.applicant_phone_masked, `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    }
  }
  for (const text of texts) for (const s of secrets) assert.ok(!text.includes(s), `an answer shows ${s} unmasked`);
  const log = await readFile(server.logPath, 'utf8');
  assert.ok(log.includes('/api/cases'), 'the access log saw the requests');
  for (const s of secrets) assert.ok(!log.includes(s), `the server log holds ${s}`);
});
