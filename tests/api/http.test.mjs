// The HTTP contract of `yichuang serve` against a real server process:
// errors (STYLE.md §4), bad input, static files, request ids, headers,
// live events and graceful stop. Issue 3, "Errors" and "Live events".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { startServer } from '../e2e/lib/server.mjs';
import { rawRequest } from './raw.mjs';
import { openStream, publish } from './sse.mjs';

let server;
before(async () => { server = await startServer({}); });
after(async () => { await server?.stop(); });

function assertError(res, body, status, code) {
  assert.equal(res.status, status);
  assert.equal(body.error.code, code);
  assert.match(body.error.message, /[\u4e00-\u9fff]/, 'message is Chinese for people');
  assert.equal(typeof body.error.field, 'string');
  assert.ok(body.request_id, 'request_id present');
  assert.equal(res.headers.get('x-request-id'), body.request_id);
}

async function post(path, body, contentType = 'application/json') {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Authorization: `Bearer ${server.token}` },
    body,
  });
  return { res, body: await res.json() };
}

test('health answers 200 with database kind and migration level', async () => {
  const res = await fetch(`${server.url}/api/health`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database, 'sqlite');
  assert.ok(body.migration >= 1);
  assert.match(body.version, /^\d+\.\d+\.\d+$/);
});

test('system info is about 600 bytes of JSON with the Shanghai day', async () => {
  const res = await fetch(`${server.url}/api/system/info`);
  const text = await res.text();
  const body = JSON.parse(text);
  assert.equal(body.timezone, 'Asia/Shanghai');
  assert.match(body.local_date, /^\d{4}-\d{2}-\d{2}$/);
  const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(body.server_time));
  assert.equal(body.local_date, shanghai);
  const bytes = Buffer.byteLength(text);
  assert.ok(bytes > 450 && bytes < 900, `size ${bytes}`);
});

test('malformed JSON is 400 INVALID_JSON', async () => {
  const { res, body } = await post('/api/events/system', '{"a":');
  assertError(res, body, 400, 'INVALID_JSON');
});

test('wrong content type is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
  const { res, body } = await post('/api/events/system', '{"a":1}', 'text/plain');
  assertError(res, body, 415, 'UNSUPPORTED_MEDIA_TYPE');
});

test('invalid UTF-8 in a JSON body is 400 INVALID_JSON', async () => {
  const res = await fetch(`${server.url}/api/events/system`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  });
  assertError(res, await res.json(), 400, 'INVALID_JSON');
});

test('a body over the limit is 413 PAYLOAD_TOO_LARGE and the server stays up', async () => {
  const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) });
  const { res, body } = await post('/api/events/system', big);
  assertError(res, body, 413, 'PAYLOAD_TOO_LARGE');
  // Far over the limit the connection is cut without reading the body.
  const huge = `POST /api/events/system HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n{`;
  const r = await rawRequest(server.port, huge, { timeoutMs: 2000 });
  assert.notEqual(r.status, 200);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
});

test('an unknown API route is 404 NOT_FOUND', async () => {
  const res = await fetch(`${server.url}/api/no/such/thing`);
  assertError(res, await res.json(), 404, 'NOT_FOUND');
});

test('a wrong method is 405 METHOD_NOT_ALLOWED with Allow', async () => {
  const res = await fetch(`${server.url}/api/health`, { method: 'DELETE' });
  assertError(res, await res.json(), 405, 'METHOD_NOT_ALLOWED');
  assert.match(res.headers.get('allow'), /GET/);
});

test('publishing needs the bearer token', async () => {
  const res = await fetch(`${server.url}/api/events/system`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
  });
  assertError(res, await res.json(), 401, 'UNAUTHENTICATED');
  const bad = await fetch(`${server.url}/api/events/system`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong-token-of-some-length' }, body: '{}',
  });
  assertError(bad, await bad.json(), 401, 'UNAUTHENTICATED');
});

test('a bad topic is 400 with the field named', async () => {
  const { res, body } = await post('/api/events/Bad%20Topic', '{}');
  assertError(res, body, 400, 'INVALID_ARGUMENT');
  assert.equal(body.error.field, 'topic');
  const s = await fetch(`${server.url}/api/events?topics=ok,NOT%20OK`);
  const sb = await s.json();
  assertError(s, sb, 400, 'INVALID_ARGUMENT');
  assert.equal(sb.error.field, 'topics');
});

