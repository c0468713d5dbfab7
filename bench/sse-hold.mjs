// Opens N idle Server-Sent Events streams on raw sockets (cheap enough that
// the client is not the bottleneck), reads the server's RSS and threads while
// they are held, then publishes one event and measures publish -> received on
// every stream. Prints one JSON line.
//   node sse-hold.mjs <base-url> <count> <server-pid> <publish-token>
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [base, countText, pidText, token] = process.argv.slice(2);
const count = Number(countText);
const { hostname, port } = new URL(base);
const topic = 'bench';

function procStatus(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (k) => Number(text.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm'))[1]);
  return { rssKb: field('VmRSS'), threads: field('Threads') };
}

const streams = [];
function open() {
  return new Promise((resolve, reject) => {
    const s = { sock: net.connect(Number(port), hostname), buf: '', ready: false, got: new Map() };
    s.sock.setNoDelay(true);
    s.sock.on('connect', () => s.sock.write(`GET /api/events?topics=${topic} HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`));
    s.sock.on('data', (d) => {
      const now = performance.now();
      s.buf += d.toString('utf8');
      if (!s.ready && s.buf.includes(' 200 ') && s.buf.includes('connected')) {
        s.ready = true;
        resolve(s);
      }
      let m;
      const re = /id: (\d+)\n/g;
      while ((m = re.exec(s.buf)) !== null) if (!s.got.has(Number(m[1]))) s.got.set(Number(m[1]), now);
      if (s.buf.length > 65536) s.buf = s.buf.slice(-4096);
    });
    s.sock.on('error', reject);
    streams.push(s);
  });
}

const started = performance.now();
const batch = 100;
for (let i = 0; i < count; i += batch) {
  await Promise.all(Array.from({ length: Math.min(batch, count - i) }, open));
}
const openMs = performance.now() - started;
await new Promise((r) => setTimeout(r, 500));
const held = streams.filter((s) => s.ready && !s.sock.destroyed).length;
const status = procStatus(Number(pidText));

const t0 = performance.now();
const res = await fetch(`${base}/api/events/${topic}`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify({ called: 'A001', window: 3 }),
});
const { id } = await res.json();
const deadline = Date.now() + 10000;
while (Date.now() < deadline && streams.some((s) => !s.got.has(id))) await new Promise((r) => setTimeout(r, 5));
const lat = streams.filter((s) => s.got.has(id)).map((s) => s.got.get(id) - t0).sort((a, b) => a - b);
const pct = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] : NaN);
for (const s of streams) s.sock.destroy();
console.log(JSON.stringify({
  requested: count, held, open_ms: Math.round(openMs), rss_mb: +(status.rssKb / 1024).toFixed(1),
  threads: status.threads, received: lat.length, p50_ms: +pct(50).toFixed(1), p99_ms: +pct(99).toFixed(1),
  max_ms: +(lat.at(-1) ?? NaN).toFixed(1),
}));
