import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArbiter } from './arbiter.server';
import { startExportService } from '../export/export.server';
import { createRevocationClient } from '../tokens/revocation.client';
import { decodeMacaroonV2 } from '../tokens/token.binary';
import type { AuditInput } from '../audit/audit.types';

const adminKey = 'admin-key-for-tests-0123456789abcdef';
const spec = { mechanism: 'laplace', epsilon: 1, period: 'hour', bounds: [0, 100], unit: '%' };

test('the owner\'s private grant travels in the arbiter\'s token to the export service, which enforces it; an app cannot ask for privacy or shed it', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arbiter-private-'));
  const events: AuditInput[] = [];
  const audit = { record: (e: AuditInput) => events.push(e) };
  const arbiter = await startArbiter({ dataDir: path.join(dir, 'arbiter'), port: 0, adminKeys: [adminKey], audit });
  const got: string[] = [];
  const rx = createServer((req, res) => { let body = ''; req.on('data', (c: Buffer) => { body += c.toString(); }); req.on('end', () => { got.push(body); res.end(); }); });
  await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(rx.address() as AddressInfo).port}/studies/load/reports`;
  const admin = async (method: string, p: string, body?: unknown) => {
    const response = await fetch(`${arbiter.url}/admin${p}`, { method, headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };
  const service = (await admin('POST', '/components', { name: 'export-service', type: 'service' })).body as { key: string; secret: string };
  const app = (await admin('POST', '/components', { name: 'loadstudy', type: 'app' })).body as { key: string };
  const revocation = createRevocationClient(arbiter.url, { key: service.key });
  await revocation.ready();
  const exporter = await startExportService({ dataDir: path.join(dir, 'export'), port: 0, secret: service.secret, currentGeneration: revocation.currentGeneration, audit, longPollMs: 5000 });
  t.after(async () => { await exporter.close(); revocation.close(); await arbiter.close(); await new Promise((r) => rx.close(r)); rmSync(dir, { recursive: true, force: true }); });

  const route = { target: 'export-service', path: '/export', method: 'POST', destination: url };
  assert.equal((await admin('POST', '/components/loadstudy/grants', { ...route, privacy: { ...spec, epsilon: 0 } })).status, 400, 'the arbiter checks the spec too');
  assert.equal((await admin('POST', '/components/loadstudy/grants', { ...route, privacy: spec })).status, 201);
  const held = (await admin('GET', '/components')).body.components as { name: string; grants: unknown[] }[];
  assert.deepEqual(held.find((c) => c.name === 'loadstudy')?.grants, [{ ...route, privacy: spec }]);

  const ask = async (body: unknown) => {
    const response = await fetch(`${arbiter.url}/token`, { method: 'POST', headers: { 'x-api-key': app.key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  };
  const askedPrivacy = await ask({ ...route, privacy: { ...spec, epsilon: 10 } });
  assert.equal(askedPrivacy.status, 400);
  assert.match(askedPrivacy.text, /cannot ask for \\"privacy\\"/);
  const minted = await ask(route);
  assert.equal(minted.status, 200);
  const caveats = decodeMacaroonV2(Buffer.from(minted.text, 'base64url')).caveats.map((c) => Buffer.from(c.identifier).toString());
  assert.ok(caveats.includes('privacy = {"mechanism":"laplace","epsilon":1,"period":"hour","bounds":[0,100],"unit":"%"}'), caveats.join('\n'));
  assert.match(events.find((e) => e.kind === 'token-mint')?.detail ?? '', /^private: /);

  const send = async (token: string, data: unknown) => (await fetch(`${exporter.url}/export`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ uri: url, data }) })).status;
  assert.equal(await send(minted.text, { load: 0.5 }), 400, 'a raw record to a private destination');
  assert.equal(await send(minted.text, 42), 202);
  assert.equal(await send(minted.text, 43), 429, 'one report an hour');

  // The owner changes the spec: the old tokens (carrying the old spec) stop working at once.
  assert.equal((await admin('POST', '/components/loadstudy/grants', { ...route, privacy: { ...spec, epsilon: 0.5 } })).status, 201);
  assert.equal(await send(minted.text, 44), 401);
  assert.ok(events.some((e) => e.kind === 'revoke' && /privacy of .* changed/.test(e.detail ?? '')));
});
