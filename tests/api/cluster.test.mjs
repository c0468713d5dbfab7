// Two `yichuang serve` nodes on one PostgreSQL (issue 3, "Live events"): an
// event published through node A reaches an SSE client of node B through
// LISTEN/NOTIFY, and B can replay what a client missed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../e2e/lib/server.mjs';
import { openStream, publish } from './sse.mjs';

const url = process.env.YICHUANG_TEST_PG_URL;
let a;
let b;

before(async () => {
  assert.ok(url, 'YICHUANG_TEST_PG_URL must point at the private test cluster');
  const pg = { YICHUANG_DATABASE_KIND: 'postgresql', YICHUANG_DATABASE_POSTGRES_URL: url };
  // Started together: both migrate at once, which must be safe.
  [a, b] = await Promise.all([
    startServer({ env: { ...pg, YICHUANG_NODE_ID: 'node-a' } }),
    startServer({ env: { ...pg, YICHUANG_NODE_ID: 'node-b' } }),
  ]);
});
after(async () => { await Promise.all([a?.stop(), b?.stop()]); });

test('both nodes report postgresql and the same migration level', async () => {
  const ha = await (await fetch(`${a.url}/api/health`)).json();
  const hb = await (await fetch(`${b.url}/api/health`)).json();
  assert.equal(ha.database, 'postgresql');
  assert.equal(ha.node, 'node-a');
  assert.equal(hb.node, 'node-b');
  assert.equal(ha.migration, hb.migration);
});

test('an event published through node A arrives at an SSE client of node B', async () => {
  const s = openStream(`${b.url}/api/events?topics=hall.110105001`);
  await s.opened;
  assert.equal(s.status, 200);
  // Publish through A with A's token: B's stream must see it.
  const id = await publish(a, 'hall.110105001', { called: 'A017', window: 2 });
  const m = await s.waitFor((x) => x.id === id, 10000);
  assert.deepEqual(m.data.data, { called: 'A017', window: 2 });
  s.close();
});

test('node B replays events published on A after Last-Event-ID', async () => {
  const first = await publish(a, 'hall.9', { n: 1 });
  const second = await publish(a, 'hall.9', { n: 2 });
  const big = await publish(a, 'hall.9', { pad: '一'.repeat(4000) });  // over the NOTIFY payload size
  const r = openStream(`${b.url}/api/events?topics=hall.9`, { headers: { 'Last-Event-ID': String(first) } });
  await r.opened;
  await r.waitFor((m) => m.id === big, 10000);
  assert.deepEqual(r.messages.map((m) => m.id), [second, big]);
  // And a large event published live still arrives in full.
  const live = await publish(a, 'hall.9', { pad: '窗'.repeat(5000) });
  const m = await r.waitFor((x) => x.id === live, 10000);
  assert.equal(m.data.data.pad.length, 5000);
  r.close();
});
