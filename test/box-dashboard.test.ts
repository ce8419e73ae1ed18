// The box dashboard's sign-in and home page in a real Chromium against a running box (process
// driver, its built-in drivers running): without a session every page redirects to sign-in and
// the API and app pages answer 401; a wrong password is said next to the field, five a minute
// from one address; the owner signs in with the form, sees the box's isolation and every driver
// with its status in words, on a desktop and a phone-sized screen, and signs out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { OWNER_PASSWORD, startTestBox, type TestBox } from './support/personal-box.fixture';

const dir = mkdtempSync(path.join(tmpdir(), 'box-dashboard-'));
const shots = path.resolve(__dirname, '..', 'tmp', 'screenshots');
let box: TestBox;
let browser: Browser;

before(async () => {
  box = await startTestBox({ dataDir: path.join(dir, 'box'), driver: 'process', stores: [] });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await box?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('without a session: pages redirect to sign-in, the API and app pages answer 401', async () => {
  const home = await fetch(`${box.url}/`, { redirect: 'manual' });
  assert.equal(home.status, 303);
  assert.equal(home.headers.get('location'), '/login');
  assert.equal((await fetch(`${box.url}/api/apps`)).status, 401);
  assert.equal((await fetch(`${box.url}/host-load/ui/`)).status, 401);
  const forged = await fetch(`${box.url}/`, { redirect: 'manual', headers: { cookie: 'databox_session=forged-session-id' } });
  assert.equal(forged.status, 303, 'a made-up session is no session');
  const signIn = await fetch(`${box.url}/login`);
  assert.equal(signIn.status, 200);
  assert.match(signIn.headers.get('content-security-policy') ?? '', /default-src 'self'/);
});

test('the owner signs in with the form, sees the drivers and their status in words, and signs out', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const outside: string[] = [];
  page.on('request', (request) => { if (!request.url().startsWith(box.url)) outside.push(request.url()); });
  await page.goto(`${box.url}/`);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.getByLabel('Owner password').fill('not the password');
  const refused = page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal((await refused).status(), 401);
  assert.equal(await page.getByRole('alert').innerText(), 'that is not the owner password');
  assert.equal(await page.getByLabel('Owner password').getAttribute('aria-invalid'), 'true');
  await page.screenshot({ path: path.join(shots, 'box-signin-refused.png') });

  await page.getByLabel('Owner password').fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${box.url}/`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your box');
  assert.match(await page.locator('.isolation').innerText(), /^process driver: components run as processes on this machine with no network isolation/);
  const drivers = page.locator('section[aria-labelledby="drivers-h"] li.component');
  assert.ok(await drivers.count() >= 2, 'the built-in drivers are listed');
  const sensors = page.locator('li.component[data-name="sensors-sim"]');
  assert.match(await sensors.innerText(), /Status:\s*running/);
  assert.match(await sensors.innerText(), /built into the box/);
  assert.match(await page.locator('section[aria-labelledby="apps-h"]').innerText(), /No apps installed yet/);
  assert.equal((await page.request.get(`${box.url}/api/apps`)).status(), 200, 'the session works for the API the pages use');
  await page.screenshot({ path: path.join(shots, 'box-dashboard-home.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than a phone');
  await page.screenshot({ path: path.join(shots, 'box-dashboard-phone.png'), fullPage: true });
  assert.deepEqual(outside, [], 'the pages load nothing from outside the box');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${box.url}/login`);
  assert.equal((await page.request.get(`${box.url}/api/apps`)).status(), 401, 'the session ended');
  await context.close();
});

test('five wrong passwords a minute from one address, then the sign-in waits, saying so', async () => {
  const post = (password: string) => fetch(`${box.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password }), redirect: 'manual' });
  const seen: number[] = [];
  for (let i = 0; i < 6; i++) seen.push((await post(`wrong ${i}`)).status);
  assert.deepEqual(seen.slice(0, 5), [401, 401, 401, 401, 401]);
  const limited = await post(OWNER_PASSWORD);
  assert.equal(limited.status, 429, 'even the right password waits');
  assert.match(await limited.text(), /too many wrong passwords from here; wait a minute/);
});
