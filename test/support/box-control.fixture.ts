/**
 * The box's control plane, really running in this process for journeys: the audit log, the
 * arbiter, a datastore (box/datastore) and the export service, each on its own loopback port,
 * wired as on a box (revocation followed over the arbiter's WebSocket, events recorded through
 * audit clients), plus a local receiver for exports. With `{ tls: true }` they run as in the
 * box's containers: HTTPS and WSS, each with its own certificate from `ensureBoxPki` (its name
 * plus localhost and 127.0.0.1), and every client between them verifying against the box CA
 * (given as `ca`: this process cannot have NODE_EXTRA_CA_CERTS for a CA it makes).
 *
 * @example
 * const box = await startBoxControl();
 * const app = await box.register('my-app', 'app');
 * await box.grant('my-app', { target: box.storeName, path: '/ts/load/*', method: 'GET' });
 * ...
 * await box.close();
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAuditService } from '../../box/audit/audit.server';
import { createAuditClient, type AuditClient } from '../../box/audit/audit.client';
import type { StoredAuditEvent } from '../../box/audit/audit.types';
import { startArbiter } from '../../box/arbiter/arbiter.server';
import type { Grant, Registration } from '../../box/arbiter/arbiter.types';
import { startExportService } from '../../box/export/export.server';
import { createDataStore } from '../../box/datastore/datastore.server';
import { createRevocationClient, type RevocationClient } from '../../box/tokens/revocation.client';
import type { RunningService, ServiceTls } from '../../box/service/service.http';
import { fetchTrusting } from '../../box/service/service.fetch';
import { ensureBoxPki } from '../../box/pki';

export const ADMIN_KEY = 'journey-admin-key-0123456789abcdef';
export const SERVICE_KEY = 'journey-service-key-0123456789abcd';

export interface Received { path: string; body: string; headers: IncomingHttpHeaders }

export interface Receiver {
  url: string;
  got: Received[];
  /** The status the receiver answers with (default 200). */
  answer: number;
  close(): Promise<void>;
}

export interface BoxControlOptions {
  /** Run every service over HTTPS with certificates from the box PKI (in `<dir>/pki`). */
  tls?: boolean;
}

export interface BoxControl {
  dir: string;
  /** With `tls`: the box CA, as the box mounts it into containers. */
  ca?: { certPem: string; certFile: string; pkiDir: string };
  /** fetch that trusts the box CA (plain fetch without `tls`). */
  fetch: typeof fetch;
  storeName: string;
  store: { url: string; secret: string; key: string };
  exportService: { url: string; secret: string; key: string };
  arbiterUrl: string;
  auditUrl: string;
  receiver: Receiver;
  admin(method: string, p: string, body?: unknown): Promise<Response>;
  register(name: string, type: 'app' | 'driver'): Promise<Registration>;
  grant(name: string, grant: Grant): Promise<void>;
  /** Asks the arbiter for a token with a component key; answers the response. */
  token(key: string, request: Grant): Promise<Response>;
  /** Stops the store and starts it again on the same port and data (its clients must reconnect). */
  restartStore(): Promise<void>;
  /** Flushes every audit client, then reads the log. */
  events(query?: Record<string, string>): Promise<StoredAuditEvent[]>;
  close(): Promise<void>;
}

