// Ledgers and figures over real HTTP (issue 10, items 4-5; annex 一(四) 台账):
// tickets served, cases taken and decided, ratings and complaints move the
// daily counters in their own transactions; the month's ledger XLSX, read
// back with unzip, carries totals equal to counts taken straight from the
// database; and `yichuang stats rebuild` recomputes the same figures from the
// business tables, so the counters kept live and the rebuild agree.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../e2e/lib/server.mjs';
import { finishedCase, nthResidentId, sharedTotpSession, signIn } from './client.mjs';
import { rowOf } from './xlsx.mjs';

const SITE = 1;
const DEMO_KIOSK = 'yichuang-demo-kiosk-1';
const servers = [];
after(async () => { for (const s of servers.reverse()) await s.stop(); });

function post(url, p, json, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Device ${token}`;
  return fetch(url + p, { method: 'POST', headers, body: JSON.stringify(json) }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

function sql(db, query) {
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

test('the counters move with the business, the XLSX ledger matches the database, and a rebuild agrees', async () => {
  const server = await startServer({ seed: true, removeDataDir: false });
  servers.push(server);
  const db = path.join(server.dataDir, 'yichuang.db');
  const clerk = await signIn(server.url, 'clerk');
  const windowId = (await clerk.get(`/api/hall/sites/${SITE}/windows`)).body.items.find((w) => w.number === 1).id;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  for (let i = 0; i < 3; i++) assert.equal((await post(server.url, '/api/kiosk/tickets', { group: 'employment' }, DEMO_KIOSK)).status, 201);
  for (let i = 0; i < 2; i++) assert.equal((await clerk.post(`/api/hall/windows/${windowId}/call`)).status, 200);
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/finish`)).status, 200);
  const cases = [await finishedCase(clerk, 61), await finishedCase(clerk, 62)];
  const rated = await post(server.url, `/api/progress/${cases[0].case_no}/evaluations`,
    { id_number: nthResidentId('110101', 61), stage: 'completed', level: 2, reasons: ['waiting_long'] });
  assert.equal(rated.status, 201, JSON.stringify(rated.body));
  assert.equal((await post(server.url, '/api/public/complaints',
    { category: 'efficiency', content: '窗口排队时间太长，希望增开窗口', anonymous: true, site_id: SITE })).status, 201);

  const hallmgr = await signIn(server.url, 'hallmgr');
  const live = await hallmgr.get('/api/stats/overview');
  assert.equal(live.status, 200, live.text);
  const t = live.body.totals;
  assert.equal(t['tickets.taken'], 3);
  assert.equal(t['tickets.served'], 2);
  assert.equal(t['cases.accepted'], 2);
  assert.equal(t['cases.completed'], 2);
  assert.equal(t['cases.on_time'], 2);
  assert.equal(t['ratings.total'], 1);
  assert.equal(t['ratings.bad'], 1);
  assert.equal(t['complaints.received'], 1);
  assert.equal(live.body.unit.code, '110101001');

  // 责任追究: the 不满意 rating is the street's and the clerk's who decided the case.
  const acc = await hallmgr.get('/api/stats/accountability');
  assert.equal(acc.status, 200, acc.text);
  const street = acc.body.units.find((u) => u.unit_code === '110101001');
  assert.equal(street.counts.bad_ratings, 1);
  const person = acc.body.people.find((x) => x.login === 'clerk');
  assert.equal(person?.counts.bad_ratings, 1, acc.text);
  assert.ok(!acc.text.includes('吴𠮷'), 'names are masked');

  // The month's ledger as XLSX, read back, against the database.
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  const res = await fetch(`${server.url}/api/stats/ledger.xlsx?month=${month}`, { headers: { cookie: hallmgr.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''/);
  const file = path.join(server.dataDir, 'ledger.xlsx');
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const header = rowOf(file, 'sheet2', '日期');
  assert.ok(header, 'the 日台账 sheet has its header row');
  const total = rowOf(file, 'sheet2', '合计');
  const col = (name) => total[header.indexOf(name)];
  const streetPath = '/110000/110101/110101001/%';
  assert.equal(col('受理件数'), Number(sql(db, `SELECT COUNT(*) FROM service_case WHERE intake_path LIKE '${streetPath}' AND accepted_day LIKE '${month}%'`)));
  assert.equal(col('取号数'), Number(sql(db, `SELECT COUNT(*) FROM ticket WHERE site_id = ${SITE} AND day LIKE '${month.replace('-', '')}%'`)));
  assert.equal(col('服务人次'), Number(sql(db, `SELECT COUNT(*) FROM ticket WHERE site_id = ${SITE} AND state = 'done'`)));
  assert.equal(col('投诉举报'), Number(sql(db, `SELECT COUNT(*) FROM complaint WHERE unit_path LIKE '${streetPath}'`)));
  assert.equal(col('评价数'), Number(sql(db, 'SELECT COUNT(*) FROM evaluation')));
  assert.ok(rowOf(file, 'sheet3', 'BJ-JYCY-001'), 'the item sheet lists the item');
  const frozen = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  assert.match(frozen, /<pane [^>]*ySplit="2"[^>]*state="frozen"/, 'title and header rows frozen');

  // 人员与培训 (三(七)(九)): the ledger's staffing rows are its unit rows, and
  // the workbook has the sheet with its frozen header and 合计 row.
  const ledger = await hallmgr.get(`/api/stats/ledger?month=${month}`);
  assert.equal(ledger.status, 200, ledger.text);
  const staffing = ledger.body.staffing;
  assert.deepEqual(staffing.units.map((u) => u.unit.code), ledger.body.units.map((u) => u.unit.code));
  assert.ok(staffing.totals.roster > 0, 'the demo street has staff on the roster');
  assert.equal(staffing.totals.roster, staffing.units.reduce((n, u) => n + u.figures.roster, 0));
  const windows = Number(sql(db, `SELECT COUNT(*) FROM org_window WHERE site_id IN (SELECT id FROM org_site WHERE unit_code LIKE '110101001%')`));
  assert.equal(staffing.totals.windows, windows);
  assert.equal(staffing.totals.below_ratio, staffing.totals.staff_per_window !== null && staffing.totals.staff_per_window < 1.2);
  const workbook = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
  assert.match(workbook, /<sheet name="人员与培训" sheetId="4"/);
  const staffHeader = rowOf(file, 'sheet4', '单位代码');
  assert.ok(staffHeader?.includes('每窗口人数') && staffHeader.includes('年度培训满5天'), String(staffHeader));
  const staffTotal = rowOf(file, 'sheet4', '合计');
  assert.equal(staffTotal[staffHeader.indexOf('在册人员')], staffing.totals.roster);
  assert.equal(staffTotal[staffHeader.indexOf('窗口数')], windows);

  // 工作月报: one PDF with the month's figures, as the ledger has them.
  const pdfRes = await fetch(`${server.url}/api/stats/report.pdf?month=${month}`, { headers: { cookie: hallmgr.cookie } });
  assert.equal(pdfRes.status, 200);
  assert.equal(pdfRes.headers.get('content-type'), 'application/pdf');
  assert.match(pdfRes.headers.get('content-disposition'), /^attachment; filename="report-110101001-\d{4}-\d{2}\.pdf"; filename\*=UTF-8''/);
  assert.ok(decodeURIComponent(pdfRes.headers.get('content-disposition').split("UTF-8''")[1]).endsWith('工作月报.pdf'));
  const pdfBytes = Buffer.from(await pdfRes.arrayBuffer());
  assert.equal(pdfBytes.subarray(0, 5).toString(), '%PDF-');
  const pdfFile = path.join(server.dataDir, 'report.pdf');
  await writeFile(pdfFile, pdfBytes);
  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  const [y, mo] = month.split('-').map(Number);
  assert.ok(pdfText.includes(`东华门街道人力社保基层平台${y}年${mo}月工作月报`), pdfText.slice(0, 200));
  assert.ok(pdfText.includes(`受理${ledger.body.totals['cases.accepted']}件`), 'the accepted total equals the ledger');
  assert.ok(pdfText.includes('东华门第一社区'), 'a unit row');
  assert.ok(pdfText.includes('人员与培训') && pdfText.includes('责任追究'));
  assert.ok(!pdfText.includes('吴𠮷'), 'names are masked');
  // Bad input: the ledger's own error.
  const badMonth = await hallmgr.get('/api/stats/report.pdf?month=2026-13');
  const badLedger = await hallmgr.get('/api/stats/ledger?month=2026-13');
  assert.equal(badMonth.status, 400);
  assert.deepEqual({ ...badMonth.body, request_id: '' }, { ...badLedger.body, request_id: '' });
  assert.equal(badMonth.body.error.field, 'month');
  assert.equal((await hallmgr.get('/api/stats/report.pdf?unit=110102003')).status, 404, 'another street is out of scope');

  // The rebuild from the business tables gives the same figures.
  await server.stop();
  const rebuilt = spawnSync(process.env.YICHUANG_BIN, ['stats', 'rebuild'], {
    cwd: server.dataDir, encoding: 'utf8', env: { ...process.env, YICHUANG_DATABASE_KIND: 'sqlite', YICHUANG_DATABASE_SQLITE_PATH: db },
  });
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  const again = await startServer({ dataDir: server.dataDir, removeDataDir: true });
  servers.push(again);
  const hallmgr2 = await signIn(again.url, 'hallmgr');
  const after_ = await hallmgr2.get('/api/stats/overview');
  assert.deepEqual(after_.body.totals, live.body.totals);
  assert.deepEqual(after_.body.children, live.body.children);

  // A city supervisor sees the street within the district within the city.
  const city = await sharedTotpSession(again.url, 'cityadmin');
  const top = await city.get('/api/stats/overview');
  assert.equal(top.body.unit.level, 1);
  const dongcheng = top.body.children.find((c) => c.unit.code === '110101');
  assert.equal(dongcheng.figures['cases.accepted'], 2);
  assert.equal((await hallmgr2.get('/api/stats/overview?unit=110102')).status, 404, 'another district is out of scope');
});

