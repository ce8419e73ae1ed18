import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importMacaroon } from 'macaroon';
import { startExportService } from './export.server';
import { mintToken } from '../tokens/token.mint';
import { encodeMacaroonV2 } from '../tokens/token.binary';
import { privacyText } from '../../core/privacy/privacy.text';
import { GRID_STEPS } from '../../core/privacy/privacy.mechanism';
import type { LaplacePrivacy, RandomizedResponsePrivacy } from '../../core/privacy/privacy.types';
import type { AuditInput } from '../audit/audit.types';

const secret = 'export-service-secret-0123456789abcdef';
const laplace: LaplacePrivacy = { mechanism: 'laplace', epsilon: 2, period: 'day', bounds: [0, 40], unit: '°C' };
const rr: RandomizedResponsePrivacy = { mechanism: 'randomized-response', epsilon: 1, period: 'hour', categories: ['home', 'away', 'asleep'] };

/** A receiver that echoes what it got (an app must never see the echo). */
async function receiver(answers: number[] = []): Promise<{ url: string; got: { body: string; headers: IncomingHttpHeaders }[]; close(): Promise<void> }> {
  const got: { body: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      got.push({ body, headers: req.headers });
      res.statusCode = answers.shift() ?? 200;
      res.end(`echo ${body}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/studies/temp/reports`;
  return { url, got, close: () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }) };
}

