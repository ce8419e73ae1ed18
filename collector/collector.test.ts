import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startCollector } from './collector.server';
import { meanEstimate, shareEstimates } from '../core/privacy/privacy.estimate';
import { laplaceReport, randomizedResponse } from '../core/privacy/privacy.mechanism';
import { cryptoRandom } from '../core/privacy/privacy.random';
import type { PrivacySpec } from '../core/privacy/privacy.types';

const spec = { mechanism: 'laplace' as const, epsilon: 1, period: 'day' as const, bounds: [0, 40] as [number, number] };

async function collector(t: { after(fn: () => Promise<void>): void }, studies?: Record<string, PrivacySpec>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'collector-'));
  let running = await startCollector({ dataDir: dir, port: 0, ...(studies ? { studies } : {}) });
  t.after(async () => { await running.close(); rmSync(dir, { recursive: true, force: true }); });
  const post = async (study: string, body: unknown, id: string | null = randomUUID(), type = 'application/json') => {
    const response = await fetch(`${running.url}/studies/${study}/reports`, {
      method: 'POST', headers: { 'content-type': type, ...(id ? { 'databox-export-id': id } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() as { counted?: boolean; error?: { code: string; message: string } } };
  };
  const get = async (p: string) => {
    const response = await fetch(`${running.url}${p}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };
  const restart = async () => { await running.close(); running = await startCollector({ dataDir: dir, port: 0, ...(studies ? { studies } : {}) }); };
  return { post, get, restart };
}

test('reports are counted once per export id, estimated with a 95% interval, and still there after a restart', async (t) => {
  const { post, get, restart } = await collector(t);
  const values: number[] = [];
  for (let i = 0; i < 200; i++) {
    const report = laplaceReport(spec, 15 + (i % 10), cryptoRandom);
    values.push(report.value);
    const id = randomUUID();
    assert.equal((await post('temp', report, id)).status, 201);
    if (i % 50 === 0) {
      const again = await post('temp', report, id);
      assert.deepEqual(again, { status: 200, body: { counted: false } }, 'delivered twice, counted once');
    }
  }
  const expected = meanEstimate(values);
  const view = JSON.parse((await get('/api/studies/temp')).text) as Record<string, unknown>;
  assert.equal(view.reports, 200);
  assert.ok(Math.abs(Number(view.estimate) - Number(expected.estimate)) < 1e-9);
  assert.ok(Math.abs(Number(view.low) - Number(expected.low)) < 1e-9 && Math.abs(Number(view.high) - Number(expected.high)) < 1e-9);
  assert.deepEqual({ study: view.study, mechanism: view.mechanism, epsilon: view.epsilon, period: view.period }, { study: 'temp', mechanism: 'laplace', epsilon: 1, period: 'day' });

  await restart();
  const after = JSON.parse((await get('/api/studies/temp')).text) as Record<string, unknown>;
  assert.equal(after.reports, 200);
  assert.ok(Math.abs(Number(after.estimate) - Number(expected.estimate)) < 1e-9);
  const history = JSON.parse((await get('/api/studies/temp/history')).text) as { points: { reports: number }[] };
  assert.equal(history.points.length, 191, 'one point per report from the 10th');
  assert.equal(history.points[0]?.reports, 10);
  assert.equal(history.points.at(-1)?.reports, 200);
  assert.deepEqual(JSON.parse((await get('/api/health')).text), { ok: true, studies: 1 });
});

test('randomized-response shares over the declared categories; reports of another mechanism or epsilon are refused', async (t) => {
  const rr = { mechanism: 'randomized-response' as const, epsilon: 2, period: 'hour' as const, categories: ['home', 'away', 'asleep'] };
  const { post, get } = await collector(t, { presence: rr });
  const reports: string[] = [];
  for (let i = 0; i < 90; i++) {
    const report = randomizedResponse(rr, rr.categories[i % 3] ?? 'home', cryptoRandom);
    reports.push(report.category);
    assert.equal((await post('presence', report)).status, 201);
  }
  const view = JSON.parse((await get('/api/studies/presence')).text) as { reports: number; shares: { category: string; estimate: number }[]; declared: boolean };
  assert.equal(view.reports, 90);
  assert.equal(view.declared, true);
  assert.deepEqual(view.shares.map((s) => s.category), ['home', 'away', 'asleep']);
  const expected = shareEstimates(rr.categories, reports, 2);
  view.shares.forEach((s, i) => assert.ok(Math.abs(s.estimate - Number(expected[i]?.estimate)) < 1e-9));

  const other = await post('presence', { category: 'home', mechanism: 'randomized-response', epsilon: 1, period: 'hour' });
  assert.equal(other.status, 409);
  assert.match(other.body.error?.message ?? '', /study presence takes randomized-response reports with epsilon 2, one a hour; this one is randomized-response with epsilon 1/);
  const unlisted = await post('presence', { category: 'garden', mechanism: 'randomized-response', epsilon: 2, period: 'hour' });
  assert.equal(unlisted.status, 409);
  assert.match(unlisted.body.error?.message ?? '', /"garden" is not one of study presence's categories/);
  const laplaceThere = await post('presence', { value: 1, mechanism: 'laplace', epsilon: 2, period: 'hour' });
  assert.equal(laplaceThere.status, 409, 'a declared study takes only its mechanism');
});

test('a declared study refuses what the mechanism never makes; a refused first report claims no study; an undeclared one gives no shares', async (t) => {
  const { post, get } = await collector(t, { temp: spec });
  for (const value of [1e308, -1e308, 20.0000001, 40 + (41 * 40) / 1]) {
    const answer = await post('temp', { value, mechanism: 'laplace', epsilon: 1, period: 'day' });
    assert.equal(answer.status, 409, String(value));
    assert.match(answer.body.error?.message ?? '', /is not a report the mechanism makes for bounds \[0, 40\] and epsilon 1/);
  }
  assert.equal((await post('temp', laplaceReport(spec, 20, cryptoRandom))).status, 201, 'a real report is taken');
  const view = JSON.parse((await get('/api/studies/temp')).text) as { reports: number; declared: boolean; bounds: number[] };
  assert.deepEqual([view.reports, view.declared, view.bounds], [1, true, [0, 40]]);

  // An undeclared study: a refused first report does not fix its settings for the next.
  assert.equal((await post('open', { value: 'x', mechanism: 'laplace', epsilon: 1, period: 'day' })).status, 400);
  assert.equal((await post('open', { category: 'a', mechanism: 'randomized-response', epsilon: 0.5, period: 'day' })).status, 201);
  const open = JSON.parse((await get('/api/studies/open')).text) as { declared: boolean; shares: unknown[] };
  assert.deepEqual([open.declared, open.shares], [false, []], 'shares need the categories, which only the researcher declares');
});

test('bad reports are refused with what is wrong, and nothing is counted', async (t) => {
  const { post, get } = await collector(t);
  const good = { value: 20, mechanism: 'laplace', epsilon: 1, period: 'day' };
  const cases: [unknown, string | null, string, number][] = [
    ['{"value": ', randomUUID(), 'application/json', 400],
    [[good], randomUUID(), 'application/json', 400],
    [{ ...good, value: '20' }, randomUUID(), 'application/json', 400],
    [{ ...good, raw: 21.4 }, randomUUID(), 'application/json', 400],
    [{ ...good, epsilon: 0 }, randomUUID(), 'application/json', 400],
    [{ ...good, period: 'week' }, randomUUID(), 'application/json', 400],
    [good, null, 'application/json', 400],
    [good, 'x', 'application/json', 400],
    [good, randomUUID(), 'text/plain', 415],
    [{ ...good, pad: 'x'.repeat(5000) }, randomUUID(), 'application/json', 413],
  ];
  for (const [body, id, type, status] of cases) {
    const answer = await post('temp', body, id, type);
    assert.equal(answer.status, status, JSON.stringify(body).slice(0, 80));
    assert.ok(answer.body.error?.message, 'says what is wrong');
  }
  assert.equal((await post('bad%20name', good)).status, 400);
  assert.equal((await get('/api/studies/temp')).status, 404, 'nothing was counted');
  assert.equal((await get('/studies/..%2fcollector.db')).status, 400, 'not a study name, never a path');
});

test('the pages: the list of studies and one study\'s chart, escaped, loading only the collector\'s own files', async (t) => {
  const { post, get } = await collector(t);
  assert.match((await get('/')).text, /No reports yet/);
  for (let i = 0; i < 5; i++) await post('temp', laplaceReport(spec, 20, cryptoRandom));
  const list = await get('/');
  assert.match(list.text, /<a href="\/studies\/temp">temp<\/a>/);
  assert.match(list.text, /5 reports: the population&#39;s mean is about/);
  const page = await get('/studies/temp');
  assert.match(page.type, /text\/html/);
  assert.deepEqual([...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u?.startsWith('/')), [], 'no outside URL');
  for (const asset of ['/assets/chart.umd.js', '/assets/collector.page.js', '/assets/collector.css']) assert.equal((await get(asset)).status, 200, asset);
  assert.equal((await get('/assets/..%2fcollector.db')).status, 404);
  assert.equal((await get('/studies/nothing')).status, 404);
});
