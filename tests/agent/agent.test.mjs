// yichuang-agent over real HTTP (issue 8): pairing with a window, heartbeats
// that the server keeps, the ID card read through the simulated reader on a
// pseudo-terminal, and the Origin/Host checks that keep other web pages
// (and DNS rebinding) away from the card readers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer } from '../e2e/lib/server.mjs';
import { signIn } from '../api/client.mjs';
import { agentBin, startAgent } from './lib/agent.mjs';
import { startPcsc } from './lib/pcsc.mjs';
import { repoRoot } from '../e2e/lib/server.mjs';

const SITE = 1;
let server;
let hallmgr;
let agent;
let origin;
let token;
let windowId;

function call(method, p, { headers = {}, body } = {}) {
  return fetch(agent.url + p, { method, headers: { Origin: origin, ...headers }, body })
    .then(async (res) => ({ status: res.status, headers: res.headers, body: await res.json().catch(() => null) }));
}

// node:http, so that the Host header is ours to set (fetch would fix it).
function rawRequest(port, { method = 'GET', path: p = '/api/status', headers = {} }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

function assertError(a, status, code, field) {
  assert.equal(a.status, status, JSON.stringify(a.body));
  assert.equal(a.body.error.code, code, JSON.stringify(a.body));
  if (field !== undefined) assert.equal(a.body.error.field, field, JSON.stringify(a.body));
  assert.match(a.body.error.message, /[\u4e00-\u9fff]/);
}

before(async () => {
  server = await startServer({ seed: true });
  origin = new URL(server.url).origin;
  hallmgr = await signIn(server.url, 'hallmgr');
  const windows = await hallmgr.get(`/api/hall/sites/${SITE}/windows`);
  windowId = windows.body.items.find((w) => w.number === 2).id;
  const reg = await hallmgr.post(`/api/hall/sites/${SITE}/devices`, { kind: 'agent', name: '2 号窗口设备助手', window_id: windowId });
  assert.equal(reg.status, 201, reg.text);
  token = reg.body.token;
  assert.equal(reg.body.device.kind, 'agent');
  assert.equal(reg.body.device.window_no, 2);
  agent = await startAgent({ serverUrl: server.url, token, sscard: false, scanner: false, heartbeatSeconds: 10 });
});

after(async () => {
  await agent?.stop();
  await server?.stop();
});

test('an agent is registered for one window of the hall; bad registrations change nothing (三(五))', async () => {
  const before = (await hallmgr.get(`/api/hall/sites/${SITE}/devices`)).body.items.length;
  const noWindow = await hallmgr.post(`/api/hall/sites/${SITE}/devices`, { kind: 'agent', name: '无窗口' });
  assertError({ status: noWindow.status, body: noWindow.body }, 400, 'INVALID_ARGUMENT', 'window_id');
  const other = await hallmgr.get('/api/hall/sites/2/windows');
  if (other.status === 200 && other.body.items.length > 0) {
    const foreign = await hallmgr.post(`/api/hall/sites/${SITE}/devices`, { kind: 'agent', name: '别处窗口', window_id: other.body.items[0].id });
    assert.equal(foreign.status, 400, foreign.text);
  }
  const badKind = await hallmgr.post(`/api/hall/sites/${SITE}/devices`, { kind: 'camera', name: 'x' });
  assertError({ status: badKind.status, body: badKind.body }, 400, 'INVALID_ARGUMENT', 'kind');
  assert.equal((await hallmgr.get(`/api/hall/sites/${SITE}/devices`)).body.items.length, before);
});

test('the agent reports its devices; the server keeps the status and names the window', async () => {
  let mine;
  for (let i = 0; i < 100; i++) {
    const list = await hallmgr.get(`/api/hall/sites/${SITE}/devices`);
    mine = list.body.items.find((d) => d.kind === 'agent' && d.window_id === windowId);
    if (mine?.status) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(mine?.status, 'a heartbeat arrived');
  const idcard = mine.status.find((s) => s.device === 'idcard');
  assert.equal(idcard.state, 'ready');
  assert.equal(mine.status.find((s) => s.device === 'sscard').state, 'disabled');
  assert.ok(mine.status_at > 0);

  const status = await call('GET', '/api/status');
  assert.equal(status.status, 200);
  assert.equal(status.body.agent.paired, true);
  assert.equal(status.body.agent.window_no, '2');
  assert.equal(status.body.agent.window_id, windowId);
  assert.equal(status.headers.get('access-control-allow-origin'), origin);
  assert.match(status.headers.get('vary'), /Origin/);
});

test('tokens do not cross: an agent token opens no kiosk route and a kiosk token no heartbeat', async () => {
  const asKiosk = await fetch(`${server.url}/api/kiosk/me`, { headers: { Authorization: `Device ${token}` } });
  assert.equal(asKiosk.status, 401);
  const asAgent = await fetch(`${server.url}/api/agent/heartbeat`, {
    method: 'POST',
    headers: { Authorization: 'Device yichuang-demo-kiosk-1', 'Content-Type': 'application/json' },
    body: JSON.stringify({ devices: [] }),
  });
  assert.equal(asAgent.status, 401);
  const bad = await fetch(`${server.url}/api/agent/heartbeat`, {
    method: 'POST',
    headers: { Authorization: `Device ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ devices: [{ device: 'toaster', state: 'ready' }] }),
  });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.field, 'devices[0].device');
});

test('the ID card is read through the simulated reader; no card, SAM fault and read errors are clear (三(五))', async () => {
  const card = await call('POST', '/api/idcard/read');
  assert.equal(card.status, 200, JSON.stringify(card.body));
  assert.equal(card.body.name, '王晓明');
  assert.equal(card.body.id_number, '11010519491231002X');
  assert.equal(card.body.sex, '男');
  assert.equal(card.body.nation, '汉');
  assert.equal(card.body.valid_to, '长期');
  assert.equal(card.body.photo, null);
  assert.equal(card.headers.get('cache-control'), 'no-store');

  await agent.idcard('card=absent\n');
  assertError(await call('POST', '/api/idcard/read'), 422, 'NO_CARD');
  await agent.idcard('fault=sam\n');
  const sam = await call('POST', '/api/idcard/read');
  assertError(sam, 502, 'DEVICE_FAILED');
  assert.match(sam.body.error.message, /SAM/);
  await agent.idcard('garble_every=2\n');
  assert.equal((await call('POST', '/api/idcard/read')).status, 200, 'a garbled reply is asked again');
  await agent.idcard('card=present\n');
  // Devices that are not configured say so.
  assertError(await call('POST', '/api/sscard/read'), 503, 'DEVICE_ABSENT');
});

test('a request from another origin, without one, or to another Host is refused before any device is touched', async () => {
  await agent.idcard('card=present\n');
  const evil = await fetch(`${agent.url}/api/idcard/read`, { method: 'POST', headers: { Origin: 'http://evil.example' } });
  assert.equal(evil.status, 403);
  const body = await evil.json();
  assert.equal(body.error.code, 'FORBIDDEN');
  assert.equal(body.error.field, 'Origin');
  assert.equal(evil.headers.get('access-control-allow-origin'), null);
  assert.ok(!JSON.stringify(body).includes('王晓明'));

  const none = await fetch(`${agent.url}/api/idcard/read`, { method: 'POST' });
  assert.equal(none.status, 403);

  // DNS rebinding: the right Origin header cannot help a wrong Host.
  const rebound = await rawRequest(agent.port, { headers: { Host: `evil.example:${agent.port}`, Origin: origin } });
  assert.equal(rebound.status, 403);
  assert.equal(rebound.body.error.field, 'Host');

  const preflight = await rawRequest(agent.port, {
    method: 'OPTIONS', path: '/api/idcard/read',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], origin);
  assert.equal(preflight.headers['access-control-allow-private-network'], 'true');
  const evilPreflight = await rawRequest(agent.port, {
    method: 'OPTIONS', path: '/api/idcard/read',
    headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(evilPreflight.status, 403);
  assert.equal(evilPreflight.headers['access-control-allow-origin'], undefined);
});

test('pair checks the token with the server and keeps it in a 0600 file; a wrong token is refused', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yc-pair-'));
  try {
    const config = path.join(dir, 'agent.toml');
    await writeFile(config, `[server]\nurl = "${server.url}"\n[sscard]\nenabled = false\n[scanner]\nenabled = false\n`);
    const run = promisify(execFile);
    const bad = await run(agentBin, ['--config', config, 'pair', '--token', 'not-a-token']).catch((e) => e);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /配对失败/);
    await assert.rejects(stat(path.join(dir, 'agent.token')));
    const good = await run(agentBin, ['--config', config, 'pair', '--token', token]);
    assert.match(good.stdout, /已配对/);
    assert.match(good.stdout, /2 号窗口/);
    const st = await stat(path.join(dir, 'agent.token'));
    assert.equal(st.mode & 0o777, 0o600);
    assert.equal((await readFile(path.join(dir, 'agent.token'), 'utf8')).trim(), token);

    // Listening beyond loopback is refused at start.
    await writeFile(config, `[agent]\nlisten = "0.0.0.0"\n[server]\nurl = "${server.url}"\n`);
    const open = await run(agentBin, ['--config', config, 'status']).catch((e) => e);
    assert.equal(open.code, 2);
    assert.match(open.stderr, /127\.0\.0\.1/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the social-security card is read over PC/SC from the virtual card; no card and no PSAM are clear (三(五))', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yc-pcsc-'));
  const pcsc = await startPcsc({
    vcardBin: process.env.YICHUANG_SSCARD_VCARD_BIN ?? path.join(repoRoot, 'build/test/tools/devsim/yc-sscard-vcard'),
    script: path.join(repoRoot, 'tools/devsim/pcsc-sim'),
    dir,
  });
  let second;
  try {
    second = await startAgent({ serverUrl: server.url, idcard: false, scanner: false, env: pcsc.env });
    const read = () => fetch(`${second.url}/api/sscard/read`, { method: 'POST', headers: { Origin: origin } })
      .then(async (res) => ({ status: res.status, body: await res.json() }));
    assertError(await read(), 422, 'NO_CARD');
    await pcsc.insertCard(['--name', '欧阳娜娜', '--social-number', '11010519491231002X', '--sex', '2', '--nation', '03']);
    const card = await read();
    assert.equal(card.status, 200, JSON.stringify(card.body));
    assert.equal(card.body.name, '欧阳娜娜');
    assert.equal(card.body.social_number, '11010519491231002X');
    assert.equal(card.body.sex, '女');
    assert.equal(card.body.nation, '回');
    await pcsc.ejectCard();
    await pcsc.insertCard(['--no-psam']);
    // pcscd may still be settling the swap under load: a moment of "no card" is fine.
    let psam = await read();
    for (let i = 0; i < 50 && psam.status === 422; i++) {
      await new Promise((r) => setTimeout(r, 100));
      psam = await read();
    }
    assertError(psam, 502, 'DEVICE_FAILED');
    assert.match(psam.body.error.message, /PSAM/);
  } finally {
    await second?.stop();
    await pcsc.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
