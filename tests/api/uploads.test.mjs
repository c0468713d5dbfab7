// Upload checks over real HTTP (issue 13, item 5): the citizen's upload
// (POST /api/citizen/uploads) and the window's scan (POST /api/cases/:id/files)
// take JPEG, PNG and PDF by content, never by the declared type; refuse one
// byte over the limit and an empty body; refuse ZIP and gzip bodies and never
// inflate a Content-Encoding; store the file encrypted, named by its digest
// under files_dir whatever name the client sends; serve it back with the
// sniffed type, nosniff and a server-made Content-Disposition. The CSV
// imports refuse 5 MB and NUL bytes, keep formula-like cells as text, and the
// XLSX ledger writes such a unit name as a string, never a formula.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from '../e2e/lib/server.mjs';
import { nthResidentId, sharedTotpSession, signIn, signInCitizen } from './client.mjs';

const MAX = 4 * 1024 * 1024;  // [cases] max_file_mb = 4
const FORMULAS = ["=cmd|' /C calc'!A0", '+1+2', '-2+3', '@SUM(1,2)'];

let server, filesDir, zhang, clerk, caseId;

// A JPEG / PNG / PDF with a unique marker, so that each is stored anew.
const marker = () => `marker-${crypto.randomBytes(8).toString('hex')}`;
const jpeg = (m = marker()) => Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.from(m)]);
const png = (m = marker()) => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from(m)]);
const pdf = (m = marker()) => Buffer.from(`%PDF-1.4\n% ${m}\n`);

// Bodies that are none of the three, whatever they claim.
const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(56), Buffer.from('This program cannot be run in DOS mode.')]);
const elf = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(48)]);
const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');

// 100 MB of zeros, deflated: ~100 KB on the wire.
const zeros = Buffer.alloc(100 * 1024 * 1024);
const gzipBomb = zlib.gzipSync(zeros, { level: 9 });

// A real one-entry ZIP of the same zeros (stored as deflate).
function zipOf(name, data) {
  const deflated = zlib.deflateRawSync(data, { level: 9 });
  const crc = zlib.crc32(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt16LE(0x21, 12); local.writeUInt32LE(crc, 14); local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10); central.writeUInt16LE(0x21, 14); central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(n.length, 28);
  const cdOffset = local.length + n.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12); end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, deflated, central, n, end]);
}
const zipBomb = zipOf('zeros.jpg', zeros);


// The two upload routes, one call shape: (bytes, type, headers) -> answer.
const routes = {
  citizen: (bytes, type, headers) => zhang.request('POST', '/api/citizen/uploads', { bytes, type, headers }),
  staff: (bytes, type, headers) => clerk.request('POST', `/api/cases/${caseId}/files?material=0`, { bytes, type, headers }),
};

// Every file under var/files, relative ("ab/ab12....sealed").
async function stored() {
  return (await readdir(filesDir, { recursive: true }).catch(() => [])).filter((f) => f.endsWith('.sealed')).sort();
}

// The case's files as the API lists them.
async function caseFiles() {
  const d = await clerk.get(`/api/cases/${caseId}`);
  assert.equal(d.status, 200, d.text);
  return d.body.files;
}

async function rssKb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)[1]);
}

function assertRefused(a, status, code, what) {
  assert.equal(a.status, status, `${what}: ${a.text}`);
  assert.equal(a.body?.error?.code, code, `${what}: ${a.text}`);
  assert.equal(a.body.error.field, 'file', what);
  assert.match(a.body.error.message, /[\u4e00-\u9fff]/, 'a message for people, in Chinese');
}

