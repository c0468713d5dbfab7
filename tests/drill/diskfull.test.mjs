// Disk full and read-only (issue 13, item 3): see diskfull.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskFullDrill } from './diskfull.mjs';

test('issue 13 item 3: a full or read-only disk gives no false 2xx; reads go on, writes answer 503, then recover', async (t) => {
  const r = await diskFullDrill({ log: (l) => t.diagnostic(l) });
  if (r.skipped) {
    t.skip(r.skipped);
    return;
  }
  t.diagnostic(`disk-full drill: ${JSON.stringify(r)}`);
  assert.deepEqual(r.problems, []);
  assert.equal(r.false_2xx, 0, `answered 2xx but not stored: ${r.false_2xx_examples.join(', ')}`);
  assert.ok(r.refused_full > 0, 'writes were refused while the disk was full');
  assert.ok(r.refused_read_only > 0, 'writes were refused while the disk was read-only');
  assert.ok(r.reads_when_full, 'reads work on a full disk');
  assert.ok(r.reads_when_read_only, 'reads work on a read-only disk');
  assert.equal(r.health_when_full, 200);
  assert.ok(r.writes_after_space > 0, 'writes work again once space returns');
  assert.ok(r.writes_after_rw > 0, 'writes work again once the disk is writable');
  assert.equal(r.files_missing, 0, 'every stored scan row names a file on disk');
  assert.equal(r.integrity, 'ok');
  assert.ok(r.audit_ok, 'the audit chain verifies');
});
