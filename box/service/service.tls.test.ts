// A box service over HTTPS with certificates from the box PKI, and what verifies it: Node's own
// fetch and `ws` in a process started with NODE_EXTRA_CA_CERTS (as in a box container, no code
// change), `fetchTrusting(ca)` in this one; and what they refuse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { WebSocketServer } from 'ws';
import { DataboxError } from '../../core/errors';
import { tlsRefusal } from '../../core/tls.errors';
import { createCertificateAuthority, issueCertificate, type CertificateAndKey, type CertificateAuthority } from '../pki';
import { createServiceServer, listen, type RunningService } from './service.http';
import { fetchTrusting } from './service.fetch';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..');
let dir: string;
let ca: CertificateAuthority;
let caFile: string;
const running: RunningService[] = [];

/** An HTTPS server answering `hello` and echoing WebSocket messages at /ws. */
async function serve(cert: CertificateAndKey): Promise<RunningService> {
  const server = createServiceServer((_req, res) => { res.end('hello'); }, { tls: { cert: cert.certPem, key: cert.keyPem } });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => ws.on('message', (data) => ws.send(`echo ${data.toString()}`)));
  const service = await listen(server, 0);
  running.push(service);
  return service;
}

/** Plain Node, no project code: fetch and ws to `url`, with the environment given. */
async function nodeClient(url: string, env: Record<string, string>): Promise<{ fetch: string; ws: string; ms: number }> {
  const script = `
    const WebSocket = require('ws');
    const url = process.argv[1];
    const started = Date.now();
    const why = (e) => 'refused ' + (e.cause?.code ?? e.code ?? e.message);
    (async () => {
      const out = {};
      try { const r = await fetch(url); out.fetch = r.status + ' ' + await r.text(); } catch (e) { out.fetch = why(e); }
      out.ws = await new Promise((resolve) => {
        const ws = new WebSocket(url.replace('https:', 'wss:') + 'ws');
        ws.on('open', () => ws.send('ping'));
        ws.on('message', (d) => { resolve(String(d)); ws.close(); });
        ws.on('error', (e) => resolve(why(e)));
      });
      out.ms = Date.now() - started;
      console.log(JSON.stringify(out));
    })();`;
  const { NODE_EXTRA_CA_CERTS: _inherited, ...rest } = process.env;
  const { stdout } = await run(process.execPath, ['-e', script, url], { cwd: REPO, env: { ...rest, ...env }, timeout: 20_000 });
  return JSON.parse(stdout) as { fetch: string; ws: string; ms: number };
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'service-tls-'));
  ca = await createCertificateAuthority({ name: 'Databox box CA (test)' });
  caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, ca.certPem);
});
after(async () => {
  for (const service of running) await service.close();
  rmSync(dir, { recursive: true, force: true });
});

test('without a certificate a service serves HTTP exactly as before; with one, HTTPS', async () => {
  const plain = await listen((_req, res) => { res.end('plain'); }, 0);
  running.push(plain);
  assert.match(plain.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(await (await fetch(plain.url)).text(), 'plain');
  const secure = await serve(await issueCertificate(ca, { commonName: 'arbiter', dnsNames: ['arbiter', 'localhost'], ipAddresses: ['127.0.0.1'] }));
  assert.match(secure.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(await (await fetchTrusting(ca.certPem)(secure.url)).text(), 'hello');
  await assert.rejects(fetch(secure.url), (e: unknown) => tlsRefusal(e, 'the arbiter', secure.url)?.code === 'tls-untrusted', 'this process does not trust the box CA');
  const other = await createCertificateAuthority({ name: 'another CA' });
  await assert.rejects(fetchTrusting(other.certPem)(secure.url), (e: unknown) => tlsRefusal(e, 'the arbiter', secure.url)?.code === 'tls-untrusted');
  await assert.rejects(fetchTrusting(ca.certPem)(plain.url.replace('http:', 'https:')), (e: unknown) => tlsRefusal(e, 'the arbiter', plain.url)?.code === 'tls-not-spoken');
});

test('a certificate and a key that do not belong together are a clear error', async () => {
  const a = await issueCertificate(ca, { commonName: 'audit', dnsNames: ['audit'] });
  const b = await issueCertificate(ca, { commonName: 'arbiter', dnsNames: ['arbiter'] });
  assert.throws(() => createServiceServer(() => undefined, { tls: { cert: a.certPem, key: b.keyPem } }), (e: unknown) => e instanceof DataboxError && e.code === 'tls-invalid' && !e.message.includes('PRIVATE'));
  await assert.rejects(async () => listen(createServiceServer(() => undefined), 0, '127.0.0.1', { tls: { cert: a.certPem, key: a.keyPem } }), (e: unknown) => e instanceof DataboxError && e.code === 'tls-invalid');
});

test('with NODE_EXTRA_CA_CERTS, Node\'s fetch and ws trust the box CA, and refuse another CA or another host name at once', async () => {
  const good = await serve(await issueCertificate(ca, { commonName: 'arbiter', dnsNames: ['arbiter', 'localhost'], ipAddresses: ['127.0.0.1'] }));
  const trusted = await nodeClient(`${good.url}/`, { NODE_EXTRA_CA_CERTS: caFile });
  assert.deepEqual([trusted.fetch, trusted.ws], ['200 hello', 'echo ping']);

  const without = await nodeClient(`${good.url}/`, {});
  assert.deepEqual([without.fetch, without.ws], ['refused UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'refused UNABLE_TO_VERIFY_LEAF_SIGNATURE'], 'the variable is what makes it trusted');

  const other = await createCertificateAuthority({ name: 'Databox box CA (test)' });
  const foreign = await serve(await issueCertificate(other, { commonName: 'arbiter', dnsNames: ['arbiter', 'localhost'], ipAddresses: ['127.0.0.1'] }));
  const fromOther = await nodeClient(`${foreign.url}/`, { NODE_EXTRA_CA_CERTS: caFile });
  assert.deepEqual([fromOther.fetch, fromOther.ws], ['refused UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'refused UNABLE_TO_VERIFY_LEAF_SIGNATURE'], 'same names, same CA name, other CA key');

  const exportOnly = await serve(await issueCertificate(ca, { commonName: 'export-service', dnsNames: ['export-service'] }));
  const wrongHost = await nodeClient(`${exportOnly.url.replace('127.0.0.1', 'localhost')}/`, { NODE_EXTRA_CA_CERTS: caFile });
  assert.deepEqual([wrongHost.fetch, wrongHost.ws], ['refused ERR_TLS_CERT_ALTNAME_INVALID', 'refused ERR_TLS_CERT_ALTNAME_INVALID'], 'a box certificate for export-service is not one for localhost');
  for (const outcome of [without, fromOther, wrongHost]) assert.ok(outcome.ms < 5000, `refused in ${outcome.ms} ms, not after a timeout`);
});
