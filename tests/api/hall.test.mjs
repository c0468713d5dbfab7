// The hall over real HTTP (issue 7; policy 三(五)(六)): a paired kiosk takes
// tickets (refused while no window is open), the ticket is printed as
// ESC/POS to a TCP 9100-style listener (GB18030 text, QR code, cut), a clerk
// calls it and the screens hear of it on hall.<site>.queue, the voice is
// made and cached, the window board shows the clerk (三亮明), appointments
// are booked, checked in once and looked up only with the holder's ID, and
// bad input gets a clear refusal that changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, signIn } from './client.mjs';
import { openStream } from './sse.mjs';

const DEMO_KIOSK = 'yichuang-demo-kiosk-1';
const SITE = 1;  // 东华门街道便民服务中心(演示), window 1 serves A, B, C

let server;
let clerk;
let hallmgr;
let windowId;

function kiosk(method, p, json, token = DEMO_KIOSK) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Device ${token}`;
  return fetch(server.url + p, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
    .then(async (res) => ({ status: res.status, body: await res.json().catch(() => null) }));
}

function publicPost(p, json) {
  return fetch(server.url + p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) })
    .then(async (res) => ({ status: res.status, body: await res.json().catch(() => null) }));
}

function assertError(a, status, code, field) {
  assert.equal(a.status, status, JSON.stringify(a.body));
  assert.equal(a.body.error.code, code, JSON.stringify(a.body));
  if (field !== undefined) assert.equal(a.body.error.field, field, JSON.stringify(a.body));
  assert.match(a.body.error.message, /[\u4e00-\u9fff]/);
}

// A TCP listener that keeps what each connection sent (a ticket printer).
async function printerListener() {
  const jobs = [];
  const srv = net.createServer((sock) => {
    const chunks = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', () => jobs.push(Buffer.concat(chunks)));
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return { port: srv.address().port, jobs, close: () => new Promise((r) => srv.close(r)) };
}

before(async () => {
  server = await startServer({ seed: true });
  clerk = await signIn(server.url, 'clerk');
  hallmgr = await signIn(server.url, 'hallmgr');
  const windows = await clerk.get(`/api/hall/sites/${SITE}/windows`);
  assert.equal(windows.status, 200, windows.text);
  windowId = windows.body.items.find((w) => w.number === 1).id;
});

after(async () => {
  await server?.stop();
});

test('a kiosk takes no ticket while no window is open, then one that is printed and called (3_6)', async () => {
  const me = await kiosk('GET', '/api/kiosk/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.site.id, SITE);
  assert.equal(me.body.open_now, true);
  assert.deepEqual(me.body.groups.map((g) => g.prefix), ['A', 'B', 'C']);
  // Nobody at any window yet: a clear refusal, and no number is used.
  assertError(await kiosk('POST', '/api/kiosk/tickets', { group: 'employment' }), 422, 'UNPROCESSABLE', 'group');
  const signed = await clerk.post(`/api/hall/windows/${windowId}/sign-in`);
  assert.equal(signed.status, 200, signed.text);
  assert.equal(signed.body.clerk.badge, '0101');

  // A kiosk with a printer: the ticket arrives as ESC/POS bytes.
  const printer = await printerListener();
  try {
    const reg = await hallmgr.post(`/api/hall/sites/${SITE}/devices`, { name: '2 号自助终端', printer: `127.0.0.1:${printer.port}` });
    assert.equal(reg.status, 201, reg.text);
    assert.match(reg.body.token, /^[A-Za-z0-9_-]{40,}$/);
    const listed = await hallmgr.get(`/api/hall/sites/${SITE}/devices`);
    assert.ok(!listed.text.includes(reg.body.token), 'the token is shown once, never listed');

    const stream = openStream(`${server.url}/api/events?topics=hall.${SITE}.queue`);
    await stream.opened;
    const taken = await kiosk('POST', '/api/kiosk/tickets', { group: 'employment' }, reg.body.token);
    assert.equal(taken.status, 201, JSON.stringify(taken.body));
    assert.equal(taken.body.ticket.label, 'A001');
    assert.equal(taken.body.ticket.group_name, '就业服务');
    assert.equal(taken.body.ahead, 0);
    assert.equal(taken.body.printed, true);
    for (let i = 0; i < 50 && printer.jobs.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(printer.jobs.length, 1);
    const job = printer.jobs[0];
    // GB18030 of 就业服务 (each character two bytes), the label, the QR (GS ( k) and the cut (GS V).
    assert.ok(job.includes(Buffer.from([0xbe, 0xcd, 0xd2, 0xb5, 0xb7, 0xfe, 0xce, 0xf1])), 'GB18030 text');
    assert.ok(job.includes(Buffer.from('A001')), 'the number');
    assert.ok(job.includes(Buffer.from([0x1d, 0x28, 0x6b])), 'QR command');
    assert.ok(job.includes(Buffer.from([0x1d, 0x56])), 'cut command');
    assert.ok(job.includes(Buffer.from(`/screen/hall?site=${SITE}`)), 'the QR opens the queue screen');

    // The screens hear of the new ticket, then of the call.
    await stream.waitFor((m) => m.data.data.kind === 'ticket');
    const called = await clerk.post(`/api/hall/windows/${windowId}/call`);
    assert.equal(called.status, 200, called.text);
    assert.equal(called.body.ticket.label, 'A001');
    assert.equal(called.body.text, '请 A 零 零 一 号到 一 号窗口办理');
    const heard = await stream.waitFor((m) => m.data.data.kind === 'call');
    assert.equal(heard.data.data.label, 'A001');
    assert.equal(heard.data.data.window_number, 1);
    stream.close();

    // Revoked: the kiosk can no longer take tickets.
    assert.equal((await hallmgr.request('DELETE', `/api/hall/devices/${reg.body.device.id}`)).status, 204);
    assertError(await kiosk('POST', '/api/kiosk/tickets', { group: 'employment' }, reg.body.token), 401, 'UNAUTHENTICATED');
  } finally {
    await printer.close();
  }
  // A kiosk without a printer says so; the page shows the number instead.
  const plain = await kiosk('POST', '/api/kiosk/tickets', { group: 'insurance' });
  assert.equal(plain.status, 201);
  assert.equal(plain.body.ticket.label, 'B001');
  assert.equal(plain.body.printed, false);
});

test('the boards show the call and the clerk; the voice is WAV, cached; bad input is refused (3_5)', async () => {
  const board = await fetch(`${server.url}/api/hall/sites/${SITE}/board`).then((r) => r.json());
  assert.equal(board.calls[0].label, 'A001');
  assert.equal(board.windows.find((w) => w.number === 1).state, 'serving');
  const wb = await fetch(`${server.url}/api/hall/windows/${windowId}/board`).then((r) => r.json());
  assert.equal(wb.clerk.name, '吴𠮷');  // 三亮明: the clerk's name above the window
  assert.equal(wb.current, 'A001');
  assert.equal(wb.state, 'serving');

  // The clerk's photo: only an image, then shown on the window screen.
  const notImage = await clerk.request('PUT', '/api/hall/photo', { bytes: Buffer.from('hello'), type: 'image/png' });
  assertError(notImage, 400, 'INVALID_ARGUMENT', 'photo');
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  assert.equal((await clerk.request('PUT', '/api/hall/photo', { bytes: png, type: 'image/png' })).status, 204);
  const photo = await fetch(`${server.url}/api/hall/windows/${windowId}/photo`);
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await photo.arrayBuffer()), png);

  const wav = await fetch(`${server.url}/api/hall/voice?label=A001&window=1`);
  assert.equal(wav.status, 200);
  assert.equal(wav.headers.get('content-type'), 'audio/wav');
  const bytes = Buffer.from(await wav.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString(), 'RIFF');
  assert.ok(bytes.length > 20000, `an audible announcement: ${bytes.length} bytes`);
  const again = Buffer.from(await (await fetch(`${server.url}/api/hall/voice?label=A001&window=1`)).arrayBuffer());
  assert.deepEqual(again, bytes);
  const voiceDir = path.join(server.dataDir, 'var/voice');
  const cached = await readFile(path.join(voiceDir, (await readdir(voiceDir))[0]));
  assert.deepEqual(cached, bytes);
  for (const q of ['label=A01&window=1', 'label=a001&window=1', 'label=A001&window=0', 'label=A001;rm&window=1', 'window=1'])
    assert.equal((await fetch(`${server.url}/api/hall/voice?${q}`)).status, 400, q);

  // A paused window cannot call; the hall screen says so.
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/open`, { open: false })).body.open, false);
  assertError(await clerk.post(`/api/hall/windows/${windowId}/call`), 422, 'UNPROCESSABLE', 'window_id');
  const paused = await fetch(`${server.url}/api/hall/sites/${SITE}/board`).then((r) => r.json());
  assert.equal(paused.windows.find((w) => w.number === 1).state, 'paused');
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/open`, { open: true })).body.open, true);

  // Settings: a bad field is named and nothing changes.
  const before = await hallmgr.get(`/api/hall/sites/${SITE}/settings`);
  const bad = await hallmgr.put(`/api/hall/sites/${SITE}/settings`, { ...before.body, ticket_hours: '9点到5点' });
  assertError(bad, 400, 'INVALID_ARGUMENT', 'ticket_hours');
  assert.deepEqual((await hallmgr.get(`/api/hall/sites/${SITE}/settings`)).body, before.body);

  const figures = await hallmgr.get(`/api/hall/sites/${SITE}/figures`);
  assert.equal(figures.status, 200);
  assert.equal(figures.body.windows_open, 1);
  assert.equal(figures.body.staff_on_duty, 1);
  assert.equal(figures.body.waiting, 1);  // B001
});

test('appointments: book, one a day, look up with the ID only, check in once at the kiosk (3_6)', async () => {
  const slots = await fetch(`${server.url}/api/hall/sites/${SITE}/slots?group=employment&days=3`).then((r) => r.json());
  assert.ok(slots.days.length >= 1);
  // The first slot that starts within the hour: one can check in right away.
  const now = Date.now();
  const all = slots.days.flatMap((d) => d.slots);
  const soon = all.find((s) => s.start - now < 3600_000 && s.left > 0);
  assert.ok(soon, 'a slot within the hour (the demo hall books round the clock)');
  const id = nthResidentId('110105', 4242);
  const person = { site_id: SITE, group: 'employment', slot_start: soon.start, name: '欧阳明远', id_number: id, phone: '13900001111' };
  const booked = await publicPost('/api/appointments', person);
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  assert.match(booked.body.code, /^\d{8}$/);
  assert.equal(booked.body.name_masked, '欧***');
  assert.ok(!JSON.stringify(booked.body).includes(id), 'the ID number only masked');
  const sameDay = slots.days.find((d) => d.slots.some((x) => x.start === soon.start)).slots.find((x) => x.start !== soon.start);
  if (sameDay) assertError(await publicPost('/api/appointments', { ...person, slot_start: sameDay.start }), 409, 'CONFLICT');
  assertError(await publicPost('/api/appointments', { ...person, id_number: '110105194912310021' }), 400, 'INVALID_ARGUMENT', 'id_number');
  assertError(await publicPost('/api/appointments', { ...person, phone: '12345' }), 400, 'INVALID_ARGUMENT', 'phone');
  // Only with the holder's ID; a wrong one is a plain 404.
  assertError(await publicPost(`/api/appointments/${booked.body.code}/lookup`, { id_number: nthResidentId('110105', 1) }), 404, 'NOT_FOUND');
  const found = await publicPost(`/api/appointments/${booked.body.code}/lookup`, { id_number: id });
  assert.equal(found.status, 200);
  assert.equal(found.body.state, 'booked');

  const staffList = await hallmgr.get(`/api/hall/sites/${SITE}/appointments`);
  assert.ok(staffList.body.items.some((a) => a.code === booked.body.code));

  const inAt = await kiosk('POST', '/api/kiosk/check-in', { code: booked.body.code });
  assert.equal(inAt.status, 201, JSON.stringify(inAt.body));
  assert.equal(inAt.body.ticket.channel, 'appointment');
  assert.equal(inAt.body.appointment.state, 'checked_in');
  const twice = await kiosk('POST', '/api/kiosk/check-in', { id_number: id });
  assertError(twice, 409, 'CONFLICT');
  assert.ok(twice.body.error.message.includes(inAt.body.ticket.label));
  assertError(await kiosk('POST', '/api/kiosk/check-in', {}), 400, 'INVALID_ARGUMENT', 'code');
  assertError(await kiosk('POST', '/api/kiosk/check-in', { code: '99999999' }), 404, 'NOT_FOUND', 'code');
  // From 10 minutes before its slot the appointment is called before B001,
  // who came earlier; until then B001 goes first (the slot is at most 30
  // minutes away; src/hall/appointments_test.cpp fixes the clock for both).
  const due = soon.start - Date.now() <= 10 * 60_000;
  const called = await clerk.post(`/api/hall/windows/${windowId}/call`);
  assert.equal(called.body.ticket.label, due ? inAt.body.ticket.label : 'B001');
  // Checked in: it can no longer be cancelled.
  assertError(await publicPost(`/api/appointments/${booked.body.code}/cancel`, { id_number: id }), 409, 'CONFLICT');
});

test('no personal data in the server log (ID numbers, names, phones)', async () => {
  const log = await readFile(server.logPath, 'utf8');
  for (const secret of [nthResidentId('110105', 4242), '欧阳明远', '13900001111'])
    assert.ok(!log.includes(secret), `the log must not contain ${secret}`);
});
