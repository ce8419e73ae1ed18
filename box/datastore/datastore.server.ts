/**
 * A datastore: one per driver or app, its own HTTP server on bare node:http (no framework in
 * the hot path) over one SQLite database. Each request is parsed (pure), its token verified
 * (signature once per token, caveats, expiry and revocation every time), then handled.
 * `GET /health` is the one path without a token: it says only that the store is up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataboxError } from '../../core/errors';
import { createTokenVerifier } from '../tokens/token.verify';
import type { GenerationLookup } from '../tokens/token.types';
import { createKvRepo } from './kv.repo';
import { createObserveHub } from './observe.hub';
import { attachObserve } from './observe.ws';
import { createSeriesReader } from './series.read';
import { createRecentRows } from './series.recent';
import { createSeriesWriter } from './series.write';
import { createSourcesRepo } from './sources.repo';
import { createDataStoreAudit, type AuditSink } from './datastore.audit';
import { createCommitQueue } from './datastore.commit';
import { openDataStoreDb, type SyncMode } from './datastore.db';
import { handle, takesBody, type DataStoreContext } from './datastore.handler';
import { readJsonBody, sendError, sendJson } from '../service/service.raw';
import { createServiceServer, listen, type ServiceTls } from '../service/service.http';
import { MAX_BODY_BYTES } from '../../core/protocol/datastore.limits';
import { parseRoute } from './datastore.paths';
import { refusalError, refusedComponent, TokenRefusal } from './datastore.refusal';
import type { Route } from './datastore.types';

export interface DataStoreOptions {
  /** Directory of this store's database (created if missing). */
  dataDir: string;
  /** The store's secret: the arbiter keys this store's tokens with it (at least 16 bytes). */
  secret: string | Uint8Array;
  /** The store's host name: the `target` caveat its tokens carry. */
  name: string;
  /** 0 (default): the OS picks a port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Current generation of each component (revocation). Default: every component at generation 0. */
  currentGeneration?: GenerationLookup;
  /** Where refused requests and writes are recorded. */
  audit?: AuditSink;
  /** Default `full` (see docs/decisions/0009-store-engine.md). */
  sync?: SyncMode;
  maxBodyBytes?: number;
  /** Serve HTTPS and WSS (/ws) with this certificate; plain HTTP without (the process driver, on loopback). */
  tls?: ServiceTls;
}

export interface RunningDataStore {
  /** e.g. `http://127.0.0.1:43121`, or `https://...` with TLS */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Opens the store's database and starts serving.
 *
 * @example
 * const store = await createDataStore({ dataDir: '/var/lib/databox/os-monitor-store', secret, name: 'os-monitor-store', port: 8080 });
 * // ... later
 * await store.close();
 */
export async function createDataStore(options: DataStoreOptions): Promise<RunningDataStore> {
  if (options.secret.length < 16) throw new DataboxError('store-secret-weak', 'a store secret must be at least 16 bytes', { status: 500, hint: 'Give the store the secret the arbiter keeps for it.' });
  const db = openDataStoreDb(options.dataDir, options.sync ?? 'full');
  const verify = createTokenVerifier(options.secret, options.currentGeneration ?? (() => 0));
  const audit = createDataStoreAudit(options.name, options.audit);
  const recent = createRecentRows();
  const writer = createSeriesWriter(db);
  const context: DataStoreContext = {
    name: options.name,
    sources: createSourcesRepo(db),
    writer,
    reader: createSeriesReader(db, recent),
    recent,
    kv: createKvRepo(db),
    queue: createCommitQueue(db, { beforeCommit: () => writer.flushSummaries(), abort: () => writer.dropSummaries() }),
    hub: createObserveHub(),
    audit,
  };
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (path === '/health' && method === 'GET') {
      req.resume();
      return sendJson(res, 200, '{"ok":true}');
    }
    /** Every refusal is answered and audited, whatever refused it (path, token, body, engine). */
    const refuse = (error: unknown, component = 'unknown'): void => {
      req.resume();
      const answered = sendError(res, error, `the datastore ${options.name}`);
      audit.refused(path, method, { status: answered.status, code: answered.code, message: answered.message, ...(error instanceof TokenRefusal && error.caveat ? { caveat: error.caveat } : {}) }, component);
    };
    let route: Route;
    try {
      route = parseRoute(method, path);
    } catch (error) {
      return refuse(error);
    }
    const token = req.headers['x-api-key'];
    const verdict = verify(token, { target: options.name, path, method, now: Date.now() });
    if (!verdict.ok) return refuse(refusalError(verdict), refusedComponent(token, verdict));
    const component = verdict.component;
    const refusal = (other: string): DataboxError | null => {
      const again = verify(token, { target: options.name, path: other, method, now: Date.now() });
      return again.ok ? null : refusalError(again);
    };
    const run = (body: unknown, bytes: number): void => {
      handle(context, { route, body, bytes, component, path, refusal }).then(
        (reply) => sendJson(res, reply.status, reply.body),
        (error: unknown) => refuse(error, component),
      );
    };
    if (!takesBody(route)) {
      req.resume();
      return run(undefined, 0);
    }
    readJsonBody(req, { limit }).then(({ body, bytes }) => run(body, bytes), (error: unknown) => refuse(error, component));
  };

  const server = createServiceServer(onRequest, { keepAliveTimeout: 65_000, tls: options.tls });
  const observe = attachObserve(server, { name: options.name, hub: context.hub, verify, audit });
  const { url, port } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        observe.close();
        server.close(() => {
          context.queue.flush();
          audit.flush();
          db.close();
          resolve();
        });
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      return closed;
    },
  };
}
