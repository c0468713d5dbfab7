// GET /metrics (issue 13, item 7): the Prometheus text exposition format
// 0.0.4, parsed strictly here; counters that move with the requests made;
// access only from this host, or with metrics.token as a bearer token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from '../e2e/lib/server.mjs';
import { openStream, publish } from './sse.mjs';

let server;
let guarded;
const token = crypto.randomBytes(20).toString('hex');

before(async () => {
  [server, guarded] = await Promise.all([
    // Heartbeats every second: a closed stream is noticed at the next one.
    startServer({ env: { YICHUANG_EVENTS_HEARTBEAT_SECONDS: '1' } }),
    startServer({ env: { YICHUANG_METRICS_TOKEN: token, YICHUANG_NODE_ID: 'guarded-1' } }),
  ]);
});
after(async () => { await Promise.all([server?.stop(), guarded?.stop()]); });

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/y;
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;

// The text format, strictly: HELP and TYPE once per family and before its
// samples, one family's samples together, valid names, labels and values,
// no series twice, histograms with ascending cumulative buckets ending in
// +Inf equal to _count. Returns the families with their samples.
export function parseExposition(text) {
  assert.ok(text.endsWith('\n'), 'the last line ends with a newline');
  const families = new Map();
  const seen = new Set();
  let current = null;
  const familyOf = (name) => {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      const base = name.endsWith(suffix) ? name.slice(0, -suffix.length) : null;
      if (base && families.get(base)?.type === 'histogram') return base;
    }
    return name;
  };
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${i + 1}: ${line}`;
    assert.ok(line.length > 0, `${where}: no empty lines`);
    let m;
    if ((m = /^# HELP (\S+) (.*)$/.exec(line))) {
      assert.match(m[1], NAME, where);
      assert.ok(!families.has(m[1]), `${where}: HELP once per family`);
      families.set(m[1], { help: m[2], type: null, samples: [] });
      current = m[1];
      continue;
    }
    if ((m = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line))) {
      const f = families.get(m[1]);
      assert.ok(f && current === m[1] && f.type === null, `${where}: TYPE once, after HELP, before samples`);
      f.type = m[2];
      continue;
    }
    assert.ok(!line.startsWith('#'), `${where}: unknown comment`);
    m = /^([^{ ]+)(\{[^}]*\})? (\S+)$/.exec(line);
    assert.ok(m, `${where}: a sample is name{labels} value`);
    const [, name, rawLabels = '', value] = m;
    assert.match(name, NAME, where);
    assert.match(value, VALUE, where);
    const labels = {};
    if (rawLabels) {
      const inner = rawLabels.slice(1, -1);
      let at = 0;
      while (at < inner.length) {
        LABEL.lastIndex = at;
        const l = LABEL.exec(inner);
        assert.ok(l, `${where}: label at ${at}`);
        assert.ok(!(l[1] in labels), `${where}: label ${l[1]} once`);
        labels[l[1]] = l[2];
        at = LABEL.lastIndex;
        if (at < inner.length) {
          assert.equal(inner[at], ',', where);
          at += 1;
        }
      }
    }
    const family = familyOf(name);
    assert.equal(family, current, `${where}: samples follow their own HELP/TYPE`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    assert.ok(!seen.has(key), `${where}: a series appears once`);
    seen.add(key);
    families.get(family).samples.push({ name, labels, value: Number(value) });
  }
  for (const [name, f] of families) {
    assert.ok(f.type, `${name} has a TYPE`);
    if (f.type === 'counter') for (const s of f.samples) assert.ok(s.value >= 0, `${name} counts up from 0`);
    if (f.type !== 'histogram') continue;
    const buckets = f.samples.filter((s) => s.name === `${name}_bucket`);
    assert.ok(buckets.length >= 2, `${name} has buckets`);
    assert.equal(buckets.at(-1).labels.le, '+Inf');
    for (let i = 1; i < buckets.length; i++) {
      const le = (b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le));
      assert.ok(le(buckets[i]) > le(buckets[i - 1]), `${name}: le ascending`);
      assert.ok(buckets[i].value >= buckets[i - 1].value, `${name}: cumulative`);
    }
    const count = f.samples.find((s) => s.name === `${name}_count`);
    assert.ok(f.samples.find((s) => s.name === `${name}_sum`), `${name}_sum`);
    assert.equal(count.value, buckets.at(-1).value, `${name}_count equals the +Inf bucket`);
  }
  return families;
}

async function scrape(s = server, headers = {}) {
  const res = await fetch(`${s.url}/metrics`, { headers });
  assert.equal(res.status, 200, await res.clone().text());
  return parseExposition(await res.text());
}

function value(families, name, labels = {}) {
  const base = families.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
  const f = families.get(base);
  assert.ok(f, `no family ${name}`);
  const s = f.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  assert.ok(s, `no sample ${name} ${JSON.stringify(labels)}`);
  return s.value;
}

test('GET /metrics answers the text format 0.0.4 with the documented families', async () => {
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const f = parseExposition(await res.text());
  assert.equal(f.get('yichuang_build_info').type, 'gauge');
  const info = f.get('yichuang_build_info').samples[0];
  assert.equal(info.value, 1);
  assert.equal(info.labels.database, 'sqlite');
  assert.match(info.labels.version, /^\d+\.\d+/);
  assert.ok(info.labels.node);
  for (const [name, type] of [['yichuang_http_requests_total', 'counter'], ['yichuang_http_request_duration_seconds', 'histogram'],
    ['yichuang_sse_streams', 'gauge'], ['yichuang_db_pool_size', 'gauge'], ['yichuang_db_pool_in_use', 'gauge'],
    ['yichuang_db_write_errors_total', 'counter'], ['yichuang_events_published_total', 'counter'],
    ['process_resident_memory_bytes', 'gauge'], ['process_start_time_seconds', 'gauge'], ['process_open_fds', 'gauge'],
    ['process_cpu_seconds_total', 'counter']]) {
    assert.equal(f.get(name)?.type, type, name);
  }
  assert.ok(value(f, 'process_resident_memory_bytes') > 1 << 20);
  assert.ok(value(f, 'process_start_time_seconds') > 1.7e9);
  assert.ok(value(f, 'yichuang_db_pool_size') >= 1);
  assert.equal(value(f, 'yichuang_db_write_errors_total'), 0);
  // No label carries a path or an id: methods and status classes only.
  for (const s of f.get('yichuang_http_requests_total').samples) {
    assert.deepEqual(Object.keys(s.labels).sort(), ['method', 'status']);
    assert.match(s.labels.status, /^[2-5]xx$/);
  }
});

test('the counters move with the requests the node answers', async () => {
  const before = await scrape();
  for (let i = 0; i < 3; i++) assert.equal((await fetch(`${server.url}/api/no-such-thing/${i}`)).status, 404);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'nobody', password: 'wrong-password-1' }),
  });
  assert.equal(login.status, 401);
  const id = await publish(server, 'metrics.test', { n: 1 });
  assert.ok(id > 0);
  const after = await scrape();
  const get4 = { method: 'GET', status: '4xx' };
  const post4 = { method: 'POST', status: '4xx' };
  const post2 = { method: 'POST', status: '2xx' };
  assert.equal(value(after, 'yichuang_http_requests_total', get4) - value(before, 'yichuang_http_requests_total', get4), 3);
  assert.equal(value(after, 'yichuang_http_requests_total', post4) - value(before, 'yichuang_http_requests_total', post4), 1);
  assert.equal(value(after, 'yichuang_http_requests_total', post2) - value(before, 'yichuang_http_requests_total', post2), 1);
  // The scrape before is counted too (once answered): 3 + 1 + 1 + 1.
  assert.equal(value(after, 'yichuang_http_request_duration_seconds_count') -
    value(before, 'yichuang_http_request_duration_seconds_count'), 6);
  assert.equal(value(after, 'yichuang_events_published_total') - value(before, 'yichuang_events_published_total'), 1);
});

test('yichuang_sse_streams counts the open event streams', async () => {
  const base = value(await scrape(), 'yichuang_sse_streams');
  const s = openStream(`${server.url}/api/events?topics=metrics.test`);
  await s.opened;
  assert.equal(value(await scrape(), 'yichuang_sse_streams'), base + 1);
  s.close();
  // The server notices the closed socket on its next write (a heartbeat):
  // wait for it rather than for a time.
  for (;;) {
    if (value(await scrape(), 'yichuang_sse_streams') === base) break;
    await new Promise((r) => setTimeout(r, 200));
  }
});

test('without metrics.token only this host is answered', async () => {
  // Behind the local nginx the peer is the client nginx names.
  const res = await fetch(`${server.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
  assert.equal(res.status, 403);
  const body = await res.json();
  assert.equal(body.error.code, 'FORBIDDEN');
  assert.match(body.error.message, /metrics\.token/);
  assert.ok(body.request_id);
  const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
  // It is not an API route.
  assert.equal((await fetch(`${server.url}/api/metrics`)).status, 404);
});

test('with metrics.token a scrape must bring it as a bearer token', async () => {
  for (const headers of [{}, { Authorization: 'Bearer wrong-token-0123456789' }, { Authorization: token }]) {
    const res = await fetch(`${guarded.url}/metrics`, { headers });
    assert.equal(res.status, 401, JSON.stringify(headers));
    assert.equal((await res.json()).error.code, 'UNAUTHENTICATED');
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  }
  const f = await scrape(guarded, { Authorization: `Bearer ${token}` });
  assert.equal(f.get('yichuang_build_info').samples[0].labels.node, 'guarded-1');
  // The token is required from this host too, and from anywhere with it.
  await scrape(guarded, { Authorization: `Bearer ${token}`, 'X-Forwarded-For': '203.0.113.7' });
});
