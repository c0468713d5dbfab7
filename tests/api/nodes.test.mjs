// Three `yichuang serve` nodes on one PostgreSQL behind nginx on 127.0.0.1
// (issue 13, item 7): a session made through nginx works on every node, a
// live event caused through nginx reaches a stream on every node, and a node
// killed in the middle of a write load loses nothing that was acknowledged.
//
// nginx gets the location blocks and the upstream of deploy/nginx.conf as
// they are (only the node addresses are replaced), so the test also checks
// that file's proxying: POSTs are not resent to another node once sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, freePort, repoRoot } from '../e2e/lib/server.mjs';
import { Client, signIn } from './client.mjs';
import { openStream } from './sse.mjs';
import { nginxPreamble, startNginx, tempPaths } from './nginx.mjs';

const clusterUrl = process.env.YICHUANG_TEST_PG_URL;
const pgBin = '/usr/lib/postgresql/15/bin';
const dbName = `yichuang_nodes_${process.pid}`;
let root;
let dbUrl;
let nodes = [];
let nginx;
let front;  // http://127.0.0.1:<nginx port>

// createdb/dropdb on the private test cluster (its unix socket and port).
function pgTool(tool, ...args) {
  const host = /[?&]host=([^&]+)/.exec(clusterUrl)?.[1];
  const port = /[?&]port=(\d+)/.exec(clusterUrl)?.[1] ?? '5432';
  const out = spawnSync(path.join(pgBin, tool), ['-h', decodeURIComponent(host), '-p', port, '-U', 'postgres', ...args],
    { encoding: 'utf8', timeout: 60000 });
  if (out.status !== 0) throw new Error(`${tool} failed: ${out.error?.message ?? out.stderr}`);
}

// deploy/nginx.conf's upstream (the node addresses replaced by ours) and the
// location blocks of its TLS server, in a plain-HTTP server on `port`.
async function nginxConfig(dir, port, nodePorts) {
  const real = await readFile(path.join(repoRoot, 'deploy/nginx.conf'), 'utf8');
  const upstream = /^upstream yichuang \{[^}]*\}/m.exec(real)?.[0];
  assert.ok(upstream, 'deploy/nginx.conf has an upstream yichuang block');
  let i = 0;
  const ours = upstream.replace(/server \d+\.\d+\.\d+\.\d+:\d+/g, () => `server 127.0.0.1:${nodePorts[i++]}`);
  assert.equal(i, nodePorts.length, `deploy/nginx.conf names ${nodePorts.length} nodes`);
  const locations = real.match(/^ {4}location [^{]+\{[^}]*\}/gm);
  assert.ok(locations && locations.length >= 2, 'deploy/nginx.conf has location blocks');
  const body = /client_max_body_size [^;]+;/.exec(real)?.[0] ?? '';
  return `${nginxPreamble(dir)}
http {
  access_log ${dir}/access.log;
${tempPaths(dir)}
${ours}
  server {
    listen 127.0.0.1:${port};
    ${body}
${locations.join('\n')}
  }
}
`;
}

before(async () => {
  assert.ok(clusterUrl, 'YICHUANG_TEST_PG_URL must point at the private test cluster');
  // An own database: the demo data and its key file belong together.
  pgTool('createdb', '-E', 'UTF8', '-T', 'template0', dbName);
  dbUrl = clusterUrl.replace(/\/[^/?]+\?/, `/${dbName}?`);
  root = await mkdtemp(path.join(os.tmpdir(), 'yichuang-nodes-'));
  // Every node has the same key file and scan directory (docs/operations.md).
  const shared = {
    YICHUANG_DATABASE_KIND: 'postgresql',
    YICHUANG_DATABASE_POSTGRES_URL: dbUrl,
    YICHUANG_SECURITY_KEY_FILE: path.join(root, 'keys/yichuang.keys'),
    YICHUANG_CASES_FILES_DIR: path.join(root, 'files'),
    YICHUANG_EVENTS_PUBLISH_TOKEN: crypto.randomBytes(24).toString('hex'),
  };
  const seeded = spawnSync(process.env.YICHUANG_BIN, ['seed-demo'],
    { cwd: root, env: { ...process.env, ...shared }, encoding: 'utf8', timeout: 120000 });
  assert.equal(seeded.status, 0, `seed-demo: ${seeded.stderr}`);
  for (const n of [1, 2, 3]) await mkdir(path.join(root, `node-${n}`));
  nodes = await Promise.all([1, 2, 3].map((n) => startServer({
    dataDir: path.join(root, `node-${n}`),
    env: { ...shared, YICHUANG_NODE_ID: `node-${n}` },
  })));
  const port = await freePort();
  front = `http://127.0.0.1:${port}`;
  const dir = path.join(root, 'nginx');
  nginx = await startNginx(dir, await nginxConfig(dir, port, nodes.map((s) => s.port)),
    async () => (await fetch(`${front}/api/health`)).status === 200);
});