async function setup(t: { after(fn: () => Promise<void>): void }, answers: number[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-private-'));
  const events: AuditInput[] = [];
  const start = () => startExportService({ dataDir: dir, port: 0, secret, currentGeneration: () => 0, audit: { record: (e) => events.push(e) }, longPollMs: 5000, retry: { baseMs: 20, maxMs: 100, maxAttempts: 4 } });
  let service = await start();
  const rx = await receiver(answers);
  t.after(async () => { await service.close(); await rx.close(); rmSync(dir, { recursive: true, force: true }); });
  const token = (component: string, spec: LaplacePrivacy | RandomizedResponsePrivacy = laplace, destination = rx.url) => mintToken({
    secret, target: 'export-service', path: '/export', method: 'POST', destination, privacy: privacyText(spec), component, generation: 0, expiresAt: Date.now() + 60_000,
  });
  const post = async (p: string, body: unknown, key: string) => {
    const response = await fetch(`${service.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: await response.json() as { id: string; state: string; ext_response?: { status: number; body: string }; error?: { code: string; message: string } } };
  };
  const restart = async () => { await service.close(); service = await start(); };
  return { rx, events, token, post, restart };
}

test('a private destination gets only the noisy report, spends the period\'s budget once, audits it, and the app never sees the report', async (t) => {
  const { rx, events, token, post } = await setup(t);
  const key = token('tempstudy');
  const accepted = await post('/export', { uri: rx.url, data: 21.5 }, key);
  assert.equal(accepted.status, 202);
  const polled = await post('/lp/export', { id: accepted.body.id }, key);
  assert.equal(polled.body.state, 'Finished');
  assert.deepEqual(polled.body.ext_response, { status: 200, body: '' }, 'the receiver\'s echo is withheld from the app');
  // Even through a raw token for the same URL (the owner's grant changed since): the body was never kept.
  const raw = mintToken({ secret, target: 'export-service', path: '/export', method: 'POST', destination: rx.url, component: 'tempstudy', generation: 0, expiresAt: Date.now() + 60_000 });
  assert.deepEqual((await post('/lp/export', { id: accepted.body.id }, raw)).body.ext_response, { status: 200, body: '' });

  assert.equal(rx.got.length, 1);
  const report = JSON.parse(rx.got[0]?.body ?? '') as Record<string, unknown>;
  assert.deepEqual(Object.keys(report).sort(), ['epsilon', 'mechanism', 'period', 'value']);
  assert.deepEqual({ ...report, value: 0 }, { value: 0, mechanism: 'laplace', epsilon: 2, period: 'day' });
  const steps = (Number(report.value) - 0) / (40 / GRID_STEPS);
  assert.ok(Math.abs(steps - Math.round(steps)) < 1e-6, `the report ${String(report.value)} is a grid point`);
  assert.equal(rx.got[0]?.headers['databox-export-id'], accepted.body.id);
  assert.equal(rx.got[0]?.headers['content-type'], 'application/json');

  const again = await post('/export', { uri: rx.url, data: 22 }, key);
  assert.equal(again.status, 429);
  assert.equal(again.body.error?.code, 'privacy-budget-spent');
  assert.match(again.body.error?.message ?? '', /already sent its report .* this day \(epsilon 2 spent\)/);
  assert.equal(rx.got.length, 1, 'nothing more left the box');

  const spend = events.filter((e) => e.kind === 'privacy-spend');
  assert.equal(spend.length, 1);
  assert.equal(spend[0]?.component, 'tempstudy');
  assert.equal(spend[0]?.destination, rx.url);
  assert.match(spend[0]?.detail ?? '', new RegExp(`epsilon 2 of the day from \\d{4}-\\d\\d-\\d\\dT00:00:00.000Z spent by export ${accepted.body.id}`));
  assert.ok(events.some((e) => e.kind === 'export-refused' && /privacy-budget-spent/.test(e.detail ?? '')), 'the refusal is audited');
});

test('values a private destination cannot take are refused, spend nothing and send nothing: a string, an array, an object, null, Infinity, an unlisted category', async (t) => {
  const { rx, events, token, post } = await setup(t);
  const key = token('tempstudy');
  for (const body of [{ uri: rx.url, data: '21.5' }, { uri: rx.url, data: [21.5] }, { uri: rx.url, data: { value: 21.5 } }, { uri: rx.url, data: null }, `{"uri": ${JSON.stringify(rx.url)}, "data": 1e400}`]) {
    const answer = await post('/export', body, key);
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(answer.body.error?.code, 'private-value-invalid');
    assert.match(answer.body.error?.message ?? '', /is a private destination: the value must be .*; nothing was sent/);
  }
  const rrKey = token('moodstudy', rr, `${rx.url}/rr`);
  const unlisted = await post('/export', { uri: `${rx.url}/rr`, data: 'elsewhere' }, rrKey);
  assert.equal(unlisted.status, 400);
  assert.match(unlisted.body.error?.message ?? '', /"elsewhere" is not one of the categories \(home, away, asleep\)/);
  assert.equal(rx.got.length, 0);
  assert.equal(events.filter((e) => e.kind === 'privacy-spend').length, 0);

  assert.equal((await post('/export', { uri: rx.url, data: 21.5 }, key)).status, 202, 'the budget is untouched by refusals');
  const category = await post('/export', { uri: `${rx.url}/rr`, data: 'home' }, rrKey);
  assert.equal(category.status, 202);
  await post('/lp/export', { id: category.body.id }, rrKey);
  const report = JSON.parse(rx.got.find((g) => g.headers['databox-export-id'] === category.body.id)?.body ?? '{}') as Record<string, unknown>;
  assert.deepEqual(Object.keys(report).sort(), ['category', 'epsilon', 'mechanism', 'period']);
  assert.ok(rr.categories.includes(String(report.category)));
});

test('values beyond the bounds are clamped before the noise: 300 apps sending 1,000 (bounds 0 to 40) report about 40 on average', async (t) => {
  const { rx, token, post } = await setup(t);
  const ids: string[] = [];
  for (let i = 0; i < 300; i++) {
    const key = token(`app${i}`);
    const answer = await post('/export', { uri: rx.url, data: 1000 }, key);
    assert.equal(answer.status, 202);
    ids.push(answer.body.id);
  }
  const last = await post('/lp/export', { id: ids.at(-1) }, token('app299'));
  assert.equal(last.body.state, 'Finished');
  while (rx.got.length < 300) await new Promise((r) => setTimeout(r, 20));
  const values = rx.got.map((g) => (JSON.parse(g.body) as { value: number }).value);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  // b = 40 / 2 = 20: one report's sd is 20·sqrt(2) ≈ 28.3, the mean of 300 has sd ≈ 1.6.
  assert.ok(Math.abs(mean - 40) < 8, `mean ${mean} is about 40, not 1,000`);
});

test('the spent budget survives a restart of the export service, and a token whose privacy caveat was changed is refused', async (t) => {
  const { rx, token, post, restart } = await setup(t);
  const key = token('tempstudy');
  assert.equal((await post('/export', { uri: rx.url, data: 20 }, key)).status, 202);
  await restart();
  const after = await post('/export', { uri: rx.url, data: 20 }, key);
  assert.equal(after.status, 429);
  assert.equal(after.body.error?.code, 'privacy-budget-spent');

  // A holder may add caveats; one that disagrees with the arbiter's spec refuses the token.
  const macaroon = importMacaroon(new Uint8Array(Buffer.from(token('other'), 'base64url')));
  macaroon.addFirstPartyCaveat(`privacy = ${privacyText({ ...laplace, epsilon: 10 })}`);
  const widened = await post('/export', { uri: rx.url, data: 20 }, Buffer.from(encodeMacaroonV2(macaroon)).toString('base64url'));
  assert.equal(widened.status, 401);
  assert.equal(widened.body.error?.code, 'token-malformed');
  // At least once: a delivery cut by the restart may come again, with the same export id.
  assert.equal(new Set(rx.got.map((g) => g.headers['databox-export-id'])).size, 1);
});

test('a report delivered again after a failure is the same report: the noise is drawn once, so retries never average it away', async (t) => {
  const { rx, token, post } = await setup(t, [503, 503]);
  const key = token('tempstudy');
  const accepted = await post('/export', { uri: rx.url, data: 21.5 }, key);
  assert.equal(accepted.status, 202);
  const polled = await post('/lp/export', { id: accepted.body.id }, key);
  assert.equal(polled.body.state, 'Finished');
  assert.equal(rx.got.length, 3, 'two failures, then delivered');
  assert.deepEqual(new Set(rx.got.map((g) => g.headers['databox-export-id'])), new Set([accepted.body.id]));
  assert.equal(new Set(rx.got.map((g) => g.body)).size, 1, 'each attempt carried the same noisy report');
});
