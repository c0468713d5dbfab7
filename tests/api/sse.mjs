// A small Server-Sent Events reader for tests: collects parsed messages and
// lets a test wait for one that matches.
import http from 'node:http';
import { scanResponse } from '../e2e/lib/pii-fetch.mjs';

export function openStream(url, { headers = {} } = {}) {
  const messages = [];
  const waiters = [];
  let status = 0;
  let responseHeaders = {};
  let ended = false;
  let buffer = '';
  let req;
  const opened = new Promise((resolve, reject) => {
    req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      status = res.statusCode;
      responseHeaders = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let idx;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const msg = { id: null, data: null, comments: [] };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) msg.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) msg.id = Number(line.slice(4));
            else if (line.startsWith('data: ')) msg.data = JSON.parse(line.slice(6));
          }
          if (msg.data !== null) {
            // Events are API answers too (issue 13, item 5).
            scanResponse({ source: 'sse', url, contentType: 'application/json', text: JSON.stringify(msg.data) });
            messages.push(msg);
            for (const w of [...waiters]) w();
          }
        }
      });
      res.on('end', () => {
        ended = true;
        for (const w of [...waiters]) w();
      });
      resolve();
    });
    req.on('error', (e) => {
      ended = true;
      reject(e);
      for (const w of [...waiters]) w();
    });
  });
  return {
    opened,
    get status() { return status; },
    get headers() { return responseHeaders; },
    get ended() { return ended; },
    messages,
    // Resolves with the first message matching pred, or rejects after ms.
    waitFor(pred, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = messages.find(pred);
          if (m) { cleanup(); resolve(m); return true; }
          if (ended) { cleanup(); reject(new Error('stream ended')); return true; }
          return false;
        };
        const timer = setTimeout(() => { cleanup(); reject(new Error('timed out waiting for event')); }, ms);
        const waiter = () => check();
        const cleanup = () => { clearTimeout(timer); const i = waiters.indexOf(waiter); if (i >= 0) waiters.splice(i, 1); };
        if (!check()) waiters.push(waiter);
      });
    },
    waitEnd(ms = 10000) {
      return new Promise((resolve, reject) => {
        if (ended) return resolve();
        const timer = setTimeout(() => reject(new Error('stream did not end')), ms);
        waiters.push(() => { if (ended) { clearTimeout(timer); resolve(); } });
      });
    },
    close() { req.destroy(); },
  };
}

export async function publish(server, topic, data) {
  const res = await fetch(`${server.url}/api/events/${topic}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(data),
  });
  const body = await res.json();
  if (res.status !== 202) throw new Error(`publish failed: ${res.status} ${JSON.stringify(body)}`);
  return body.id;
}
