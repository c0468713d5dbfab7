// Sessions over real HTTP (issue 4, item 3): the cookie's attributes, CSRF on
// unsafe methods, the client address behind the local proxy, and nothing
// secret in the server log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../e2e/lib/server.mjs';

let server;
before(async () => { server = await startServer({ seed: true }); });
after(async () => { await server?.stop(); });

const password = 'Yichuang@2026';

async function login(loginName, headers = {}) {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ login: loginName, password }),
  });
}

test('the session cookie is HttpOnly and SameSite=Strict, and Secure behind TLS', async () => {
  const plain = await login('clerk');
  assert.equal(plain.status, 200);
  const cookie = plain.headers.get('set-cookie');
  assert.match(cookie, /^yc_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
  const me = await plain.json();
  assert.equal(me.step, 'done');
  assert.equal(me.account.name, '吴*');  // masked by code point: 吴𠮷
  const tls = await login('clerk', { 'X-Forwarded-Proto': 'https' });
  assert.match(tls.headers.get('set-cookie'), /; Secure$/);
});

test('unsafe methods need the CSRF token of the session', async () => {
  const res = await login('clerk');
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  const sessions = await (await fetch(`${server.url}/api/sessions`, { headers: { cookie } })).json();
  const other = sessions.items.find((s) => !s.current);
  assert.ok(other, 'an earlier session of the clerk');
  const without = await fetch(`${server.url}/api/sessions/${other.id}`, { method: 'DELETE', headers: { cookie } });
  assert.equal(without.status, 403);
  assert.equal((await without.json()).error.code, 'CSRF_REJECTED');
  const wrong = await fetch(`${server.url}/api/sessions/${other.id}`, {
    method: 'DELETE', headers: { cookie, 'X-CSRF-Token': 'x'.repeat(csrf.length) } });
  assert.equal(wrong.status, 403);
  const ok = await fetch(`${server.url}/api/sessions/${other.id}`, {
    method: 'DELETE', headers: { cookie, 'X-CSRF-Token': csrf } });
  assert.equal(ok.status, 204);
  const logout = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'X-CSRF-Token': csrf } });
  assert.equal(logout.status, 204);
  assert.match(logout.headers.get('set-cookie'), /Max-Age=0/);
  const after = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
  assert.equal(after.status, 401);
});

test('behind the local proxy the audit trail records the forwarded client address', async () => {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.7, 203.0.113.9' },
    body: JSON.stringify({ login: 'clerk', password: 'not-the-password' }),
  });
  assert.equal(res.status, 401);
  const body = await res.json();
  assert.equal(body.error.code, 'UNAUTHENTICATED');
  const out = spawnSync('sqlite3', [path.join(server.dataDir, 'yichuang.db'),
    "SELECT action, outcome, client_address FROM audit_log ORDER BY seq DESC LIMIT 1"], { encoding: 'utf8' });
  assert.equal(out.stdout.trim(), 'session.login|refused|203.0.113.9');
});

test('neither passwords nor names reach the server log', async () => {
  await login('clerk');
  const log = await readFile(server.logPath, 'utf8');
  assert.ok(log.length > 0);
  for (const secret of [password, 'not-the-password', '吴𠮷']) assert.ok(!log.includes(secret), secret);
});
