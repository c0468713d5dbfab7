// Sends bytes exactly as given over one TCP connection and returns the raw
// response, for requests that fetch() would normalise (path traversal,
// malformed bodies, odd methods).
import net from 'node:net';
import { scanResponse } from '../e2e/lib/pii-fetch.mjs';

export function rawRequest(port, text, { timeoutMs = 5000 } = {}) {
  return new Promise((resolveRaw, reject) => {
    // Every answer goes through the personal-data scan (issue 13, item 5).
    const [method, target] = Buffer.from(text).toString('latin1').split('\r\n', 1)[0].split(' ');
    let scanned = false;
    const resolve = (r) => {
      if (!scanned && r.status) {
        scanned = true;
        scanResponse({ source: 'raw', method, url: target ?? '/', contentType: r.headers['content-type'], text: r.body });
      }
      resolveRaw(r);
    };
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    const timer = setTimeout(() => { sock.destroy(); resolve(parse(Buffer.concat(chunks))); }, timeoutMs);
    sock.on('connect', () => sock.write(text));
    sock.on('data', (d) => {
      chunks.push(d);
      const r = parse(Buffer.concat(chunks));
      if (r.complete) { clearTimeout(timer); sock.destroy(); resolve(r); }
    });
    sock.on('end', () => { clearTimeout(timer); resolve(parse(Buffer.concat(chunks))); });
    sock.on('error', (e) => { clearTimeout(timer); if (chunks.length) resolve(parse(Buffer.concat(chunks))); else reject(e); });
  });
}

function parse(buf) {
  const s = buf.toString('latin1');
  const head = s.indexOf('\r\n\r\n');
  if (head < 0) return { status: 0, headers: {}, body: '', complete: false, raw: s };
  const lines = s.slice(0, head).split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
  }
  const body = Buffer.from(s.slice(head + 4), 'latin1').toString('utf8');
  const len = Number(headers['content-length'] ?? -1);
  const complete = len >= 0 && Buffer.byteLength(body) >= len;
  return { status, headers, body, complete, raw: s };
}
