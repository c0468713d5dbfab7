// The API of authorized systems over real HTTP (issue 10, item 7;
// docs/api/exchange.md, docs/api/openapi.json): the OpenAPI document is valid
// OpenAPI 3.1; a system administrator issues a token for a district with
// scopes; the system reads the cases feed, one case and the figures with it,
// and every answer matches the document's schema; scope, unit, revocation and
// rotation hold; and the rate limits answer 429 with Retry-After, changing
// nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer } from '../e2e/lib/server.mjs';
import { finishedCase, sharedTotpSession, signIn } from './client.mjs';
import { demoPassword } from '../e2e/lib/totp.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const Ajv2020 = require('ajv/dist/2020').default;
const { Validator } = await import(new URL('../e2e/node_modules/@seriousme/openapi-schema-validator/index.js', import.meta.url));

const closers = [];
after(async () => { for (const c of closers.reverse()) await c(); });

const bearer = (server, token) => async (path) => {
  const res = await fetch(server.url + path, { headers: { Authorization: `Bearer ${token}` } });
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, body: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
};

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

test('authorized systems read cases and figures with a scoped token, as the OpenAPI document says', async () => {
  const server = await startServer({ seed: true });
  closers.push(() => server.stop());

  const docRes = await fetch(`${server.url}/api/openapi.json`);
  assert.equal(docRes.status, 200);
  const doc = await docRes.json();
  const validity = await new Validator().validate(structuredClone(doc));
  assert.equal(validity.valid, true, JSON.stringify(validity.errors));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  const check = (name, value) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
    assert.ok(validate(value), `${name}: ${ajv.errorsText(validate.errors)}`);
  };

  // A system administrator issues tokens; bad input changes nothing.
  const admin = await sharedTotpSession(server.url, 'sysadmin');
  for (const [body, field] of [
    [{ name: '', unit: '110101', scopes: ['cases.read'] }, 'name'],
    [{ name: '区数据中心', unit: '110101', scopes: [] }, 'scopes'],
    [{ name: '区数据中心', unit: '110101', scopes: ['cases.write'] }, 'scopes'],
    [{ name: '区数据中心', unit: '110101', scopes: ['cases.read'], expires_on: '2020-01-01' }, 'expires_on'],
  ]) {
    const bad = await admin.post('/api/api-clients', body);
    assert.equal(bad.status, 400, JSON.stringify(body));
    assert.equal(bad.body.error.field, field);
    assert.match(bad.body.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await admin.get('/api/api-clients')).body.items.length, 0);
  const issue = async (unit, scopes) => {
    const r = await admin.post('/api/api-clients', { name: `数据中心 ${unit}`, unit, scopes });
    assert.equal(r.status, 201, r.text);
    assert.match(r.body.token, /^ycs_[A-Za-z0-9_-]{43}$/);
    return r.body;
  };
  const full = await issue('110101', ['cases.read', 'stats.read']);
  const statsOnly = await issue('110101', ['stats.read']);
  const west = await issue('110102', ['cases.read']);
  const listed = await admin.get('/api/api-clients');
  assert.deepEqual(listed.body.scopes, ['cases.read', 'stats.read']);
  assert.ok(!listed.text.includes(full.token), 'the token is shown once');
  assert.equal((await (await signIn(server.url, 'clerk')).get('/api/api-clients')).status, 403);

  // A case of 东华门街道; the feed holds back the last 10 seconds of changes.
  const clerk = await signIn(server.url, 'clerk');
  const made = await finishedCase(clerk, 73);
  await new Promise((r) => setTimeout(r, 10_500));
  const sys = bearer(server, full.token);
  const page = await sys(`/api/open/cases?from=${today()}&limit=500`);
  assert.equal(page.status, 200, page.bytes.toString());
  check('CaseFeed', page.body);
  const mine = page.body.items.find((c) => c.case_no === made.case_no);
  assert.ok(mine, 'the case is in the feed');
  assert.equal(mine.intake_unit.code, '110101001');
  assert.match(mine.applicant.id_number, /\*/, 'ID numbers only masked');
  assert.doesNotMatch(page.bytes.toString(), /\d{17}[\dX]/, 'no full ID number anywhere');
  const rest = await sys(`/api/open/cases?after=${encodeURIComponent(page.body.next)}`);
  assert.equal(rest.status, 200);
  assert.equal(rest.body.items.length, 0);
  assert.equal(rest.body.next, page.body.next, 'an empty page gives the same cursor to poll with');
  assert.equal((await sys('/api/open/cases?after=abc')).body.error.field, 'after');
  assert.equal((await sys('/api/open/cases?limit=0')).body.error.field, 'limit');
  assert.equal((await sys('/api/open/cases?status=done')).body.error.field, 'status');

  const one = await sys(`/api/open/cases/${made.case_no}`);
  assert.equal(one.status, 200);
  check('CaseDetail', one.body);
  assert.ok(one.body.events.length >= 2);

  // Figures with the same token, in JSON, Excel and PDF.
  const overview = await sys('/api/stats/overview');
  assert.equal(overview.status, 200);
  check('Overview', overview.body);
  assert.equal(overview.body.unit.code, '110101', 'defaults to the token\'s unit');
  assert.ok(overview.body.totals['cases.accepted'] >= 1);
  const month = today().slice(0, 7);
  const ledger = await sys(`/api/stats/ledger?month=${month}`);
  assert.equal(ledger.status, 200);
  check('Ledger', ledger.body);
  const xlsx = await sys(`/api/stats/ledger.xlsx?month=${month}`);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  const pdf = await sys(`/api/stats/report.pdf?month=${month}`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');

  // Errors have the document's shape; scope and unit are held.
  const outOfUnit = await sys('/api/stats/overview?unit=110102');
  assert.equal(outOfUnit.status, 404);
  check('Error', outOfUnit.body);
  assert.equal((await bearer(server, statsOnly.token)('/api/open/cases')).status, 403);
  assert.equal((await bearer(server, statsOnly.token)('/api/stats/overview')).status, 200);
  assert.equal((await bearer(server, west.token)(`/api/open/cases/${made.case_no}`)).status, 404);
  assert.equal((await sys('/api/cases')).status, 401, 'staff routes refuse a system token');
  assert.equal((await fetch(`${server.url}/api/open/cases`)).status, 401);
  assert.equal((await clerk.get('/api/open/cases')).status, 401, 'a session never opens the systems\' routes');

  // Rotation stops the old token at once; revocation stops the new one.
  const rotated = await admin.post(`/api/api-clients/${full.client.id}/rotate`);
  assert.equal(rotated.status, 200);
  assert.notEqual(rotated.body.token, full.token);
  assert.equal((await sys('/api/stats/overview')).status, 401);
  assert.equal((await bearer(server, rotated.body.token)('/api/stats/overview')).status, 200);
  const revoked = await admin.post(`/api/api-clients/${full.client.id}/revoke`);
  assert.equal(revoked.status, 200);
  assert.ok(revoked.body.revoked_at);
  assert.equal((await bearer(server, rotated.body.token)('/api/stats/overview')).status, 401);
  assert.equal((await admin.post(`/api/api-clients/${full.client.id}/revoke`)).status, 409);
  const used = (await admin.get('/api/api-clients')).body.items.find((c) => c.id === statsOnly.client.id);
  assert.ok(used.last_used_at, 'the last use is recorded');

  // Reading cases is in the audit log, under the system (the auditor reads it: 三员分立).
  const auditor = await sharedTotpSession(server.url, 'auditor');
  const audit = await auditor.get('/api/audit?action=api.cases.read');
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.body.items.some((e) => e.actor_id === `client:${full.client.id}`), audit.text.slice(0, 400));
});

