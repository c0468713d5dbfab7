// The personal-data scan every test server runs on its log at stop (issue 13,
// item 5; tests/e2e/lib/pii.mjs): it finds ID numbers with a valid check
// character and lone mobile numbers, masks what it reports, and leaves the
// numbers a log legitimately holds (request ids, epoch milliseconds, sizes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
