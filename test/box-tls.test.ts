// The box's services over HTTPS, as the box will run them: the arbiter, audit log, a datastore
// and the export service each with its own certificate from ensureBoxPki; the datastore and the
// export service follow the arbiter over wss and record to the audit log over https; an app's
// box client in its own process trusts the box CA through NODE_EXTRA_CA_CERTS alone. A client
// without the CA, or a certificate from another CA, is refused with a clear error, at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, type PeerCertificate } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DataboxError } from '../core/errors';
import { createBoxClient } from '../runtime/box-client/box-client';
import { createRevocationClient } from '../box/tokens/revocation.client';
import { createAuditClient } from '../box/audit/audit.client';
import { issueCertificate } from '../box/pki';
import { listen } from '../box/service/service.http';
import type { Registration } from '../box/arbiter/arbiter.types';
import { startBoxControl, SERVICE_KEY, type BoxControl } from './support/box-control.fixture';
import { eventually } from './support/eventually';

const REPO = path.resolve(__dirname, '..');
const CHILD = path.join(__dirname, 'support', 'box-client-tls.child.ts');
let box: BoxControl;
let app: Registration;
let driver: Registration;
let appEnv: Record<string, string>;

const driverWrite = async (value: number): Promise<void> => {
  const token = await (await box.token(driver.key, { target: box.storeName, path: '/ts/temp', method: 'POST' })).text();
  const response = await box.fetch(`${box.store.url}/ts/temp`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify({ value }) });
  assert.equal(response.status, 200, await response.clone().text());
};

/** Runs the app's box client in its own process; `onLine` sees each JSON line it prints. */
async function runApp(env: Record<string, string>, onLine: (line: Record<string, unknown>) => Promise<void> | void = () => undefined): Promise<{ lines: Record<string, unknown>[]; code: number | null; ms: number }> {
  const { NODE_EXTRA_CA_CERTS: _inherited, ...rest } = process.env;
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO, env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const lines: Record<string, unknown>[] = [];
  for await (const text of createInterface({ input: child.stdout })) {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    await onLine(line);
  }
  const code = child.exitCode ?? await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { lines, code, ms: Date.now() - started };
}

before(async () => {
  box = await startBoxControl({ tls: true });
  driver = await box.register('hue-driver', 'driver');
  await box.grant('hue-driver', { target: box.storeName, path: '/ts/temp', method: 'POST' });
  await driverWrite(20);
  app = await box.register('home-app', 'app');
  await box.grant('home-app', { target: box.storeName, path: '/ts/temp*', method: 'GET' });
  await box.grant('home-app', { target: box.storeName, path: '/ts/temp', method: 'GET', observe: 'data' });
  await box.grant('home-app', { target: 'export-service', path: '/export', method: 'POST', destination: `${box.receiver.url}/tls` });
  const keyFile = path.join(box.dir, 'home-app.key');
  writeFileSync(keyFile, `${app.key}\n`, { mode: 0o600 });
  appEnv = {
    DATABOX_ARBITER_ENDPOINT: box.arbiterUrl,
    DATABOX_EXPORT_SERVICE_ENDPOINT: box.exportService.url,
    DATABOX_ARBITER_TOKEN_FILE: keyFile,
    DATASOURCE_temp: JSON.stringify({ href: `${box.store.url}/ts/temp`, 'item-metadata': [{ rel: 'urn:X-databox:rels:hasStore', val: box.storeName }] }),
  };
});
after(async () => {
  await box.close();
});

test('every service answers HTTPS only, with its own certificate from the box CA', async () => {
  const ca = new X509Certificate(box.ca?.certPem ?? '');
  const services = { arbiter: box.arbiterUrl, audit: box.auditUrl, [box.storeName]: box.store.url, 'export-service': box.exportService.url };
  for (const [name, url] of Object.entries(services)) {
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/, name);
    const { port } = new URL(url);
    const peer = await new Promise<PeerCertificate>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port), ca: box.ca?.certPem }, () => { resolve(socket.getPeerCertificate()); socket.end(); });
      socket.once('error', reject);
    });
    const cert = new X509Certificate(peer.raw);
    assert.equal(cert.subject, `CN=${name}`);
    assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey), `${name}'s certificate is the box CA's`);
    assert.equal(cert.checkHost(name), name);
    const plain = await fetch(url.replace('https:', 'http:')).then((r) => r.status, () => 'refused');
    assert.notEqual(plain, 200, `${name} does not answer plain HTTP`);
  }
});

test('an app\'s box client with NODE_EXTRA_CA_CERTS mints, reads, observes and exports over HTTPS', async () => {
  const run = await runApp({ ...appEnv, NODE_EXTRA_CA_CERTS: box.ca?.certFile ?? '', TEST_EXPORT_URL: `${box.receiver.url}/tls` }, async (line) => {
    if (line.observing) await driverWrite(23);
  });
  assert.equal(run.code, 0, JSON.stringify(run.lines));
  const [read, observing, row, exported] = run.lines;
  assert.deepEqual((read?.read as { data: unknown }[]).map((r) => r.data), [{ value: 20 }]);
  assert.deepEqual(observing, { observing: true });
  assert.deepEqual((row?.row as { data: unknown }).data, { value: 23 }, 'pushed over wss');
  assert.equal((exported?.exported as { state: string }).state, 'Finished');
  assert.deepEqual(box.receiver.got.map((g) => [g.path, g.body]), [['/tls', '{"hello":"outside"}']]);
});

