// Debian's Chromium driven by playwright-core (no browser download).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { scanResponse } from './pii-fetch.mjs';
import { repoRoot } from './server.mjs';
import { demoPassword, demoTotpSecret, totp } from './totp.mjs';

export const artifactsDir = process.env.YICHUANG_E2E_ARTIFACTS ?? path.join(repoRoot, 'build/e2e-artifacts');

// Every API answer the browser receives goes through the personal-data scan
// (issue 13, item 5; pii-fetch.mjs): the screens see only what the API sends.
const scanned = new WeakSet();
function scanAnswers(context) {
  if (scanned.has(context)) return context;
  scanned.add(context);
  context.on('response', (res) => {
    const contentType = res.headers()['content-type'] ?? '';
    if (!contentType.includes('json') || !new URL(res.url()).pathname.startsWith('/api/')) return;
    res.text()
      .then((text) => scanResponse({ source: 'browser', method: res.request().method(), url: res.url(), contentType, text }))
      .catch(() => {});  // a redirect, or the page already gone
  });
  return context;
}

// extraArgs: more Chromium switches (a fake camera, say).
export async function launch(extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...extraArgs],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => scanAnswers(await newContext(...args));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    scanAnswers(page.context());
    return page;
  };
  return browser;
}

// The window PC's device agent at its default address (docs/api/agent.md):
// the workbench asks it for its status, and in tests without an agent
// nothing listens there, which the browser logs.
const DEFAULT_AGENT = 'http://127.0.0.1:17100/';
const fromDefaultAgent = (m) => m.location().url.startsWith(DEFAULT_AGENT) || m.text().includes(DEFAULT_AGENT);

// Opens a page that fails the test on console errors and uncaught exceptions.
export async function strictPage(browser, { width = 1366, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !fromDefaultAgent(m)) problems.push(`console: ${m.text()}`);
  });
  return { page, context, problems };
}

// The whole page by default; { fullPage: false } for what a 1366×768 screen shows.
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

// A strict page whose context is signed in (via the API) as a demo account
// without a second factor; the server must have been started with seed.
export async function signedInPage(browser, serverUrl, login = 'clerk', password = 'Yichuang@2026', size = {}) {
  const opened = await strictPage(browser, size);
  const res = await opened.context.request.post(`${serverUrl}/api/auth/login`, { data: { login, password } });
  if (res.status() !== 200) throw new Error(`sign-in as ${login} failed: ${res.status()} ${await res.text()}`);
  return opened;
}

// A form field by its data-test: el-input puts it on the <input>/<textarea>
// itself, el-select, el-input-number and others on a wrapper.
export const field = (scope, name) => scope.locator(`input[data-test="${name}"], textarea[data-test="${name}"], `
  + `[data-test="${name}"] input, [data-test="${name}"] textarea`).first();

// Opens an el-select by its data-test and picks the visible option with `text`.
export async function pickOption(page, select, text) {
  await page.locator(`[data-test="${select}"]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
  await dropdownsClosed(page);
}

// Element Plus closes a select's dropdown with a transition; under load a
// click right after may land on the fading list. Wait until no option is
// visible (Escape if one stays open).
export async function dropdownsClosed(page) {
  const open = () => page.evaluate(() => [...document.querySelectorAll('.el-select-dropdown__item')]
    .some((e) => e.offsetParent !== null));
  for (let i = 0; i < 40 && await open(); i++) {
    if (i === 20) await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
  }
}

// A demo account that needs TOTP (administrators, approvers, the complaints
// officer), signed in through the login page and sent on to `next`. A code is
// accepted once: sign each such account in once per test file.
export async function signInWithTotp(page, serverUrl, login, next) {
  const input = (name) => field(page, name);
  await page.goto(`${serverUrl}/login?redirect=${encodeURIComponent(next)}`);
  await input('login-name').fill(login);
  await input('login-password').fill(demoPassword);
  await page.locator('[data-test="login-submit"]').click();
  await input('totp-code').fill(totp(demoTotpSecret));
  await page.locator('[data-test="totp-submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

// WCAG 2.1 AA by axe-core (issue 11, item 6): the serious and critical
// violations on the page as it is now, as "label: rule" lines, printed when any.
export async function axeProblems(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    console.log(`axe ${label}: ${v.impact} ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`);
  }
  return bad.map((v) => `${label}: ${v.id}`);
}

// No horizontal scrolling at the page's width (phone pages, issue 12);
// fails with how much wider the page is.
export async function fitsWidth(page, label) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (over > 1) throw new Error(`${label}: the page is ${over}px wider than the screen`);
}

// An el-date-picker by its data-test (on the picker or around it): the day
// typed, then confirmed with Enter.
export async function pickDay(scope, name, iso) {
  const input = field(scope, name);
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
  await scope.page().locator('.el-picker-panel:visible').waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  const got = await input.inputValue();
  if (got !== iso) throw new Error(`${name}: the picker shows ${got}, not ${iso}`);
}