after(async () => {
  await nginx?.stop();
  await Promise.all(nodes.map((s) => s.stop()));
  if (clusterUrl) {
    try { pgTool('dropdb', '--if-exists', dbName); } catch (e) { console.error(e.message); }
  }
  if (root && process.env.YICHUANG_KEEP_TEST_DIRS !== '1') await rm(root, { recursive: true, force: true });
});

function consultation(question) {
  return { channel: 'phone', question, answer: '已按政策口径答复' };
}

test('all three nodes answer through nginx, on one database', async () => {
  const seen = new Set();
  for (let i = 0; i < 12; i++) {
    const h = await (await fetch(`${front}/api/health`)).json();
    assert.equal(h.status, 'ok');
    assert.equal(h.database, 'postgresql');
    seen.add(h.node);
  }
  assert.deepEqual([...seen].sort(), ['node-1', 'node-2', 'node-3'], 'nginx spreads requests over every node');
});

test('a session made through nginx works directly on each node, CSRF included', async () => {
  const clerk = await signIn(front, 'clerk');
  for (const [i, node] of nodes.entries()) {
    const direct = new Client(node.url, clerk.cookie, clerk.csrf, 'clerk');
    const me = await direct.get('/api/auth/me');
    assert.equal(me.status, 200, `node-${i + 1}: ${me.text}`);
    assert.equal(me.body.account.login, 'clerk');
    const made = await direct.post('/api/consultations', consultation(`会话检查 node-${i + 1}`),
      { headers: { 'Idempotency-Key': crypto.randomUUID() } });
    assert.equal(made.status, 201, `node-${i + 1}: ${made.text}`);
    // The CSRF token is checked on every node, not only where it was issued.
    const forged = await fetch(`${node.url}/api/consultations`, {
      method: 'POST',
      headers: { cookie: clerk.cookie, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(consultation('无令牌')),
    });
    assert.equal(forged.status, 403, `node-${i + 1} without X-CSRF-Token`);
    assert.equal((await forged.json()).error.code, 'CSRF_REJECTED');
  }
});

test('a hall ticket taken through nginx reaches an event stream on every node', async () => {
  const clerk = await signIn(front, 'clerk');
  const sites = await clerk.get('/api/org/sites');
  const hall = sites.body.items.find((s) => s.unit_code === '110101001' && s.kind === 'hall');
  assert.ok(hall, 'the demo hall of 东华门街道');
  const topic = `hall.${hall.id}.queue`;
  const streams = nodes.map((n) => openStream(`${n.url}/api/events?topics=${topic}`));
  streams.push(openStream(`${front}/api/events?topics=${topic}`));  // and one through nginx
  try {
    await Promise.all(streams.map((s) => s.opened));
    for (const s of streams) assert.equal(s.status, 200);
    const ticket = await clerk.post(`/api/hall/sites/${hall.id}/tickets`, { group: 'employment' },
      { headers: { 'Idempotency-Key': crypto.randomUUID() } });
    assert.equal(ticket.status, 201, ticket.text);
    const got = await Promise.all(streams.map((s) =>
      s.waitFor((m) => m.data.topic === topic && m.data.data.kind === 'ticket', 15000)));
    // One event, the same id everywhere.
    assert.equal(new Set(got.map((m) => m.id)).size, 1);
  } finally {
    for (const s of streams) s.close();
  }
});

test('each node answers /metrics on its own address; nginx does not pass it on', async () => {
  for (const [i, node] of nodes.entries()) {
    const res = await fetch(`${node.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.match(text, new RegExp(`^yichuang_build_info\\{[^}]*node="node-${i + 1}"[^}]*database="postgresql"\\} 1$`, 'm'));
    assert.match(text, /^yichuang_db_pool_size [1-9]\d*$/m);
    assert.match(text, /^yichuang_http_requests_total\{method="GET",status="2xx"\} [1-9]\d*$/m);
  }
  assert.equal((await fetch(`${front}/metrics`)).status, 404);
});

test('a node killed in the middle of a write load loses no acknowledged write', async () => {
  const clerk = await signIn(front, 'clerk');
  const run = crypto.randomBytes(3).toString('hex');
  const acked = new Map();    // question -> id, answered 2xx
  const refused = new Map();  // question -> {key, status}: 502/503/504 or no answer
  const unexpected = [];
  const victim = nodes[1];
  let n = 0;
  let killedAt = null;        // acknowledged writes when the node was killed
  let killed = null;
  // Counted, not timed: 20 acknowledged writes before the kill, 40 after
  // (the list read back holds 200, the clerk's newest). A cap on attempts
  // ends the load if the survivors stopped answering.
  const done = () => (killedAt !== null && acked.size >= killedAt + 40) || n >= 1000;

  const writer = async () => {
    while (!done()) {
      const question = `节点切换 ${run} 第 ${++n} 次咨询`;
      const key = crypto.randomUUID();
      let status = 0;
      let body = null;
      try {
        const r = await clerk.post('/api/consultations', consultation(question), { headers: { 'Idempotency-Key': key } });
        status = r.status;
        body = r.body;
      } catch {
        status = 0;  // no answer at all
      }
      if (status === 201) acked.set(question, body.id);
      else if ([0, 502, 503, 504].includes(status)) refused.set(question, { key, status });
      else unexpected.push(`${status} ${JSON.stringify(body)}`);
      if (killedAt === null && acked.size >= 20) {
        killedAt = acked.size;
        killed = victim.kill('SIGKILL');  // in the middle: the other writers are in flight
      }
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
  assert.equal(String(await killed), 'SIGKILL');
  assert.deepEqual(unexpected, []);
  assert.ok(acked.size >= killedAt + 40, `the two nodes left took the load: ${acked.size} acknowledged of ${n}`);

  const read = async () => {
    const list = await clerk.get('/api/consultations?mine=true');
    assert.equal(list.status, 200, list.text);
    return list.body.items.filter((k) => k.question.includes(run));
  };
  const present = new Map((await read()).map((k) => [k.question, k.id]));
  const lost = [...acked.keys()].filter((q) => present.get(q) !== acked.get(q));
  console.log(`nodes: acknowledged ${acked.size} lost ${lost.length} refused ${refused.size} ` +
    `(${[...refused.values()].map((x) => x.status).join(',') || 'none'})`);
  assert.deepEqual(lost, [], 'every acknowledged write is there');

  // A refused write may or may not have committed on the killed node; the
  // client's retry with the same Idempotency-Key settles it exactly once.
  for (const [question, { key }] of refused) {
    const r = await clerk.post('/api/consultations', consultation(question), { headers: { 'Idempotency-Key': key } });
    assert.equal(r.status, 201, `retry of a refused write: ${r.text}`);
  }
  const after = await read();
  const questions = after.map((k) => k.question);
  assert.equal(new Set(questions).size, questions.length, 'no write was stored twice');
  for (const q of [...acked.keys(), ...refused.keys()]) assert.ok(questions.includes(q), `present after retry: ${q}`);
  assert.equal(questions.length, acked.size + refused.size);

  // The two nodes left still serve through nginx.
  const seen = new Set();
  for (let i = 0; i < 8; i++) seen.add((await (await fetch(`${front}/api/health`)).json()).node);
  assert.ok(!seen.has('node-2'));
  assert.ok(seen.size === 2, `both survivors answer: ${[...seen]}`);
});