test('the datastore follows the arbiter over wss: a revoke is refused at once; audit events arrive over https', async () => {
  const token = await (await box.token(app.key, { target: box.storeName, path: '/ts/temp/*', method: 'GET' })).text();
  const read = () => box.fetch(`${box.store.url}/ts/temp/latest`, { headers: { 'x-api-key': token } }).then((r) => r.status);
  assert.equal(await read(), 200, 'the store holds the arbiter\'s generations (it fails closed otherwise)');
  const revoked = await box.admin('POST', '/components/home-app/revoke');
  assert.equal(revoked.status, 200, await revoked.text());
  assert.equal(await read(), 401, 'refused as soon as the revoke returned');
  // Store writes are coalesced into one event a second: wait for it rather than sleep.
  const wanted = [['arbiter', 'token-mint'], ['arbiter', 'revoke'], [box.storeName, 'store-write'], [box.storeName, 'request-refused'], ['export-service', 'export'], ['export-service', 'export-delivered']];
  let seen: string[] = [];
  await eventually(async () => {
    seen = [...new Set((await box.events()).map((e) => `${e.source} ${e.kind}`))];
    return wanted.every(([source, kind]) => seen.includes(`${source} ${kind}`));
  }, 'each service\'s events in the audit log, recorded over https', { seen: () => seen });
});

test('without the box CA every client is refused, clearly and at once', async () => {
  const run = await runApp(appEnv);
  assert.equal(run.code, 1);
  const error = run.lines[0]?.error as { code: string; text: string };
  assert.equal(error.code, 'tls-untrusted', error.text);
  assert.match(error.text, /the arbiter at https:\/\/127\.0\.0\.1:\d+ presented a certificate not signed by a CA this component trusts .* - .*NODE_EXTRA_CA_CERTS/);
  assert.ok(run.ms < 15_000, `refused in ${run.ms} ms`);

  // In this process (no NODE_EXTRA_CA_CERTS): the box client, the revocation and the audit clients.
  const client = createBoxClient(appEnv);
  const temp = client.source('temp');
  assert.ok(temp);
  await assert.rejects(client.read(temp, { kind: 'latest' }), (e: unknown) => e instanceof DataboxError && e.code === 'tls-untrusted');
  const started = Date.now();
  const revocation = createRevocationClient(box.arbiterUrl, { key: box.store.key });
  await assert.rejects(revocation.ready(10_000), (e: unknown) => e instanceof DataboxError && e.code === 'tls-untrusted' && /the arbiter at wss:/.test(e.message));
  assert.ok(Date.now() - started < 5000, 'not after the ready timeout');
  assert.equal(revocation.connected(), false, 'fails closed');
  await revocation.close();
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { logged.push(args.join(' ')); };
  try {
    const audit = createAuditClient(box.auditUrl, { key: SERVICE_KEY, flushDelayMs: 5, maxBackoffMs: 20 });
    audit.record({ component: 'home-app', kind: 'token-mint' });
    await eventually(() => logged.length > 0, 'the audit client says why its events wait');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(audit.pending(), 1, 'kept, as in an outage');
    assert.equal(logged.length, 1, 'said once, not per retry');
    assert.match(logged[0] ?? '', /^audit: \[tls-untrusted\] the audit log at https:/);
    await audit.close(50);
  } finally {
    console.error = original;
  }
});

test('the export service delivers with the system\'s roots: a destination with a box certificate is not trusted by it', async () => {
  const caKey = readFileSync(path.join(box.ca?.pkiDir ?? '', 'ca', 'key.pem'), 'utf8');
  const cert = await issueCertificate({ certPem: box.ca?.certPem ?? '', keyPem: caKey }, { commonName: 'inside', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const inside = await listen((_req, res) => { res.end('should not get here'); }, 0, '127.0.0.1', { tls: { cert: cert.certPem, key: cert.keyPem } });
  try {
    const outsider = await box.register('outsider', 'app');
    const destination = `${inside.url}/in`;
    await box.grant('outsider', { target: 'export-service', path: '/export', method: 'POST', destination });
    const token = await (await box.token(outsider.key, { target: 'export-service', path: '/export', method: 'POST', destination })).text();
    const post = (p: string, body: unknown) => box.fetch(`${box.exportService.url}${p}`, { method: 'POST', headers: { 'x-api-key': token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const { id } = await (await post('/export', { uri: destination, data: { x: 1 } })).json() as { id: string };
    let result: { state: string; ext_response?: { status: number; body: string } } = { state: '' };
    await eventually(async () => {
      result = await (await post('/lp/export', { id })).json() as typeof result;
      return result.state === 'Finished';
    }, 'the export gives up on the destination', { timeoutMs: 15_000, seen: () => result });
    assert.equal(result.ext_response?.status, 0);
    assert.match(result.ext_response?.body ?? '', /^no answer: the destination at https:\/\/127\.0\.0\.1:\d+ presented a certificate not signed by a CA this component trusts/);
    const failed = (await box.events({ component: 'outsider' })).filter((e) => e.kind === 'export-failed' || e.kind === 'export-retry');
    assert.equal(failed.length, 5, 'every attempt is audited, though none got an HTTP status');
    assert.ok(failed.every((e) => e.status === undefined && /not signed by a CA this component trusts/.test(e.detail ?? '')), JSON.stringify(failed[0]));
  } finally {
    await inside.close();
  }
});