before(async () => {
  server = await startServer({ seed: true, env: { YICHUANG_CITIZEN_DEMO_ACCOUNTS: 'true' } });
  filesDir = path.join(server.dataDir, 'var/files');
  zhang = await signInCitizen(server.url, 'zhangmin');
  clerk = await signIn(server.url, 'clerk');
  const sites = await clerk.get('/api/org/sites');
  const hall = sites.body.items.find((x) => x.unit_code === '110101001' && x.kind === 'hall');
  const opened = await clerk.post('/api/cases', {
    item_code: 'BJ-JYCY-007', site_id: hall.id,
    applicant: { kind: 'person', id_number: nthResidentId('110101', 301), name: '上传测试', phone: '13900030101' },
  }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  assert.equal(opened.status, 201, opened.text);
  caseId = opened.body.id;
});
after(async () => { await server?.stop(); });

for (const [name, upload] of Object.entries(routes)) {
  test(`${name} upload: the type is the content's, never the declared one`, async () => {
    const before = await stored();
    const filesBefore = name === 'staff' ? (await caseFiles()).length : 0;
    for (const [what, bytes] of [['EXE', exe], ['ELF', elf], ['HTML', html], ['SVG', svg]])
      assertRefused(await upload(bytes, 'image/jpeg'), 415, 'UNSUPPORTED_MEDIA_TYPE', `${what} declared image/jpeg`);
    const lying = await upload(jpeg(), 'application/pdf');
    assertRefused(lying, 415, 'UNSUPPORTED_MEDIA_TYPE', 'JPEG declared application/pdf');
    assert.match(lying.body.error.message, /不符/);
    assertRefused(await upload(png(), 'text/html'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'PNG declared text/html');
    assert.deepEqual(await stored(), before, 'nothing refused was stored');
    if (name === 'staff') assert.equal((await caseFiles()).length, filesBefore);

    const ok = await upload(png(), 'image/png');
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.content_type, 'image/png');
    const okPdf = await upload(pdf(), 'application/pdf');
    assert.equal(okPdf.status, 201, okPdf.text);
    assert.equal(okPdf.body.content_type, 'application/pdf');
    assert.equal((await stored()).length, before.length + 2);
  });

  test(`${name} upload: at most the limit, nothing stored when over it, an empty body refused`, async () => {
    const before = await stored();
    const filesBefore = name === 'staff' ? (await caseFiles()).length : 0;
    const over = Buffer.alloc(MAX + 1, 7);
    jpeg().copy(over);
    assertRefused(await upload(over, 'image/jpeg'), 413, 'PAYLOAD_TOO_LARGE', 'one byte over');
    const empty = await upload(Buffer.alloc(0), 'image/jpeg');
    assert.equal(empty.status, 400, empty.text);
    assert.equal(empty.body.error.field, 'file');
    assert.deepEqual(await stored(), before, 'nothing stored');
    if (name === 'staff') assert.equal((await caseFiles()).length, filesBefore);

    const exact = Buffer.alloc(MAX, 7);
    jpeg().copy(exact);
    const ok = await upload(exact, 'image/jpeg');
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.size, MAX);
  });

  test(`${name} upload: ZIP and gzip bodies are refused in any declared type and never inflated`, async () => {
    const before = await stored();
    for (const type of ['image/jpeg', 'image/png', 'application/pdf']) {
      assertRefused(await upload(zipBomb, type), 415, 'UNSUPPORTED_MEDIA_TYPE', `ZIP declared ${type}`);
      assertRefused(await upload(gzipBomb, type), 415, 'UNSUPPORTED_MEDIA_TYPE', `gzip declared ${type}`);
    }
    // Content-Encoding is not undone: the body is judged as sent. A gzipped
    // JPEG would be taken if the server inflated it; it is not.
    const gzJpeg = await upload(zlib.gzipSync(jpeg()), 'image/jpeg', { 'Content-Encoding': 'gzip' });
    assert.ok([400, 415].includes(gzJpeg.status), `a gzip-encoded JPEG is not inflated: ${gzJpeg.status} ${gzJpeg.text}`);
    const rssBefore = await rssKb(server.pid);
    for (let i = 0; i < 3; i++) {
      const bomb = await upload(gzipBomb, 'image/jpeg', { 'Content-Encoding': 'gzip' });
      assert.ok([400, 415].includes(bomb.status), `${bomb.status} ${bomb.text}`);
      assert.equal(bomb.body.error.field, 'file');
    }
    const grownMb = ((await rssKb(server.pid)) - rssBefore) / 1024;
    // Inflating once would take 100 MB.
    assert.ok(grownMb < 50, `the server grew by ${grownMb.toFixed(1)} MB after three gzip bombs`);
    assert.deepEqual(await stored(), before, 'nothing stored');
  });

  test(`${name} upload: a name with path parts is ignored; the file is sealed under its digest; served back safely`, async () => {
    const m = marker();
    const bytes = jpeg(m);
    const etcPasswd = path.resolve(filesDir, '../../etc/passwd');
    const before = await stored();
    const ok = await upload(bytes, 'image/jpeg', {
      'Content-Disposition': 'attachment; filename="../../etc/passwd"',
      'X-File-Name': '../../x',
    });
    assert.equal(ok.status, 201, ok.text);
    assert.ok(!ok.text.includes('passwd') && !ok.text.includes('../') && !ok.text.includes('"x"'), ok.text);
    const added = (await stored()).filter((f) => !before.includes(f));
    assert.equal(added.length, 1, String(added));
    const digest = name === 'staff' ? ok.body.digest : path.basename(added[0], '.sealed');
    assert.match(digest, /^[0-9a-f]{64}$/);
    assert.equal(added[0], path.join(digest.slice(0, 2), `${digest}.sealed`), 'named by its digest only');
    for (const f of await readdir(server.dataDir, { recursive: true }))
      assert.ok(!/passwd|(^|\/)x$/.test(f), `a file named by the client: ${f}`);
    assert.ok(!existsSync(etcPasswd), etcPasswd);
    assert.ok(!existsSync(path.join(server.dataDir, 'x')));

    // Encrypted at rest: neither the JPEG header nor the content on disk.
    const sealed = await readFile(path.join(filesDir, added[0]));
    assert.equal(sealed.indexOf(bytes.subarray(0, 11)), -1, 'the JPEG magic is not on disk');
    assert.equal(sealed.indexOf(Buffer.from(m)), -1, 'the content is not on disk');
    assert.ok((await stat(path.join(filesDir, added[0]))).size > bytes.length);

    // Served back to the window with the sniffed type; the citizen's reaches
    // it once the application is sent.
    let fileId = ok.body.id;
    let ofCase = caseId;
    if (name === 'citizen') {
      const form = (await zhang.request('GET', '/api/citizen/apply/BJ-JYCY-007')).body;
      const hall = form.sites.find((s) => s.kind === 'hall' && s.unit_name === '东华门街道');
      const appForm = (await upload(pdf(), 'application/pdf')).body.id;
      const sent = await zhang.request('POST', '/api/citizen/applications', { json: {
        item_code: 'BJ-JYCY-007', site_id: hall.id, phone: '13900030102', delivery: 'window', declaration: true,
        note: '上传测试', materials: [{ idx: 0, uploads: [ok.body.id] }, { idx: 2, uploads: [appForm] }] } });
      assert.equal(sent.status, 201, sent.text);
      const listed = (await clerk.get('/api/cases?status=intake&channel=online')).body.items.find((c) => c.case_no === sent.body.case_no);
      ofCase = listed.id;
      const files = (await clerk.get(`/api/cases/${ofCase}`)).body.files;
      fileId = files.find((f) => f.digest === digest).id;
    }
    const res = await fetch(`${server.url}/api/cases/${ofCase}/files/${fileId}`, { headers: { cookie: clerk.cookie } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('content-disposition'), `inline; filename="file-${fileId}.jpg"`);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes);
  });
}