test('path traversal on static files is 404 and reads nothing outside the web root', async () => {
  for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/assets/..%2f..%2f..%2fetc%2fpasswd', '//etc/passwd', '/%252e%252e/etc/passwd', '/..\\..\\etc\\passwd',
    '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/etc/passwd%00.js']) {
    const r = await rawRequest(server.port, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.ok(r.status === 404 || r.status === 400, `${p} -> ${r.status}`);
    assert.ok(!r.body.includes('root:'), `${p} leaked /etc/passwd`);
  }
  const abs = await rawRequest(server.port, 'GET http://x/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.ok(!abs.body.includes('root:'));
});

test('the SPA is served with fallback, ETag revalidation and long-lived assets', async () => {
  const index = await fetch(`${server.url}/`);
  assert.equal(index.status, 200);
  const html = await index.text();
  assert.match(html, /<div id="app"/);
  const etag = index.headers.get('etag');
  assert.ok(etag);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const again = await fetch(`${server.url}/`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  const deep = await fetch(`${server.url}/some/client/route`);
  assert.equal(deep.status, 200);
  assert.equal(await deep.text(), html);
  const asset = html.match(/\/assets\/[^"]+\.js/)[0];
  const a = await fetch(server.url + asset, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(a.status, 200);
  assert.match(a.headers.get('cache-control'), /immutable/);
  assert.equal((await fetch(`${server.url}/assets/nope-123.js`)).status, 404);
  const head = await rawRequest(server.port, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});

test('security headers and request ids on every response', async () => {
  const res = await fetch(`${server.url}/api/health`, { headers: { 'X-Request-Id': 'abc-123' } });
  assert.equal(res.headers.get('x-request-id'), 'abc-123');
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const gen = await fetch(`${server.url}/api/health`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
  assert.match(gen.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
});

test('keep-alive: many requests on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve, reject) => {
      http.get(`${server.url}/api/system/info`, { agent }, (res) => {
        sockets.add(res.socket);
        assert.equal(res.statusCode, 200);
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
  }
  agent.destroy();
  assert.equal(sockets.size, 1, 'all five requests used one connection');
});

test('a published event reaches a stream and Last-Event-ID resumes what was missed', async () => {
  const s = openStream(`${server.url}/api/events?topics=hall.1,system`);
  await s.opened;
  assert.equal(s.status, 200);
  assert.match(s.headers['content-type'], /text\/event-stream/);
  const id1 = await publish(server, 'hall.1', { called: 'A001', window: 3, name: '𠮷' });
  const m1 = await s.waitFor((m) => m.id === id1);
  assert.deepEqual(m1.data.data, { called: 'A001', window: 3, name: '𠮷' });
  assert.equal(m1.data.topic, 'hall.1');
  s.close();
  const id2 = await publish(server, 'hall.1', { called: 'A002' });
  const other = await publish(server, 'hall.2', { called: 'B001' });
  const id3 = await publish(server, 'system', { notice: '系统将于今晚维护' });
  const r = openStream(`${server.url}/api/events?topics=hall.1,system`, { headers: { 'Last-Event-ID': String(id1) } });
  await r.opened;
  await r.waitFor((m) => m.id === id3);
  const ids = r.messages.map((m) => m.id);
  assert.deepEqual(ids, [id2, id3], 'replayed in order, only subscribed topics, nothing twice');
  assert.ok(!ids.includes(other));
  const id4 = await publish(server, 'hall.1', { called: 'A003' });
  await r.waitFor((m) => m.id === id4);
  r.close();
});

test('bad configuration stops start-up with a precise message and exit code 2', () => {
  const out = spawnSync(process.env.YICHUANG_BIN, ['serve'], {
    env: { ...process.env, YICHUANG_SERVER_PORT: '70000' }, encoding: 'utf8', timeout: 10000,
  });
  assert.equal(out.status, 2);
  assert.match(out.stderr, /YICHUANG_SERVER_PORT/);
  assert.match(out.stderr, /server\.port/);
});

test('a port already in use is refused, even though the loops share it with SO_REUSEPORT', () => {
  const out = spawnSync(process.env.YICHUANG_BIN, ['serve'], {
    env: { ...process.env, YICHUANG_SERVER_PORT: String(server.port), YICHUANG_SERVER_WEB_ROOT: '',
      YICHUANG_DATABASE_SQLITE_PATH: `${server.dataDir}/other.db`,
      YICHUANG_SECURITY_KEY_FILE: `${server.dataDir}/other.keys` },
    encoding: 'utf8', timeout: 15000,
  });
  assert.equal(out.status, 1);
  assert.match(out.stderr, /无法监听/);
});

test('yichuang audit verify: 0 for a whole chain, 3 naming the entry after tampering (issue 4, item 5)', async () => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const dir = await mkdtemp(`${os.tmpdir()}/yichuang-audit-`);
  const env = { ...process.env, YICHUANG_DATABASE_SQLITE_PATH: `${dir}/y.db`,
    YICHUANG_SECURITY_KEY_FILE: `${dir}/keys/yichuang.keys` };
  const run = (...args) => spawnSync(process.env.YICHUANG_BIN, args, { env, encoding: 'utf8', timeout: 20000 });
  assert.equal(run('seed-demo').status, 0);
  const ok = run('audit', 'verify');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /审计日志完整/);
  const sql = spawnSync('sqlite3', [`${dir}/y.db`, "UPDATE audit_log SET outcome = 'refused' WHERE seq = 2"]);
  assert.equal(sql.status, 0);
  const bad = run('audit', 'verify');
  assert.equal(bad.status, 3);
  assert.match(bad.stderr, /第 2 条/);
  await rm(dir, { recursive: true, force: true });
});

test('SIGTERM closes event streams and exits 0 (graceful stop)', async () => {
  const own = await startServer({});
  const s = openStream(`${own.url}/api/events?topics=system`);
  await s.opened;
  const exit = own.stop();
  await s.waitEnd(10000);
  const code = await exit;
  assert.equal(code, 0);
});

test('SIGTERM under load: every answered request is complete, then exit 0', async () => {
  const own = await startServer({});
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let stopping = null;
  const one = () => new Promise((resolve) => {
    http.get(`${own.url}/api/health`, { agent }, (res) => {
      // Stop as soon as the first answer is in, with the rest in flight.
      stopping ??= own.stop();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', () => resolve({ status: -1, body }));
    }).on('error', (e) => resolve({ status: 0, error: e.code }));
  });
  const requests = Array.from({ length: 400 }, one);
  const results = await Promise.all(requests);
  const code = await (stopping ?? own.stop());
  agent.destroy();
  assert.equal(code, 0);
  const answered = results.filter((r) => r.status > 0);
  assert.ok(answered.length > 0, 'some requests were answered before the stop');
  for (const r of answered) {
    assert.ok(r.status === 200 || r.status === 503, `status ${r.status}`);
    JSON.parse(r.body);  // complete, never cut off mid-body
  }
  for (const r of results.filter((x) => x.status <= 0)) {
    assert.ok(['ECONNREFUSED', 'ECONNRESET', undefined].includes(r.error), `unexpected ${r.error}`);
  }
});

test('yichuang create-admin: a new installation gets its city and first administrators', async () => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const dir = await mkdtemp(`${os.tmpdir()}/yichuang-admin-`);
  const env = { ...process.env, YICHUANG_DATABASE_SQLITE_PATH: `${dir}/y.db`,
    YICHUANG_SECURITY_KEY_FILE: `${dir}/keys/yichuang.keys` };
  const run = (...args) => spawnSync(process.env.YICHUANG_BIN, args, { env, encoding: 'utf8', timeout: 20000 });
  const noCity = run('create-admin', '--login', 'sys1', '--name', '张三', '--unit', '110000');
  assert.equal(noCity.status, 1);
  assert.match(noCity.stderr, /--city-name/);
  const first = run('create-admin', '--login', 'sys1', '--name', '张三', '--unit', '110000', '--city-name', '北京市');
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /初始密码: \S{12}/);
  const second = run('create-admin', '--login', 'sec1', '--name', '李四', '--role', 'security_admin', '--unit', '110000');
  assert.equal(second.status, 0, second.stderr);
  const twice = run('create-admin', '--login', 'sec1', '--name', '李四', '--role', 'security_admin', '--unit', '110000');
  assert.equal(twice.status, 1);
  assert.match(twice.stderr, /登录名已被使用/);
  await rm(dir, { recursive: true, force: true });
});