test('rate limits answer 429 with Retry-After and change nothing', async () => {
  const server = await startServer({
    seed: true,
    env: {
      YICHUANG_LIMITS_LOGIN_PER_MINUTE: '3',
      YICHUANG_LIMITS_PUBLIC_WRITES_PER_HOUR: '3',
      YICHUANG_LIMITS_API_CLIENT_PER_MINUTE: '10',
      YICHUANG_LIMITS_LOOKUPS_PER_MINUTE: '2',
    },
  });
  closers.push(() => server.stop());
  const admin = await sharedTotpSession(server.url, 'sysadmin');  // sign-ins 1 and 2 of 3
  const officer = await sharedTotpSession(server.url, 'tsofficer');

  // A system gets its burst (10), then 429.
  const issued = await admin.post('/api/api-clients', { name: '监管平台', unit: '110101', scopes: ['stats.read'] });
  const sys = bearer(server, issued.body.token);
  const statuses = [];
  for (let i = 0; i < 11; i++) statuses.push((await sys('/api/stats/overview')).status);
  assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
  const limited = await sys('/api/stats/overview');
  assert.equal(limited.body.error.code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);

  // Sign-in attempts per address: one more, then 429 even with the right password.
  for (let i = 0; i < 1; i++) {
    const r = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'clerk', password: 'wrong-Pass-1' }),
    });
    assert.equal(r.status, 401);
  }
  const blocked = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'clerk', password: demoPassword }),
  });
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
  assert.equal((await blocked.json()).error.code, 'RATE_LIMITED');

  // Public complaints: 3 an hour lets one through at once, then refuses; the refused one is not stored.
  const site = (await admin.get('/api/org/sites')).body.items.find((s) => s.unit_code === '110101001' && s.kind === 'hall');
  const complain = () => fetch(`${server.url}/api/public/complaints`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ category: 'attitude', content: '窗口人员答复不耐烦，没有一次性告知', anonymous: true, site_id: site.id }),
  });
  assert.equal((await complain()).status, 201);
  const refused = await complain();
  assert.equal(refused.status, 429);
  assert.equal((await officer.get('/api/complaints')).body.items.length, 1, 'the refused complaint was not stored');
  // A made-up device token does not slip past: the complaint route refuses it itself...
  const forged = await fetch(`${server.url}/api/public/complaints`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Device not-a-paired-kiosk' },
    body: JSON.stringify({ category: 'attitude', content: '窗口人员答复不耐烦，没有一次性告知', anonymous: true, site_id: site.id }),
  });
  assert.equal(forged.status, 401);
  assert.equal((await officer.get('/api/complaints')).body.items.length, 1);
  // ...and look-ups count it like any other request (guessing ID numbers).
  const lookup = () => fetch(`${server.url}/api/progress/20261127-000001`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Device not-a-paired-kiosk' },
    body: JSON.stringify({ id_number: '11010519491231002X' }),
  });
  const seen = [];
  for (let i = 0; i < 3; i++) seen.push((await lookup()).status);
  assert.deepEqual(seen, [404, 404, 429]);
});