test('CSV imports: 5 MB and NUL bytes are refused clearly; formula-like cells stay text, in the XLSX ledger too', async () => {
  const admin = await sharedTotpSession(server.url, 'cityadmin');
  const big = 'code,parent_code,level,name\n' + '110101001999,110101001,4,大文件\n'.repeat(160_000);
  assert.ok(Buffer.byteLength(big) > 5_000_000);
  for (const p of ['/api/org/units/import', '/api/calendar/import']) {
    const tooBig = await admin.post(p, { csv: big });
    assert.equal(tooBig.status, 413, `${p}: ${tooBig.text}`);
    assert.equal(tooBig.body.error.code, 'PAYLOAD_TOO_LARGE');
    const nul = await admin.post(p, { csv: 'code,parent_code,level,name\n110101001998,110101001,4,空\u0000字符\n' });
    assert.equal(nul.status, 400, `${p}: ${nul.text}`);
    assert.equal(nul.body.error.field, 'csv');
  }
  assert.ok(!(await admin.get('/api/org/units')).text.includes('110101001999'), 'nothing of the refused files imported');

  // Formula injection cells: kept as the text they are.
  const rows = FORMULAS.map((f, i) => `110101001${900 + i},110101001,4,"${f.replaceAll('"', '""')}"`);
  const units = await admin.post('/api/org/units/import', { csv: ['code,parent_code,level,name', ...rows].join('\r\n') });
  assert.equal(units.status, 200, units.text);
  assert.ok(units.body.lines.every((l) => l.ok), units.text);
  const listed = (await admin.get('/api/org/units')).body.items;
  for (const [i, f] of FORMULAS.entries())
    assert.equal(listed.find((u) => u.code === `110101001${900 + i}`)?.name, f, 'stored and echoed as sent');
  const days = await admin.post('/api/calendar/import', { csv: `date,kind,name\n2027-03-03,休,"${FORMULAS[0].replaceAll('"', '""')}"\n` });
  assert.equal(days.status, 200, days.text);
  const year = (await admin.get('/api/calendar?year=2027')).body.items;
  assert.equal(year.find((d) => d.day === '2027-03-03')?.name, FORMULAS[0]);

  // The street's monthly ledger lists the new communities: each name a
  // shared string cell, and no formula anywhere in the workbook.
  const hallmgr = await signIn(server.url, 'hallmgr');
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  const res = await fetch(`${server.url}/api/stats/ledger.xlsx?month=${month}`, { headers: { cookie: hallmgr.cookie } });
  assert.equal(res.status, 200);
  const file = path.join(server.dataDir, 'ledger-formulas.xlsx');
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const parts = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((p) => p.startsWith('xl/') && p.endsWith('.xml'));
  for (const part of parts)
    assert.doesNotMatch(execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' }), /<f[ >]/, `a formula in ${part}`);
  const unescape = (s) => s.replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const strings = [...execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' })
    .matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((x) => unescape(x[1]));
  const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  for (const [i, f] of FORMULAS.entries()) {
    const code = `110101001${900 + i}`;
    const row = [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((r) => r[1])
      .find((r) => [...r.matchAll(/<c [^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/g)].some((c) => strings[Number(c[1])] === code));
    assert.ok(row, `the ledger lists ${code}`);
    const cells = [...row.matchAll(/<c r="B\d+"([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/g)];
    assert.equal(cells.length, 1, row);
    assert.match(cells[0][1], /t="s"/, `the name of ${code} is a string cell`);
    assert.equal(strings[Number(cells[0][2])], f);
  }
});
