// Telling applicants (issue 11, item 4; docs/api/citizen.md): with an HTTP
// SMS gateway configured (a receiver on 127.0.0.1 here), a case's steps
// reach the applicant's phone once each, with the gateway's key; the same
// news is in the portal's 消息 for the signed-in citizen, who marks it read;
// the full phone number never appears in the server's log.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { startServer } from '../e2e/lib/server.mjs';
import { signIn } from './client.mjs';

const closers = [];
after(async () => { for (const c of closers.reverse()) await c(); });

const PHONE = '13900001111';
const ZHANG = '110101199003071233';  // the demo citizen 张敏 (identity/citizens.cpp)

async function gateway() {
  const got = [];
  const srv = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: `m${got.length}` }));
    });
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => srv.close(r)));
  return { got, url: `http://127.0.0.1:${srv.address().port}/sms` };
}

const waitFor = async (cond, ms = 15000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

test('case steps reach the applicant by SMS once each and in the portal', async () => {
  const gw = await gateway();
  const server = await startServer({
    seed: true,
    env: {
      YICHUANG_SMS_SENDER: 'http', YICHUANG_SMS_URL: gw.url, YICHUANG_SMS_KEY: 'gateway-key-1',
      YICHUANG_SMS_DISPATCH_SECONDS: '1', YICHUANG_CITIZEN_DEMO_ACCOUNTS: 'true',
    },
  });
  closers.push(() => server.stop());

  // 失业登记 (即办) for 张敏 with a phone: accepted and ready at once, then delivered at the window.
  const clerk = await signIn(server.url, 'clerk');
  const hall = (await clerk.get('/api/org/sites')).body.items.find((x) => x.unit_code === '110101001' && x.kind === 'hall');
  const opened = await clerk.post('/api/cases', {
    item_code: 'BJ-JYCY-001', site_id: hall.id, applicant: { kind: 'person', id_number: ZHANG, name: '张敏', phone: PHONE },
  }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  assert.equal(opened.status, 201, opened.text);
  for (const m of opened.body.materials.filter((x) => x.state === 'pending')) {
    await clerk.put(`/api/cases/${opened.body.id}/materials/${m.idx}`,
      m.required ? { state: 'received', form: 'original' } : { state: 'not_applicable' });
  }
  const accepted = await clerk.post(`/api/cases/${opened.body.id}/accept`, undefined);
  assert.equal(accepted.body.status, 'ready');
  const delivered = await clerk.post(`/api/cases/${opened.body.id}/deliver`,
    { method: 'window', receiver_name: '张敏', receiver_id_number: ZHANG, window_number: 1 });
  assert.equal(delivered.status, 200, delivered.text);
  const caseNo = accepted.body.case_no;

  assert.ok(await waitFor(() => gw.got.length >= 2), `gateway got ${gw.got.length}`);
  await new Promise((r) => setTimeout(r, 2500));  // and nothing more on the next rounds
  assert.equal(gw.got.length, 2);
  for (const m of gw.got) {
    assert.equal(m.auth, 'Bearer gateway-key-1');
    assert.equal(m.body.phone, PHONE);
    assert.ok(m.body.text.includes(caseNo), m.body.text);
    assert.ok(!m.body.text.includes('张敏') && !m.body.text.includes(ZHANG), 'no personal data in the text');
  }
  assert.match(gw.got[0].body.text, /已办结/);
  assert.match(gw.got[1].body.text, /已出件/);
  assert.notEqual(gw.got[0].body.ref, gw.got[1].body.ref);

  // The same news in the portal for 张敏.
  const login = await fetch(`${server.url}/api/citizen/demo-login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'zhangmin' }) });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await login.json();
  const get = async (path) => (await fetch(server.url + path, { headers: { cookie } })).json();
  const news = await get('/api/citizen/notifications');
  assert.equal(news.unread, 2);
  assert.deepEqual(news.items.map((n) => n.kind), ['case.delivered', 'case.ready']);
  assert.ok(news.items.every((n) => n.sms === 'sent' && n.case_no === caseNo && n.link.startsWith(`/progress/${caseNo}?t=`)));
  const noCsrf = await fetch(`${server.url}/api/citizen/notifications/read`, {
    method: 'POST', headers: { cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ up_to: news.items[0].id }) });
  assert.equal(noCsrf.status, 403);
  const read = await fetch(`${server.url}/api/citizen/notifications/read`, {
    method: 'POST', headers: { cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
    body: JSON.stringify({ up_to: news.items[0].id }) });
  assert.equal((await read.json()).marked, 2);
  assert.equal((await get('/api/citizen/notifications')).unread, 0);

  const log = await readFile(server.logPath, 'utf8');
  assert.ok(!log.includes(PHONE), 'the full phone number is never logged');
});
