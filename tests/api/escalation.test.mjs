// 限时办结 and 责任追究 (policy 三(八); issue 6, item 8) over real HTTP: a case
// entered from paper three weeks late is past its promised day; the sweep
// (run at start and every cases.sweep_minutes) escalates it, tells the
// board of its street and district live (topic cases.<unit>, counts only),
// and the accountability report names the step and the person holding it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, signIn } from './client.mjs';
import { openStream } from './sse.mjs';

const servers = [];
after(async () => {
  for (const s of servers.reverse()) await s.stop();
});

test('issue 6 §8 (三(八) 限时办结/责任追究): an overdue case is escalated live to the hall and named in the report', async () => {
  const first = await startServer({ seed: true, removeDataDir: false, env: { YICHUANG_CASES_RECHECK_SAMPLE_PERCENT: '0' } });
  servers.push(first);
  const clerk = await signIn(first.url, 'clerk');
  const sites = await clerk.get('/api/org/sites');
  const hall = sites.body.items.find((s) => s.unit_code === '110101001' && s.kind === 'hall');
  // Taken on paper 20 days ago during an outage (应急补录), entered now.
  const idNumber = nthResidentId('110105', 4242);
  const opened = await clerk.post('/api/cases', {
    item_code: 'BJ-JYCY-007', site_id: hall.id, channel: 'paper', original_time: Date.now() - 20 * 86_400_000,
    applicant: { kind: 'person', id_number: idNumber, name: '令狐明远' },
  }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  assert.equal(opened.status, 201, opened.text);
  for (const m of opened.body.materials.filter((x) => x.state === 'pending')) {
    const judged = await clerk.put(`/api/cases/${opened.body.id}/materials/${m.idx}`,
      m.required ? { state: 'received', form: 'original' } : { state: 'not_applicable' });
    assert.equal(judged.status, 200, judged.text);
  }
  const accepted = await clerk.post(`/api/cases/${opened.body.id}/accept`, undefined);
  assert.equal(accepted.status, 200, accepted.text);
  // The clock started on the paper day, so the promised day is behind us.
  assert.ok(accepted.body.due_day < new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), accepted.text);
  const reviewer = await signIn(first.url, 'reviewer');
  const task = accepted.body.tasks.find((t) => t.state === 'open');
  assert.equal((await reviewer.post(`/api/tasks/${task.id}/claim`, undefined)).status, 200);

  // The next start sweeps at once; the board's stream hears of it (replayed
  // from the event log for a stream that connects afterwards).
  await first.stop();
  const second = await startServer({ dataDir: first.dataDir, removeDataDir: true });
  servers.push(second);
  const stream = openStream(`${second.url}/api/events?topics=cases.110101001,cases.110101`, {
    headers: { 'Last-Event-ID': '0' },
  });
  await stream.opened;
  const heard = await stream.waitFor((m) => m.data.topic === 'cases.110101001' && m.data.data.overdue >= 1, 10_000);
  assert.deepEqual(Object.keys(heard.data.data).sort(), ['overdue', 'warned'], 'counts only, no personal data');
  await stream.waitFor((m) => m.data.topic === 'cases.110101' && m.data.data.overdue >= 1, 10_000);
  stream.close();

  const hallmgr = await signIn(second.url, 'hallmgr');
  const board = await hallmgr.get('/api/cases/board');
  assert.equal(board.status, 200);
  assert.ok(board.body.overdue.some((c) => c.case_no === accepted.body.case_no), board.text);
  const report = await hallmgr.get('/api/cases/accountability');
  const row = report.body.items.find((r) => r.case.case_no === accepted.body.case_no);
  assert.ok(row, report.text);
  assert.equal(row.step, 'review_first');
  assert.equal(row.person_login, 'reviewer');
  assert.equal(row.due_day, accepted.body.due_day);
  // The timeline says it was escalated, once.
  const detail = await hallmgr.get(`/api/cases/${opened.body.id}`);
  assert.equal(detail.body.events.filter((e) => e.kind === 'overdue').length, 1);
  assert.equal(detail.body.entered_by, opened.body.intake_by, 'who entered the paper case is recorded');
});
