// Call -> receipt at the hall's screens (issue 7): N screen clients hold
// `GET /api/events?topics=hall.<site>.queue` (each a real HTTP connection on a
// raw socket, split over worker threads so one event loop does not serialise
// all receipts); a window clerk takes tickets and calls them one at a time
// (`POST /api/hall/windows/:window/call`), and for every call the latency is
// the time from writing the call request to each stream's receipt of the
// `{kind: call, label}` event with the label the call answered. All
// clients x calls receipts go into p50/p99/max; a receipt that never comes is
// a miss. Prints one JSON line.
//   node bench/hall-calls.mjs <base-url> [--clients 1000] [--calls 200]
//     [--warmup 10] [--workers 4] [--gap-ms 20] [--timeout-ms 5000]
//     [--unit 110101001] [--window-number 1] [--server-pid PID]
//     [--via call|publish --token T]   (publish: POST /api/events/<topic>
//                                        instead, the fan-out alone)
// Needs the demo data (`yichuang seed-demo`): the hall of unit 110101001, its
// manager `hallmgr` (hall.manage) and clerk `clerk` (case.intake), both
// without a second step.
//
// Clock: every time is process.hrtime.bigint() of this one process (threads
// share it: CLOCK_MONOTONIC), so send and receipt times compare directly.
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const now = () => process.hrtime.bigint();

// --- worker: holds its share of the streams ---------------------------------
if (!isMainThread) {
  const { host, port, topic, count } = workerData;
  const streams = [];
  // label -> { at: BigInt64Array (0 = not yet), got }
  const calls = new Map();
  let alive = 0;
  let dead = 0;
  // Done with a call once every stream has it or is gone (a gone stream's
  // receipts stay missing: misses).
  const check = (label, c) => {
    if (!c.announced && c.got >= count - dead) {
      c.announced = true;
      parentPort.postMessage({ type: 'all', label });
    }
  };
  const record = (s, label, t) => {
    let c = calls.get(label);
    if (!c) {
      c = { at: new BigInt64Array(count), got: 0, announced: false };
      calls.set(label, c);
    }
    if (c.at[s.index] !== 0n) return;  // a replay or a repeat: the first receipt counts
    c.at[s.index] = t;
    c.got += 1;
    check(label, c);
  };
  const open = (index) =>
    new Promise((resolve) => {
      const s = { index, sock: net.connect(port, host), buf: '', ready: false };
      streams.push(s);
      s.sock.setNoDelay(true);
      s.sock.on('connect', () =>
        s.sock.write(`GET /api/events?topics=${topic} HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n\r\n`));
      s.sock.on('data', (d) => {
        const t = now();
        s.buf += d.toString('utf8');
        if (!s.ready) {
          if (!(s.buf.includes(' 200 ') && s.buf.includes('connected'))) {
            if (s.buf.length > 4096 || /^HTTP\/1\.1 [^2]/.test(s.buf)) {
              s.sock.destroy();
              resolve(false);
            }
            return;
          }
          s.ready = true;
          alive += 1;
          resolve(true);
        }
        // One SSE frame per chunk; a data line is whole once its \n arrived
        // (serialized JSON holds no raw newline). Chunk-size lines are skipped.
        const re = /^data: (.*)\n/gm;
        let m;
        let end = -1;
        while ((m = re.exec(s.buf)) !== null) {
          end = re.lastIndex;
          let e;
          try {
            e = JSON.parse(m[1]);
          } catch {
            continue;
          }
          if (e?.topic === topic && e.data?.kind === 'call' && typeof e.data.label === 'string')
            record(s, `${e.data.window_number}/${e.data.label}`, t);
        }
        if (end >= 0) s.buf = s.buf.slice(end);
        else if (s.buf.length > 65536) s.buf = s.buf.slice(-4096);
      });
      const gone = () => {
        if (s.ready && !s.dead) {
          alive -= 1;
          dead += 1;
          for (const [label, c] of calls) check(label, c);
        }
        s.dead = true;
        resolve(false);
      };
      s.sock.on('error', gone);
      s.sock.on('close', gone);
    });
  parentPort.on('message', async (msg) => {
    if (msg.type === 'open') {
      const batch = 50;
      let ok = 0;
      for (let i = 0; i < count; i += batch) {
        const got = await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, k) => open(i + k)));
        ok += got.filter(Boolean).length;
      }
      parentPort.postMessage({ type: 'opened', held: ok });
    } else if (msg.type === 'report') {
      const out = {};
      for (const label of msg.labels) out[label] = calls.get(label)?.at ?? new BigInt64Array(count);
      parentPort.postMessage({ type: 'report', at: out, alive });
    } else if (msg.type === 'close') {
      for (const s of streams) s.sock.destroy();
      parentPort.postMessage({ type: 'closed' });
    }
  });
} else {
  await main().catch((e) => {
    console.log(JSON.stringify({ error: `${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}` }));
    process.exit(1);
  });
}

