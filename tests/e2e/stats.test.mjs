// Issue 10, items 4-5 in the browser (annex 一(四) 台账): after a few tickets
// and two finished cases at 东华门街道, the city administrator (TOTP) opens
// 统计分析, drills from the city to the district and the street (the
// breadcrumb follows, the back button goes up), reads the street's 受理件数
// as the API gives it, sees a community's empty table, then opens the
// month's ledger from the dashboard and downloads it as a workbook with
// five worksheets (the fifth, 就业服务, from issue 12). The street's 人员配备与培训 panel (三(七)(九)) shows what
// the API judges; the ledger's 人员与培训 tab lists it per unit, and 导出 PDF
// 月报 downloads the month's report. Screenshots, the workbook and the
// report go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { artifactsDir, field, launch, screenshot, signInWithTotp, strictPage } from './lib/browser.mjs';
import { finishedCase, signIn } from '../api/client.mjs';

const VIEW = { width: 1366, height: 800 };
const DEMO_KIOSK = 'yichuang-demo-kiosk-1';

let server;
let browser;

before(async () => {
  server = await startServer({ seed: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The login page asks who is signed in before anyone is: 401, logged by Chromium.
const expected401 = (p) => !/401 \(Unauthorized\)/.test(p);

async function takeTicket() {
  const res = await fetch(`${server.url}/api/kiosk/tickets`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Device ${DEMO_KIOSK}` },
    body: JSON.stringify({ group: 'employment' }),
  });
  assert.equal(res.status, 201, await res.text());
}

// The dashboard has drawn the unit: its name is the breadcrumb's last entry
// and both charts (or the line chart alone) have their canvas.
async function shown(page, name) {
  await page.locator('[data-test="stats-crumb-current"]', { hasText: name }).waitFor();
  await page.locator('[data-test="stats-series-chart"] canvas').waitFor();
  await page.waitForTimeout(500);  // the charts' animation
  await page.mouse.move(0, VIEW.height - 1);  // no hover or tooltip in the screenshots
}

test('issue 10: drill down from the city to a street, then export the month ledger', async () => {
  // A window must be open for the kiosk to issue tickets.
  const clerk = await signIn(server.url, 'clerk');
  const windowId = (await clerk.get('/api/hall/sites/1/windows')).body.items.find((w) => w.number === 1).id;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  for (let i = 0; i < 3; i++) await takeTicket();
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/call`)).status, 200);
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/finish`)).status, 200);
  await finishedCase(clerk, 71);
  await finishedCase(clerk, 72);

  const { page, context, problems } = await strictPage(browser, VIEW);
  await signInWithTotp(page, server.url, 'cityadmin', '/stats');
  await page.waitForURL(/\/stats$/);
  // The same session's view of the figures, for the names and the numbers.
  const api = async (p) => {
    const res = await context.request.get(server.url + p);
    assert.equal(res.status(), 200, await res.text());
    return res.json();
  };
  const city = await api('/api/stats/overview');
  const district = city.children.find((c) => c.unit.code === '110101').unit;
  const dOverview = await api(`/api/stats/overview?unit=${district.code}`);
  const street = dOverview.children.find((c) => c.unit.code === '110101001').unit;
  const sOverview = await api(`/api/stats/overview?unit=${street.code}`);
  const community = sOverview.children.find((c) => c.unit.code !== '').unit;

  // City: the districts in the table, the district a link.
  await shown(page, city.unit.name);
  const table = page.locator('[data-test="stats-children"]');
  const districtLink = table.locator('[data-test="stats-drill"]', { hasText: district.name });
  await districtLink.waitFor();
  await page.locator('[data-test="stats-children-chart"] canvas').waitFor();
  await screenshot(page, 'stats-01-city');

  await districtLink.click();
  await shown(page, district.name);
  await screenshot(page, 'stats-02-district');

  await table.locator('[data-test="stats-drill"]', { hasText: street.name }).click();
  await shown(page, street.name);
  const crumbs = (await page.locator('[data-test="stats-path"]').innerText()).replace(/\s+/g, '');
  assert.equal(crumbs, [city.unit.name, district.name, street.name].join('>'));
  const accepted = (await page.locator('[data-test="stats-kpi-cases.accepted"] .yc-stat-value').innerText()).trim();
  assert.equal(Number(accepted), sOverview.totals['cases.accepted']);
  assert.ok(Number(accepted) >= 2, `two cases accepted today, saw ${accepted}`);
  assert.match(await table.innerText(), /本级/);
  await screenshot(page, 'stats-03-street');

  // 人员配备与培训 (三(七)(九)): the street's snapshot, judged as the API judges it.
  const panel = page.locator('[data-test="stats-staffing"]');
  await panel.waitFor();
  const st = sOverview.staffing.totals;
  assert.ok(st.roster > 0, 'the demo street has staff on the roster');
  const perWindow = panel.locator('[data-test="stats-staffing-per-window"]');
  assert.equal((await perWindow.locator('.yc-staffing-value').innerText()).trim(),
    st.staff_per_window === null ? '—' : st.staff_per_window.toFixed(2));
  assert.equal(await perWindow.evaluate((e) => e.classList.contains('is-bad')), st.below_ratio);
  assert.match(await panel.locator('[data-test="stats-staffing-training"]').innerText(),
    new RegExp(`${st.trained_5_days}/${st.roster}`));
  // The drill-down table carries each child's values; 本级 holds the hall.
  const self = sOverview.staffing.units.find((u) => u.unit.code === '');
  const selfRow = table.locator('.el-table__body tr', { hasText: '本级' });
  assert.equal((await selfRow.locator('[data-test="stats-staff-staff_per_window"]').innerText()).trim(),
    self.figures.staff_per_window === null ? '—' : self.figures.staff_per_window.toFixed(2));
  await page.mouse.move(0, VIEW.height - 1);
  await screenshot(page, 'stats-03b-staffing');

  // A community has no children: the table's empty state; back goes up again.
  await table.locator('[data-test="stats-drill"]', { hasText: community.name }).click();
  await shown(page, community.name);
  await page.locator('[data-test="state-empty"]', { hasText: '该单位没有下级单位' }).waitFor();
  await page.goBack();
  await shown(page, street.name);
  // The breadcrumb goes up too.
  await page.locator('[data-test="stats-crumb"]', { hasText: district.name }).click();
  await shown(page, district.name);
  await page.goBack();
  await shown(page, street.name);

  // 本年 keeps the unit and puts the range in the URL; back returns to 本月.
  await page.locator('[data-test="stats-period"] label', { hasText: '本年' }).click();
  await page.waitForURL((u) => u.searchParams.get('from') === `${sOverview.to.slice(0, 4)}-01-01`);
  await page.locator('[data-test="stats-shown-range"]', { hasText: `${sOverview.to.slice(0, 4)}-01-01` }).waitFor();
  await shown(page, street.name);
  assert.equal(Number((await page.locator('[data-test="stats-kpi-cases.accepted"] .yc-stat-value').innerText()).trim()),
    (await api(`/api/stats/overview?unit=${street.code}&from=${sOverview.to.slice(0, 4)}-01-01&to=${sOverview.to}`)).totals['cases.accepted']);
  await page.goBack();
  await page.locator('[data-test="stats-shown-range"]', { hasText: sOverview.from }).waitFor();

  // 导出本期台账: the ledger of the street for the month of `to`.
  await page.locator('[data-test="stats-ledger-link"]').click();
  await page.waitForURL(/\/stats\/ledger\?/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('unit'), street.code);
  assert.equal(url.searchParams.get('month'), sOverview.to.slice(0, 7));
  const units = page.locator('[data-test="ledger-units"]');
  await units.locator('.el-table__footer', { hasText: '合计' }).waitFor();
  assert.match(await units.innerText(), new RegExp(community.name.replace(/[()]/g, '\\$&')));
  await page.mouse.move(0, VIEW.height - 1);
  await screenshot(page, 'stats-04-ledger-units');
  await page.locator('.el-tabs__item', { hasText: '日台账' }).click();
  await page.locator('[data-test="ledger-days"] .el-table__footer', { hasText: '合计' }).waitFor();
  await screenshot(page, 'stats-05-ledger-days');
  await page.locator('.el-tabs__item', { hasText: '事项办件' }).click();
  const items = page.locator('[data-test="ledger-items"]');
  await items.locator('.el-table__row', { hasText: 'BJ-JYCY-001' }).waitFor();
  await screenshot(page, 'stats-06-ledger-items');
  await page.locator('.el-tabs__item', { hasText: '人员与培训' }).click();
  const staffTable = page.locator('[data-test="ledger-staffing"]');
  await staffTable.locator('.el-table__footer', { hasText: '合计' }).waitFor();
  assert.match(await staffTable.innerText(), /每窗口人数/);
  await page.mouse.move(0, VIEW.height - 1);
  await screenshot(page, 'stats-07-ledger-staffing');

  // 导出 PDF 月报: the street's month as one PDF, rendered to PNG to look at.
  const [report] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test="ledger-report-pdf"]').click(),
  ]);
  assert.match(report.suggestedFilename(), /工作月报\.pdf$/);
  const reportFile = path.join(artifactsDir, 'stats-report.pdf');
  await report.saveAs(reportFile);
  const reportText = execFileSync('pdftotext', ['-enc', 'UTF-8', reportFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  const [y, mo] = sOverview.to.slice(0, 7).split('-').map(Number);
  assert.ok(reportText.includes(`${street.name}人力社保基层平台${y}年${mo}月工作月报`), reportText.slice(0, 200));
  // A long name wraps in its cell: its first part is enough.
  assert.ok(reportText.includes(community.name.replace(/\(.*\)$/, '')), 'the units are listed');
  execFileSync('pdftoppm', ['-png', '-r', '60', reportFile, path.join(artifactsDir, 'stats-report')]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test="ledger-export"]').click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = path.join(artifactsDir, 'stats-ledger.xlsx');
  await download.saveAs(file);
  const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
  assert.match(listing, /xl\/workbook\.xml/);
  // 按单位汇总, 日台账, 事项办件, 人员与培训, and 就业服务 (the demo street keeps a 劳动力资源台账, issue 12).
  assert.equal([...listing.matchAll(/xl\/worksheets\/sheet\d+\.xml/g)].length, 5, listing);
  assert.match(execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' }), /name="就业服务"/);

  assert.deepEqual(problems.filter(expected401), []);
  await context.close();
});