test('四公开: a hall publishes its items with procedures, bases and time limits, its results and who is on duty (三(八))', async () => {
  const server = await startServer({ seed: true });
  servers.push(server);
  const clerk = await signIn(server.url, 'clerk');
  const windowId = (await clerk.get(`/api/hall/sites/${SITE}/windows`)).body.items.find((w) => w.number === 1).id;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  await finishedCase(clerk, 63);
  const res = await fetch(`${server.url}/api/public/sites/${SITE}/disclosure`);
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.site.id, SITE);
  assert.ok(doc.items.length > 10, 'the hall offers the street-level items');
  const item = doc.items.find((i) => i.code === 'BJ-JYCY-001');
  assert.ok(item.legal_basis.length > 0 && item.process.length > 0, '依据公开, 程序公开');
  assert.ok(['immediate', 'promised'].includes(item.time_limit.kind), '时限公开');
  assert.equal(doc.results.month.accepted, 1, '结果公开');
  const one = doc.on_duty.find((w) => w.number === 1);
  assert.equal(one.clerk.name, '吴𠮷', '三亮明: the clerk on duty by name');
  const text = JSON.stringify(doc);
  assert.ok(!/\d{17}[\dX]/.test(text), 'no ID numbers');
  assert.equal((await fetch(`${server.url}/api/public/sites/999999/disclosure`)).status, 404);
});
