// The response half of the personal-data scan (issue 13, item 5): every API
// answer a test receives is searched for unmasked resident ID numbers and
// mobile numbers (pii.mjs), except the few routes that show full values on
// purpose (ALLOWED). Loaded into every node test process through
// NODE_OPTIONS=--import=<this file> (tests/CMakeLists.txt), it wraps
// globalThis.fetch; raw.mjs (raw sockets), sse.mjs (event streams) and
// browser.mjs (what Chromium receives) report their answers through
// scanResponse. Requests are not scanned: fixtures send full ID numbers on
// purpose. At exit, any finding is printed masked and the process fails.
import { personalDataIn } from './pii.mjs';

// Routes that answer with a full ID number or phone on purpose, each audited
// or otherwise justified. Keep this list short.
export const ALLOWED = [
  { method: 'POST', path: /^\/api\/accounts\/\d+\/reveal$/,
    reason: 'a staff account\'s phone, shown to personal.reveal holders, audited' },
  { method: 'POST', path: /^\/api\/residents\/\d+\/reveal$/,
    reason: 'a resident of the labour registry, shown to the registry\'s writers, audited' },
  { method: 'POST', path: /^\/api\/retirees\/\d+\/reveal$/,
    reason: 'a retiree\'s ID number and phone for the yearly contact, audited' },
  { method: 'POST', path: /^\/api\/archives\/files\/\d+\/reveal$/,
    reason: 'the holder of an archive file, shown to the archive keeper, audited' },
  { method: 'POST', path: /^\/api\/complaints\/\d+\/reporter$/,
    reason: 'the sealed reporter of a complaint, shown to complaint.reveal holders, audited' },
  { method: 'POST', path: /^\/api\/rectifications\/\d+\/reveal-contact$/,
    reason: 'the rater\'s phone for the call-back of a rectification, audited' },
  { method: 'POST', path: /^\/api\/labour\/mediations\/\d+\/worker$/,
    reason: 'the worker of a labour mediation, for the mediator who must call them, audited' },
  { method: 'GET', path: /^\/api\/cases\/\d+\/mailing$/,
    reason: 'the name, phone and address a decided result is posted to (邮寄送达), audited' },
  { method: 'POST', path: /^\/api\/(idcard|sscard)\/read$/,
    reason: 'the window PC\'s device agent (loopback) reads the card held up at the window into the intake form' },
];

const KEY = Symbol.for('yichuang.pii-response-scan');
const state = globalThis[KEY] ?? (globalThis[KEY] = { findings: [], seen: new Set(), installed: false, counts: {} });

export function allowed(method, pathname) {
  return ALLOWED.some((a) => a.method === method.toUpperCase() && a.path.test(pathname));
}

// A path fit to print: any ID number or phone in it masked.
function printable(pathname) {
  return pathname
    .replace(/(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g, '$1********$2')
    .replace(/(?<![0-9A-Za-z])(1[3-9]\d)\d{4}(\d{4})(?![0-9A-Za-z])/g, '$1****$2');
}

function textual(contentType) {
  const t = (contentType ?? '').toLowerCase();
  return t.includes('json') || t.startsWith('text/plain') || t.startsWith('text/csv');
}

// One answer: scanned when it is an API answer (path under /api/) of a
// textual type and not from an ALLOWED route. `source` says who saw it.
export function scanResponse({ source, method = 'GET', url, contentType, text }) {
  let pathname;
  try {
    pathname = new URL(url, 'http://127.0.0.1').pathname;
  } catch {
    return;
  }
  if (!pathname.startsWith('/api/') || !textual(contentType) || !text) return;
  if (allowed(method, pathname)) return;
  state.counts[source] = (state.counts[source] ?? 0) + 1;
  for (const f of personalDataIn(text)) {
    const key = `${method} ${pathname} ${f.kind} ${f.masked}`;
    if (state.seen.has(key)) continue;
    state.seen.add(key);
    state.findings.push({ source, method: method.toUpperCase(), path: printable(pathname), kind: f.kind, masked: f.masked });
  }
}

// What has been found so far (masked), for tests of the scan itself.
export function findings() {
  return state.findings;
}

export function clearFindings() {
  state.findings.length = 0;
  state.seen.clear();
}

function install() {
  if (state.installed) return;
  state.installed = true;
  const original = globalThis.fetch;
  if (typeof original === 'function') {
    globalThis.fetch = async function scannedFetch(input, init) {
      const res = await original(input, init);
      try {
        const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
        const contentType = res.headers.get('content-type');
        if (textual(contentType) && res.body !== null) {
          // A copy of the body: the test reads the original as it would.
          res.clone().text()
            .then((text) => scanResponse({ source: 'fetch', method, url: res.url || String(input), contentType, text }))
            .catch(() => {});
        }
      } catch {
        // never change what the test sees
      }
      return res;
    };
  }
  process.on('exit', () => {
    // YICHUANG_PII_SCAN_STATS=1: how many answers each source had scanned.
    if (process.env.YICHUANG_PII_SCAN_STATS === '1') process.stderr.write(`pii scan: ${JSON.stringify(state.counts)}\n`);
    if (state.findings.length === 0) return;
    const lines = state.findings.slice(0, 50)
      .map((f) => `  ${f.kind} ${f.masked} in the answer to ${f.method} ${f.path} (${f.source})`);
    if (state.findings.length > 50) lines.push(`  ... and ${state.findings.length - 50} more`);
    process.stderr.write(`personal data in API answers (issue 13, item 5): ${state.findings.length} finding(s)\n`
      + `${lines.join('\n')}\nMask it in the server, or, if the route must show it, add it to ALLOWED in `
      + 'tests/e2e/lib/pii-fetch.mjs with the reason.\n');
    process.exitCode = 1;
  });
}

install();