// --- main: setup, the calls, the figures ------------------------------------
async function main() {
  const argv = process.argv.slice(2);
  const base = argv[0];
  if (!base || base.startsWith('--')) {
    console.error('usage: node bench/hall-calls.mjs <base-url> [--clients N] [--calls N] [--workers N] ...');
    process.exit(2);
  }
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i > 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
  };
  const clients = Number(opt('clients', 1000));
  const nCalls = Number(opt('calls', 200));
  const warmup = Number(opt('warmup', 10));
  const nWorkers = Math.max(1, Math.min(Number(opt('workers', 4)), clients));
  const gapMs = Number(opt('gap-ms', 20));
  const timeoutMs = Number(opt('timeout-ms', 5000));
  const unit = opt('unit', '110101001');
  const windowNumber = Number(opt('window-number', 1));
  const serverPid = opt('server-pid', '');
  const via = opt('via', 'call');
  const token = opt('token', '');
  const password = opt('password', 'Yichuang@2026');
  const { hostname, port } = new URL(base);
  const log = (s) => process.stderr.write(`hall-calls: ${s}\n`);
  const fail = (s) => {
    console.log(JSON.stringify({ error: s }));
    process.exit(1);
  };

  // Setup with fetch: sign in, find the hall and the window, a group the
  // window serves.
  async function signIn(login) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.status !== 200 || body.step !== 'done')
      fail(`sign-in of ${login}: ${res.status} ${JSON.stringify(body)} (demo data seeded?)`);
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const csrf = body.csrf_token;
    const call = async (method, path, json, headers = {}) => {
      const h = { cookie, ...headers };
      if (method !== 'GET') h['X-CSRF-Token'] = csrf;
      if (json !== undefined) h['Content-Type'] = 'application/json';
      const r = await fetch(base + path, { method, headers: h, body: json === undefined ? undefined : JSON.stringify(json) });
      const text = await r.text();
      let b = null;
      try { b = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      return { status: r.status, body: b, text };
    };
    return { cookie, csrf, call };
  }
  const must = (r, what, ...ok) => {
    if (!ok.includes(r.status)) fail(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
    return r.body;
  };

  const manager = await signIn('hallmgr');
  const clerk = via === 'call' ? await signIn('clerk') : null;
  const sites = must(await manager.call('GET', `/api/org/sites?unit=${unit}`), 'sites', 200).items;
  const site = sites.find((s) => s.kind === 'hall' && s.unit_code === unit);
  if (!site) fail(`no hall at unit ${unit}`);
  const siteDetail = must(await manager.call('GET', `/api/org/sites/${site.id}`), 'site', 200);
  const win = siteDetail.windows.find((w) => w.number === windowNumber);
  if (!win) fail(`no window ${windowNumber} at site ${site.id}`);
  const topic = `hall.${site.id}.queue`;

  let group = null;
  if (via === 'call') {
    // Reuse a group the window already serves (demo data may create some), or
    // our own `bench` group; create it only when missing (409 = someone else
    // took the code or prefix meanwhile: list again).
    const windowsRes = await manager.call('GET', `/api/hall/sites/${site.id}/windows`);
    const served = windowsRes.status === 200 ? windowsRes.body.items.find((w) => w.id === win.id)?.groups ?? [] : null;
    for (let attempt = 0; attempt < 5 && !group; attempt++) {
      const listed = await manager.call('GET', `/api/hall/sites/${site.id}/groups`);
      if (listed.status === 404 && listed.body?.error?.field === '')
        fail(`the server has no hall API (GET /api/hall/sites/${site.id}/groups: 404): a binary from before issue 7?`);
      const groups = must(listed, 'groups', 200).items;
      const active = groups.filter((g) => g.active);
      group = active.find((g) => served?.includes(g.code)) ?? active.find((g) => g.code === 'bench') ?? null;
      if (group) break;
      const taken = new Set(groups.map((g) => g.prefix));
      const prefix = [...'ZYXWVUTSRQPONMLKJIHGFEDCBA'].find((p) => !taken.has(p));
      if (groups.some((g) => g.code === 'bench') || !prefix) {
        group = active[0] ?? null;  // bench exists but paused, or no prefix left
        if (!group) fail('no active service group and none can be created');
        break;
      }
      const r = await manager.call('POST', `/api/hall/sites/${site.id}/groups`, { code: 'bench', name: '压测分组', prefix });
      if (r.status === 201) group = r.body;
      else if (r.status !== 409) must(r, 'create group', 201);
    }
    if (!group) fail('could not find or create a service group');
    if (!served?.includes(group.code)) {
      const groups = [...new Set([...(served ?? []), group.code])];
      must(await manager.call('PUT', `/api/hall/windows/${win.id}/groups`, { groups }), 'window groups', 204, 200);
    }
    // Where the route exists, the clerk takes the window (三亮明); not needed to call.
    const signedIn = await clerk.call('POST', `/api/hall/windows/${win.id}/sign-in`);
    if (![200, 404, 405].includes(signedIn.status)) log(`window sign-in: ${signedIn.status} (ignored)`);
  } else if (!token) {
    fail('--via publish needs --token');
  }

  // One keep-alive connection on a raw socket for the measured requests: the
  // send time is taken right before the bytes are written.
  const raw = await new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname, () => resolve(sock));
    sock.once('error', reject);
  });
  raw.setNoDelay(true);
  let rawBuf = Buffer.alloc(0);
  let rawWaiter = null;
  raw.on('data', (d) => {
    rawBuf = Buffer.concat([rawBuf, d]);
    rawWaiter?.();
  });
  raw.on('close', () => rawWaiter?.());
  function rawRequest(method, path, headers, body = '') {
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, `Content-Length: ${Buffer.byteLength(body)}`];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    const bytes = `${lines.join('\r\n')}\r\n\r\n${body}`;
    return new Promise((resolve, reject) => {
      let tSend;
      rawWaiter = () => {
        if (raw.destroyed) return reject(new Error('connection closed'));
        const head = rawBuf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const headText = rawBuf.subarray(0, head).toString('latin1');
        const status = Number(headText.split(' ')[1]);
        const len = /\r\ncontent-length:\s*(\d+)/i.exec(headText);
        let text;
        let used;
        if (len) {
          if (rawBuf.length < head + 4 + Number(len[1])) return;
          text = rawBuf.subarray(head + 4, head + 4 + Number(len[1])).toString('utf8');
          used = head + 4 + Number(len[1]);
        } else if (/\r\ntransfer-encoding:\s*chunked/i.test(headText)) {
          let p = head + 4;
          const parts = [];
          for (;;) {
            const eol = rawBuf.indexOf('\r\n', p);
            if (eol < 0) return;
            const size = parseInt(rawBuf.subarray(p, eol).toString('latin1'), 16);
            if (rawBuf.length < eol + 2 + size + 2) return;
            if (size === 0) { used = eol + 4; break; }
            parts.push(rawBuf.subarray(eol + 2, eol + 2 + size));
            p = eol + 2 + size + 2;
          }
          text = Buffer.concat(parts).toString('utf8');
        } else {
          text = '';
          used = head + 4;
        }
        rawBuf = rawBuf.subarray(used);
        rawWaiter = null;
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
        resolve({ status, body: json, text, tSend, tDone: now() });
      };
      tSend = now();
      raw.write(bytes);
    });
  }

  // The screens.
  const workers = [];
  const waiting = new Map();  // label -> workers still missing some receipts
  const share = (i) => Math.floor(clients / nWorkers) + (i < clients % nWorkers ? 1 : 0);
  for (let i = 0; i < nWorkers; i++) {
    const w = new Worker(new URL(import.meta.url), { workerData: { host: hostname, port: Number(port), topic, count: share(i) } });
    w.on('error', (e) => fail(`worker ${i}: ${e.message}`));
    w.on('message', (m) => {
      if (m.type === 'all') {
        const set = waiting.get(m.label) ?? new Set(workers.map((_, k) => k));
        set.delete(i);
        waiting.set(m.label, set);
        if (set.size === 0) waiting.get(`${m.label}#wake`)?.();
      }
    });
    workers.push(w);
  }
  const ask = (w, msg, type) =>
    new Promise((resolve) => {
      const on = (m) => {
        if (m.type === type) {
          w.off('message', on);
          resolve(m);
        }
      };
      w.on('message', on);
      w.postMessage(msg);
    });
  const t0 = now();
  const opened = await Promise.all(workers.map((w) => ask(w, { type: 'open' }, 'opened')));
  const held = opened.reduce((a, m) => a + m.held, 0);
  log(`${held}/${clients} streams on ${topic} over ${nWorkers} workers in ${Number(now() - t0) / 1e6 | 0} ms`);
  if (held < clients) {
    for (const w of workers) w.terminate();
    fail(`only ${held} of ${clients} streams opened`);
  }
  await new Promise((r) => setTimeout(r, 500));

  const auth = clerk ? { Cookie: clerk.cookie, 'X-CSRF-Token': clerk.csrf } : { Authorization: `Bearer ${token}` };
  // The tickets, all before the first call, so a ticket's own publish (if the
  // server announces tickets) never overlaps a measured call.
  const total = warmup + nCalls;
  if (via === 'call') {
    for (let i = 0; i < total; i++) {
      const r = await rawRequest('POST', `/api/hall/sites/${site.id}/tickets`,
        { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, JSON.stringify({ group: group.code }));
      if (r.status !== 201) fail(`ticket ${i + 1}: ${r.status} ${r.text.slice(0, 300)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  const measured = [];  // { key, tSend, tDone }
  let timeouts = 0;
  const cpu0 = process.cpuUsage();
  const serverCpu = () => {
    if (!serverPid) return null;
    const f = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);  // utime + stime, clock ticks
  };
  const sc0 = serverCpu();
  for (let i = 0; i < total; i++) {
    let r;
    if (via === 'call') {
      r = await rawRequest('POST', `/api/hall/windows/${win.id}/call`, auth);
      if (r.status !== 200) fail(`call ${i + 1}: ${r.status} ${r.text.slice(0, 300)}`);
    } else {
      const label = `P${String(i + 1).padStart(4, '0')}`;
      const body = JSON.stringify({ kind: 'call', label, window_number: windowNumber, window_name: '', text: '' });
      r = await rawRequest('POST', `/api/events/${topic}`, { ...auth, 'Content-Type': 'application/json' }, body);
      if (r.status !== 202) fail(`publish ${i + 1}: ${r.status} ${r.text.slice(0, 300)}`);
      r.body = { ticket: { label }, window_number: windowNumber };
    }
    const key = `${r.body.window_number}/${r.body.ticket.label}`;
    if (i >= warmup) measured.push({ key, tSend: r.tSend, tDone: r.tDone });
    // Wait for every stream (or the timeout), then a short gap.
    const done = waiting.get(key)?.size === 0;
    if (!done) {
      const ok = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiting.set(`${key}#wake`, () => {
          clearTimeout(timer);
          resolve(true);
        });
        if (waiting.get(key)?.size === 0) waiting.get(`${key}#wake`)();
      });
      if (!ok) timeouts += 1;
    }
    waiting.delete(`${key}#wake`);
    await new Promise((res) => setTimeout(res, gapMs));
  }
  const sc1 = serverCpu();
  const clientCpu = process.cpuUsage(cpu0);

  await new Promise((r) => setTimeout(r, 200));
  const labels = measured.map((m) => m.key);
  const reports = await Promise.all(workers.map((w) => ask(w, { type: 'report', labels }, 'report')));
  await Promise.all(workers.map((w) => ask(w, { type: 'close' }, 'closed')));
  for (const w of workers) w.terminate();
  raw.destroy();

  const lat = [];
  const firsts = [];
  const responses = [];
  let misses = 0;
  const missedCalls = new Set();
  for (const m of measured) {
    let first = Infinity;
    for (const rep of reports) {
      for (const t of rep.at[m.key]) {
        if (t === 0n) {
          misses += 1;
          missedCalls.add(m.key);
          continue;
        }
        const ms = Number(t - m.tSend) / 1e6;
        lat.push(ms);
        if (ms < first) first = ms;
      }
    }
    if (first !== Infinity) firsts.push(first);
    responses.push(Number(m.tDone - m.tSend) / 1e6);
  }
  const sorted = (a) => Float64Array.from(a).sort();
  const pct = (a, p) => (a.length ? a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))] : NaN);
  const L = sorted(lat);
  const F = sorted(firsts);
  const R = sorted(responses);
  const r1 = (x) => +x.toFixed(1);
  const ticks = 100;  // USER_HZ
  console.log(JSON.stringify({
    via, topic, window_id: win.id, group: group?.code ?? null, clients, held, workers: nWorkers,
    calls: measured.length, warmup, expected: measured.length * clients, received: lat.length, misses,
    calls_with_misses: missedCalls.size, timeouts, streams_alive_at_end: reports.reduce((a, r) => a + r.alive, 0),
    p50_ms: r1(pct(L, 50)), p99_ms: r1(pct(L, 99)), max_ms: r1(L.at(-1) ?? NaN),
    first_p50_ms: r1(pct(F, 50)), first_p99_ms: r1(pct(F, 99)),
    response_p50_ms: r1(pct(R, 50)), response_p99_ms: r1(pct(R, 99)),
    client_cpu_ms_per_call: r1((clientCpu.user + clientCpu.system) / 1000 / total),
    server_cpu_ms_per_call: sc0 === null ? null : r1(((sc1 - sc0) * 1000) / ticks / total),
  }));
}
