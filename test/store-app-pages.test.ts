// The store's pages in a real Chromium: browse, search with the form, open an app's detail and
// find its permissions and lineage in plain words, then the permission diff between versions.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { packBundle, type Bundle } from '../core/bundle';
import { compile } from '../builder/compile';
import { publishBundle } from '../store-app/client/publish.client';
import { testBundle } from '../store-app/testing/bundle.fixture';
import { newKeyPem, startTestAppStore, type TestAppStore } from '../store-app/testing/app-store.fixture';

const token = 'gho_pages_token';
const shots = path.resolve(__dirname, '..', 'tmp', 'screenshots');
let store: TestAppStore;
let browser: Browser;
let publish: (bundle: Bundle, changelog: string) => Promise<void>;

before(async () => {
  store = await startTestAppStore({ backend: 'sqlite', users: { [token]: 'alice' }, config: { mode: 'curated', moderators: ['alice'] } });
  const key = newKeyPem();
  publish = async (bundle, changelog) => {
    const v = await publishBundle({ storeUrl: store.url, token, tarball: packBundle(bundle), privateKeyPem: key, changelog });
    if (v.review === 'pending') {
      await fetch(`${store.url}/api/review/${String(v.app)}/${String(v.version)}`, {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"decision":"approved"}',
      });
    }
  };
  await publish(testBundle('host-load', '1.0.0', { label: 'Host load reporter', description: 'Reports <b>host</b> load to your dashboard' }), 'First release');
  await publish(testBundle('host-load', '1.1.0', {
    label: 'Host load reporter', description: 'Reports <b>host</b> load to your dashboard',
    sources: [{ clientid: 'load', type: 'loadavg1' }],
    exports: [{ url: 'https://example.org/ingest', description: 'load summary', from: ['load'] }],
    actuators: [{ clientid: 'light', type: 'set-light-on', from: ['load'] }],
  }), 'Blinks a light when the load is high');
  await publish(testBundle('room-chart', '0.3.0', {
    label: 'Room chart', description: 'Charts your room temperature; nothing leaves the box', tags: ['home'],
    sources: [{ clientid: 't', type: 'temperature' }],
  }), 'Beta');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await store?.close();
});

test('browse, search, detail with permissions and lineage, permission diff', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${store.url}/`);
  assert.equal(await page.locator('article.app').count(), 2);
  assert.match(await page.locator('article[data-app="host-load"]').innerText(), /approved[\s\S]*sends data off the box/);
  assert.match(await page.locator('article[data-app="room-chart"]').innerText(), /keeps data on the box/);
  await page.screenshot({ path: path.join(shots, 'store-browse.png'), fullPage: true });

  await page.fill('input[name=q]', 'room temp');
  await page.click('button[type=submit]');
  await page.waitForURL(/q=room\+temp/);
  assert.deepEqual(await page.locator('article.app h2 a').allInnerTexts(), ['Room chart']);
  await page.selectOption('select[name=exports]', 'yes');
  await page.fill('input[name=q]', '');
  await page.click('button[type=submit]');
  await page.waitForURL(/exports=yes/);
  assert.deepEqual(await page.locator('article.app h2 a').allInnerTexts(), ['Host load reporter']);

  await page.click('text=Host load reporter');
  await page.waitForURL(/\/apps\/host-load$/);
  const permissions = await page.locator('#permissions li').allInnerTexts();
  assert.deepEqual(permissions, [
    'Reads your host load average over 1 minute (loadavg1)',
    'Acts on your devices: switch a smart light on or off (set-light-on)',
    'Sends data to https://example.org/ingest: load summary',
  ]);
  assert.deepEqual(await page.locator('#lineage li').allInnerTexts(), [
    'Sends your loadavg1 readings to https://example.org/ingest',
    'Uses your loadavg1 readings to act on set-light-on',
  ]);
  assert.match(await page.locator('main > p').first().innerText(), /Reports <b>host<\/b> load/, 'manifest text is shown as text, never as HTML');
  assert.equal(await page.locator('tr.version').count(), 2);
  await page.screenshot({ path: path.join(shots, 'store-detail.png'), fullPage: true });

  await page.click('text=permission changes');
  await page.waitForURL(/diff\?from=1\.0\.0&to=1\.1\.0/);
  assert.deepEqual(await page.locator('#diff li.added').allInnerTexts(), [
    '+ Acts on your devices: switch a smart light on or off (set-light-on)',
    '+ Uses your loadavg1 readings to act on set-light-on',
  ]);
  await page.screenshot({ path: path.join(shots, 'store-diff.png'), fullPage: true });
  const missing = await page.goto(`${store.url}/apps/nothing-here`);
  assert.equal(missing?.status(), 404);
  await page.close();
});

test('a private export, as the builder makes it: the store says the box adds the noise, what a report tells and the private lineage', async () => {
  const flows = JSON.parse(readFileSync(path.join(__dirname, '..', 'builder', 'fixtures', 'private-export', 'flows.json'), 'utf8')) as unknown;
  await publish(compile(flows, undefined, { name: 'temperature-study', author: 'tests', license: 'MIT' }), 'The study');
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${store.url}/apps/temperature-study`);
  const permissions = await page.locator('#permissions li').allInnerTexts();
  assert.ok(permissions.includes('Sends data to https://study.example.org/studies/temp/reports: Noisy values for a study. Private: the box adds the noise. '
    + 'At most one noisy value a day leaves your box. Any report is at most 2.7 times likelier for one value between 0 and 40 °C than for any other (epsilon 1). A study of 1,000 boxes learns the average to about ±3.5 °C.'), permissions.join('\n'));
  assert.ok((await page.locator('#lineage li').allInnerTexts()).includes('Sends at most one noisy value a day, made from your temperature readings, to https://study.example.org/studies/temp/reports (private: the box adds the noise)'));
  await page.screenshot({ path: path.join(shots, 'store-private-export.png'), fullPage: true });
  await page.close();
});
