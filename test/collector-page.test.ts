// The study collector's page in a real Chromium, with the collector run as a researcher runs it
// (`databox collector serve`, its own process): boxes' noisy reports (the real mechanism) arrive
// over HTTP, the chart draws the estimate's history and moves as more arrive, the summary says
// the estimate and its interval, and the page loads nothing from outside the collector.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { laplaceReport, randomizedResponse } from '../core/privacy/privacy.mechanism';
import { cryptoRandom } from '../core/privacy/privacy.random';

const dir = mkdtempSync(path.join(tmpdir(), 'collector-page-'));
const shots = path.resolve(__dirname, '..', 'tmp', 'screenshots');
let child: ChildProcess;
let url = '';
let browser: Browser;
const spec = { mechanism: 'laplace' as const, epsilon: 1, period: 'day' as const, bounds: [0, 40] as [number, number] };

async function send(study: string, report: unknown): Promise<void> {
  const answer = await fetch(`${url}/studies/${study}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'databox-export-id': randomUUID() }, body: JSON.stringify(report) });
  assert.equal(answer.status, 201, await answer.text());
}

before(async () => {
  child = spawn(process.execPath, [path.join(__dirname, '..', 'cli', 'databox.js'), 'collector', 'serve', '--data', dir, '--port', '0', '--study', 'presence=randomized-response:2:hour:home,away,asleep', '--study', 'temperature=laplace:1:day:0:40:°C'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  url = /listening on (\S+)/.exec(line)?.[1] ?? '';
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, line);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

test('a researcher watches the estimate converge as reports arrive, on a page that loads only the collector\'s files', async () => {
  for (let i = 0; i < 300; i++) await send('temperature', laplaceReport(spec, 18 + 6 * cryptoRandom.next(), cryptoRandom));
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  const outside: string[] = [];
  page.on('request', (request) => { if (!request.url().startsWith(url)) outside.push(request.url()); });
  await page.goto(`${url}/studies/temperature`);
  await page.waitForFunction(() => Number(document.querySelector('#chart')?.getAttribute('data-points') ?? 0) > 100, undefined, { timeout: 20_000 });
  assert.match(await page.locator('#summary').innerText(), /^300 reports: the population's mean is about [\d.]+ \(95% interval [\d.-]+ to [\d.]+\)\.$/);
  const before = Number(await page.locator('#chart').getAttribute('data-points'));

  for (let i = 0; i < 50; i++) await send('temperature', laplaceReport(spec, 18 + 6 * cryptoRandom.next(), cryptoRandom));
  await page.waitForFunction((n) => Number(document.querySelector('#chart')?.getAttribute('data-points') ?? 0) > n, before, { timeout: 20_000 });
  await page.waitForFunction(() => /^350 reports/.test(document.querySelector('#summary')?.textContent ?? ''), undefined, { timeout: 20_000 });
  await page.screenshot({ path: path.join(shots, 'collector-study.png') });
  assert.deepEqual(outside, []);

  for (let i = 0; i < 60; i++) await send('presence', randomizedResponse({ mechanism: 'randomized-response', epsilon: 2, period: 'hour', categories: ['home', 'away', 'asleep'] }, 'home', cryptoRandom));
  await page.goto(`${url}/`);
  assert.deepEqual(await page.locator('table a').allInnerTexts(), ['temperature', 'presence']);
  await page.goto(`${url}/studies/presence`);
  await page.waitForFunction(() => /^60 reports: home [\d.-]+% \(±[\d.]+\), away/.test(document.querySelector('#summary')?.textContent ?? ''), undefined, { timeout: 20_000 });
  await page.screenshot({ path: path.join(shots, 'collector-presence.png') });
  await page.close();
});
