// A signed-in API client over plain fetch (session cookie + CSRF header), and
// valid resident ID numbers (GB 11643) for test applicants.
import crypto from 'node:crypto';
import { demoPassword, demoTotpSecret, totp } from '../e2e/lib/totp.mjs';

// One answer: status, headers, the raw text and, for JSON, the parsed body.
async function answer(res) {
  const text = await res.text();
  let body = null;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, body };
}

export class Client {
  constructor(url, cookie, csrf, login) {
    this.url = url;
    this.cookie = cookie;
    this.csrf = csrf;
    this.login = login;
  }

  // json: a value sent as application/json; bytes + type: a raw body.
  async request(method, path, { json, bytes, type, headers = {} } = {}) {
    const h = { cookie: this.cookie, ...headers };
    if (method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let body;
    if (json !== undefined) {
      h['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (bytes !== undefined) {
      h['Content-Type'] = type;
      body = bytes;
    }
    return answer(await fetch(this.url + path, { method, headers: h, body }));
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, json, opts = {}) { return this.request('POST', path, { ...opts, json }); }
  put(path, json, opts = {}) { return this.request('PUT', path, { ...opts, json }); }
}

// Signs in with the demo password; only accounts without a second step.
export async function signIn(url, login, password = demoPassword) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.step !== 'done') throw new Error(`sign-in of ${login}: ${res.status} ${JSON.stringify(body)}`);
  return new Client(url, res.headers.get('set-cookie').split(';')[0], body.csrf_token, login);
}

// A demo citizen's portal session (YICHUANG_CITIZEN_DEMO_ACCOUNTS=true):
// the same client shape as staff, on the citizen's cookie and CSRF token.
export async function signInCitizen(url, account) {
  const res = await fetch(`${url}/api/citizen/demo-login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account }) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`citizen sign-in of ${account}: ${res.status} ${JSON.stringify(body)}`);
  return new Client(url, res.headers.get('set-cookie').split(';')[0], body.csrf_token, account);
}

// A demo account that needs TOTP (administrators, approvers): the password,
// then the code of the demo secret.
export async function signInWithTotp(url, login, password = demoPassword) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.step !== 'totp') throw new Error(`sign-in of ${login}: ${res.status} ${JSON.stringify(body)}`);
  const client = new Client(url, res.headers.get('set-cookie').split(';')[0], body.csrf_token, login);
  const second = await client.post('/api/auth/totp', { code: totp(demoTotpSecret) });
  if (second.status !== 200) throw new Error(`TOTP of ${login}: ${second.status} ${second.text}`);
  return client;
}

// One session per server and account, shared by a file's tests: a TOTP code
// is accepted once, so a second sign-in within its 30 seconds would fail.
const totpSessions = new Map();
export function sharedTotpSession(url, login) {
  const key = `${url} ${login}`;
  if (!totpSessions.has(key)) totpSessions.set(key, signInWithTotp(url, login));
  return totpSessions.get(key);
}

// An 18-digit resident ID number with its GB 11643 check character:
// region (6 digits), birth (YYYYMMDD), sequence (0-999).
export function residentId(region, birth, seq) {
  const base = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(base[i]) * weights[i];
  return base + '10X98765432'[sum % 11];
}

// The n-th distinct ID number of a region: birth days from 1950-01-01 on.
export function nthResidentId(region, n) {
  const day = new Date(Date.UTC(1950, 0, 1) + n * 86400000);
  const birth = day.toISOString().slice(0, 10).replaceAll('-', '');
  return residentId(region, birth, n % 1000);
}

// A finished case of today at 东华门街道 (unit 110101001), taken and
// accepted by `clerk`: an immediate item (即办, BJ-JYCY-001 by default) is
// ready at once; an item with a back-office chain needs `deciders`, a
// client per step (review_first, review_second, approve, recheck) who
// approves it. n picks the applicant's ID number.
export async function finishedCase(clerk, n, { item = 'BJ-JYCY-001', deciders = {} } = {}) {
  const sites = await clerk.get('/api/org/sites');
  const hall = sites.body.items.find((x) => x.unit_code === '110101001' && x.kind === 'hall');
  const opened = await clerk.post('/api/cases', {
    item_code: item, site_id: hall.id,
    applicant: { kind: 'person', id_number: nthResidentId('110101', n), name: '内控抽查', phone: `139000000${String(n).padStart(2, '0')}` },
  }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  if (opened.status !== 201) throw new Error(`case intake: ${opened.status} ${opened.text}`);
  for (const m of opened.body.materials.filter((x) => x.state === 'pending')) {
    const judged = await clerk.put(`/api/cases/${opened.body.id}/materials/${m.idx}`,
      m.required ? { state: 'received', form: 'original' } : { state: 'not_applicable' });
    if (judged.status !== 200) throw new Error(`material: ${judged.status} ${judged.text}`);
  }
  let c = (await clerk.post(`/api/cases/${opened.body.id}/accept`, undefined)).body;
  while (c.status === 'review') {
    const task = c.tasks.find((t) => t.state === 'open');
    const decider = deciders[task?.step];
    if (!decider) throw new Error(`no decider for step ${task?.step}`);
    const acted = await decider.post(`/api/tasks/${task.id}/act`, { action: 'approve', opinion: '符合条件' });
    if (acted.status !== 200) throw new Error(`${task.step}: ${acted.status} ${acted.text}`);
    c = (await clerk.get(`/api/cases/${opened.body.id}`)).body;
  }
  if (c.status !== 'ready') throw new Error(`case ended ${c.status}`);
  return c;
}