/** A local HTTP server that keeps what it receives. */
export async function startReceiver(host = '127.0.0.1'): Promise<Receiver> {
  const got: Received[] = [];
  const receiver: Receiver = { url: '', got, answer: 200, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (receiver.answer < 300) got.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString(), headers: req.headers });
      res.statusCode = receiver.answer;
      res.end(receiver.answer < 300 ? 'received' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  receiver.url = `http://${host}:${(server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
  return receiver;
}

export async function startBoxControl(options: BoxControlOptions = {}): Promise<BoxControl> {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-control-'));
  const closers: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const clients: AuditClient[] = [];
  const revocations: RevocationClient[] = [];
  const storeName = 'store-a';
  try {
    const pkiDir = path.join(dir, 'pki');
    const pki = options.tls ? await ensureBoxPki(pkiDir, ['audit', 'arbiter', storeName, 'export-service'].map((name) => ({ name, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }))) : undefined;
    const ca = pki ? { certPem: readFileSync(pki.caCertFile, 'utf8'), certFile: pki.caCertFile, pkiDir } : undefined;
    const trust = ca ? { ca: ca.certPem } : {};
    /** The `tls` option of a service: its own certificate and key, as the box mounts them. */
    const tlsOf = (name: string): { tls?: ServiceTls } => {
      const files = pki?.components[name];
      return files ? { tls: { cert: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') } } : {};
    };
    const boxFetch = fetchTrusting(ca?.certPem);
    const audit = await startAuditService({ dataDir: path.join(dir, 'audit'), port: 0, serviceKeys: [SERVICE_KEY], adminKeys: [ADMIN_KEY], ...tlsOf('audit') });
    closers.unshift(audit.close);
    const auditClient = (source: string): AuditClient => {
      const client = createAuditClient(audit.url, { key: SERVICE_KEY, source, flushDelayMs: 10, ...trust });
      clients.push(client);
      return client;
    };
    const arbiter = await startArbiter({ dataDir: path.join(dir, 'arbiter'), port: 0, adminKeys: [ADMIN_KEY], audit: auditClient('arbiter'), ...tlsOf('arbiter') });
    closers.unshift(arbiter.close);
    const admin = (method: string, p: string, body?: unknown): Promise<Response> => boxFetch(`${arbiter.url}/admin${p}`, {
      method, headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const registerAny = async (body: Record<string, string>): Promise<Registration> => {
      const response = await admin('POST', '/components', body);
      if (response.status !== 201) throw new Error(`registering ${body.name}: ${response.status} ${await response.text()}`);
      return await response.json() as Registration;
    };
    const follow = async (key: string): Promise<RevocationClient> => {
      const client = createRevocationClient(arbiter.url, { key, ...trust });
      revocations.push(client);
      await client.ready();
      return client;
    };

    const storeReg = await registerAny({ name: storeName, type: 'store', endpoint: 'http://store-a:8080' });
    const storeRevocation = await follow(storeReg.key);
    const storeOptions = { name: storeName, dataDir: path.join(dir, 'store'), secret: storeReg.secret ?? '', currentGeneration: storeRevocation.currentGeneration, audit: auditClient(storeName), ...tlsOf(storeName) };
    let store = await createDataStore({ ...storeOptions, port: 0 });
    closers.unshift(() => store.close());

    const exportReg = await registerAny({ name: 'export-service', type: 'service' });
    const exportRevocation = await follow(exportReg.key);
    const exporter: RunningService = await startExportService({
      dataDir: path.join(dir, 'export'), port: 0, secret: exportReg.secret ?? '', currentGeneration: exportRevocation.currentGeneration,
      audit: auditClient('export-service'), retry: { baseMs: 50, maxMs: 200, maxAttempts: 5 }, longPollMs: 5000, ...tlsOf('export-service'),
    });
    closers.unshift(exporter.close);
    const receiver = await startReceiver();
    closers.unshift(receiver.close);
    closers.unshift(async () => { for (const r of revocations) await r.close(); for (const c of clients) await c.close(); });

    return {
      dir, storeName, receiver, fetch: boxFetch, ...(ca ? { ca } : {}), arbiterUrl: arbiter.url, auditUrl: audit.url,
      store: { url: store.url, secret: storeReg.secret ?? '', key: storeReg.key },
      exportService: { url: exporter.url, secret: exportReg.secret ?? '', key: exportReg.key },
      admin,
      register: (name, type) => registerAny({ name, type }),
      async restartStore() {
        await store.close();
        store = await createDataStore({ ...storeOptions, port: store.port });
      },
      async grant(name, grant) {
        const response = await admin('POST', `/components/${name}/grants`, grant);
        if (response.status >= 300) throw new Error(`grant for ${name}: ${response.status} ${await response.text()}`);
      },
      token: (key, request) => boxFetch(`${arbiter.url}/token`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(request) }),
      async events(query = {}) {
        await Promise.all(clients.map((c) => c.flush()));
        const response = await boxFetch(`${audit.url}/events?${new URLSearchParams({ limit: '10000', ...query })}`, { headers: { 'x-api-key': ADMIN_KEY } });
        return (await response.json() as { events: StoredAuditEvent[] }).events;
      },
      async close() {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close();
    throw error;
  }
}
