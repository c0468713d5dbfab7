// make test's short crash drill (issue 13, item 2): make bench runs the same
// drill with 200 kills on the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashDrill } from './crash.mjs';

test('issue 13 item 2: SIGKILL under concurrent writes, again and again, loses nothing acknowledged', async (t) => {
  const kills = Number(process.env.YICHUANG_CRASH_KILLS ?? 20);
  const r = await crashDrill({ kills, workers: 12, log: (l) => t.diagnostic(l) });
  t.diagnostic(`crash drill: ${r.kills} kills, ${r.sent} writes sent, ${r.acknowledged} acknowledged, ${r.lost} lost, ` +
    `${r.cut_off} cut off; kill -> serving again p50 ${r.restart_ms_p50} ms, max ${r.restart_ms_max} ms`);
  assert.ok(r.acknowledged > kills, 'writes were acknowledged between the kills');
  for (const [kind, count] of Object.entries(r.acknowledged_by_kind)) assert.ok(count > 0, `some ${kind} acknowledged`);
  assert.deepEqual(r.refused_examples, [], 'nothing refused while the server was up');
  assert.equal(r.lost, 0, `acknowledged writes missing: ${r.lost_examples.join(', ')}`);
  assert.equal(r.integrity, 'ok');
  assert.ok(r.audit_ok, `the audit chain verifies: ${r.audit_output}`);
});
