// WCAG 2.1 AA on the public pages outside the portal (issue 11, item 6):
// guides, progress, appointments, complaints and 四公开, which the portal links
// to, checked by axe-core at phone size in normal, large-font and
// high-contrast mode. The portal's own pages are checked in portal.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { axeProblems, launch, screenshot, strictPage } from './lib/browser.mjs';

const PHONE = { width: 390, height: 844 };
const PAGES = [
  { name: 'guides', path: '/guides' },
  { name: 'guide', path: '/guides/BJ-JYCY-001' },
  { name: 'progress', path: '/progress' },
  { name: 'appointments', path: '/appointments?site=1' },
  { name: 'complaint', path: '/complaints/new?site=1' },
  { name: 'complaint-track', path: '/complaints/track' },
  { name: 'disclosure', path: '/sites/1/disclosure' },
];

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


test('axe finds no serious or critical violation on the public pages, in every 适老化 mode', async () => {
  const { page, context, problems } = await strictPage(browser, PHONE);
  const found = [];
  for (const mode of [{}, { largeFont: true }, { largeFont: true, highContrast: true }]) {
    const label = mode.highContrast ? 'high-contrast' : mode.largeFont ? 'large-font' : 'normal';
    await page.goto(`${server.url}/guides`);
    await page.evaluate((m) => localStorage.setItem('yichuang.a11y', JSON.stringify(m)), mode);
    for (const p of PAGES) {
      await page.goto(`${server.url}${p.path}`);
      await page.waitForLoadState('networkidle');
      await page.locator('main, [role="main"]').first().waitFor();
      found.push(...await axeProblems(page, `${p.name} (${label})`));
      if (label === 'high-contrast') await screenshot(page, `a11y-${p.name}-${label}`, { fullPage: false });
    }
  }
  assert.deepEqual(found, []);
  assert.deepEqual(problems, []);
  await context.close();
});
