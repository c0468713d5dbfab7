// The personal-data scan every test server runs on its log at stop (issue 13,
// item 5; tests/e2e/lib/pii.mjs): it finds ID numbers with a valid check
// character and lone mobile numbers, masks what it reports, and leaves the
// numbers a log legitimately holds (request ids, epoch milliseconds, sizes).
// The same search runs on every API answer a node test receives (pii-fetch.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { personalDataIn } from '../e2e/lib/pii.mjs';
import { residentId } from './client.mjs';

test('the log scan finds resident ID numbers and mobile numbers, and reports them masked', () => {
  const id = residentId('110101', '19900307', 123);
  const found = personalDataIn(`INFO ok\nWARN applicant ${id} phone=13912345678\n`);
  assert.deepEqual(found.map((f) => [f.kind, f.line]), [['resident id', 2], ['mobile', 2]]);
  assert.ok(found.every((f) => f.masked.includes('*')));
  assert.ok(!JSON.stringify(found).includes(id) && !JSON.stringify(found).includes('13912345678'));
  // The lower-case x as people type it counts too.
  assert.equal(personalDataIn(residentId('110105', '19491231', 2).toLowerCase()).length, 1);
});

test('the log scan leaves request ids, timestamps and wrong check characters alone', () => {
  const id = residentId('110101', '19900307', 123);
  const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  const lines = [
    'GET /api/residents 200 5123 bytes 913 us req=a13912345678bcde',
    `at=1764230400000 seq=${wrong}`,
    'size 139123456789 (12 digits)',
  ];
  assert.deepEqual(personalDataIn(lines.join('\n')), []);
});

// The response half (tests/e2e/lib/pii-fetch.mjs, loaded by NODE_OPTIONS for
// every node test): a child process that receives API answers from a small
// server here fails, naming the route with the number masked, unless the
// route is one that must show it.
const scanner = fileURLToPath(new URL('../e2e/lib/pii-fetch.mjs', import.meta.url));
const child = `
import http from 'node:http';
const id = process.env.PII_ID;
const server = http.createServer((req, res) => {
  const body = req.url === '/api/masked' ? { id_number: id.slice(0, 6) + '********' + id.slice(14), phone: '139****5678' }
    : { id_number: id, phone: '13912345678', note: 'case 110101001001 at 1764230400000' };
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = 'http://127.0.0.1:' + server.address().port;
for (const [method, p] of (process.env.PII_CALLS ?? '').split(',').map((c) => c.split(' '))) {
  const res = await fetch(base + p, { method });
  await res.json();
}
await new Promise((r) => setTimeout(r, 50));
server.close();
`;

function runChild(calls) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', child], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--import=${scanner}`, PII_ID: residentId('110101', '19900307', 123), PII_CALLS: calls },
  });
}

test('an API answer with a full ID number or phone fails the test process, reported masked', () => {
  const id = residentId('110101', '19900307', 123);
  const out = runChild('GET /api/leak?q=13912345678,GET /api/masked');
  assert.equal(out.status, 1, out.stderr);
  assert.match(out.stderr, /resident id 110101\*{8}1233 in the answer to GET \/api\/leak \(fetch\)/);
  assert.match(out.stderr, /mobile 139\*{4}5678 in the answer to GET \/api\/leak/);
  assert.ok(!out.stderr.includes(id) && !out.stderr.includes('13912345678'), out.stderr);
  assert.ok(!out.stderr.includes('/api/masked'), 'masked values are not findings');
});

test('the routes that must show full values are allowed, and only with their method', () => {
  assert.equal(runChild('POST /api/accounts/7/reveal,POST /api/complaints/3/reporter,GET /api/masked').status, 0);
  const wrongMethod = runChild('GET /api/accounts/7/reveal');
  assert.equal(wrongMethod.status, 1, 'a GET on a reveal path is not the audited reveal');
});
