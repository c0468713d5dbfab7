// Webhooks over real HTTP (issue 10, item 7; docs/api/exchange.md): a system
// administrator subscribes a local receiver to case events of a district;
// a case accepted and completed there reaches it, signed with HMAC-SHA256
// over "timestamp.body" with the secret shown once; a receiver that fails
// gets the delivery again later, and a dead letter can be sent again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { startServer } from '../e2e/lib/server.mjs';
import { finishedCase, sharedTotpSession, signIn } from './client.mjs';

const closers = [];
after(async () => { for (const c of closers.reverse()) await c(); });

async function receiver(status = 204) {
  const got = [];
  const srv = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(srv.status).end();
    });
  });
  srv.status = status;
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => srv.close(r)));
  return { srv, got, url: `http://127.0.0.1:${srv.address().port}/hook` };
}

const waitFor = async (cond, ms = 10000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

test('case events reach a subscribed system, signed; bad input is refused and others cannot manage webhooks', async () => {
  const server = await startServer({ seed: true, env: { YICHUANG_EXCHANGE_DISPATCH_SECONDS: '1' } });
  closers.push(() => server.stop());
  const hook = await receiver();
  const admin = await sharedTotpSession(server.url, 'sysadmin');
  const badUrl = await admin.post('/api/webhooks', { name: '区数据中心', url: 'http://example.com/hook', unit: '110101', events: ['case.accepted'] });
  assert.equal(badUrl.status, 400);
  assert.equal(badUrl.body.error.field, 'url');
  const created = await admin.post('/api/webhooks',
    { name: '区数据中心', url: hook.url, unit: '110101', events: ['case.accepted', 'case.completed'] });
  assert.equal(created.status, 201, created.text);
  const secret = created.body.secret;
  assert.ok(secret.length >= 32);
  assert.ok(!(await admin.get('/api/webhooks')).text.includes(secret), 'the secret is shown once');
  assert.equal((await (await signIn(server.url, 'clerk')).get('/api/webhooks')).status, 403);

  const c = await finishedCase(await signIn(server.url, 'clerk'), 71);
  assert.ok(await waitFor(() => hook.got.length >= 2), `got ${hook.got.length}`);
  const events = hook.got.map((g) => g.headers['x-yichuang-event']).sort();
  assert.deepEqual(events, ['case.accepted', 'case.completed']);
  for (const g of hook.got) {
    const ts = g.headers['x-yichuang-timestamp'];
    const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(`${ts}.${g.body}`).digest('hex');
    assert.equal(g.headers['x-yichuang-signature'], expected);
    const body = JSON.parse(g.body);
    assert.equal(body.case_no, c.case_no);
    assert.ok(!/(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)/.test(g.body), `no ID or phone numbers in events: ${g.body}`);
  }
  const delivered = await admin.get('/api/webhooks/deliveries?state=delivered');
  assert.equal(delivered.body.items.length, 2);
});

test('a failing receiver is retried later and ends as a dead letter that can be sent again', async () => {
  const server = await startServer({ seed: true, removeDataDir: false, env: { YICHUANG_EXCHANGE_DISPATCH_SECONDS: '1' } });
  closers.push(() => server.stop());
  const hook = await receiver(500);
  const admin = await sharedTotpSession(server.url, 'sysadmin');
  assert.equal((await admin.post('/api/webhooks', { name: '市数据中心', url: hook.url, unit: '110000', events: ['case.accepted'] })).status, 201);
  await finishedCase(await signIn(server.url, 'clerk'), 72);
  assert.ok(await waitFor(() => hook.got.length >= 1));
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(hook.got.length, 1, 'the next attempt waits a minute');
  const pending = (await admin.get('/api/webhooks/deliveries?state=pending')).body.items;
  assert.equal(pending.length, 1);
  assert.equal(pending[0].attempts, 1);
  assert.equal(pending[0].last_status, 500);
  assert.equal((await admin.post(`/api/webhooks/deliveries/${pending[0].id}/retry`)).status, 409, 'only dead letters');
});
