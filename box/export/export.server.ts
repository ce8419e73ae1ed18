/**
 * Runs the export service: `<dataDir>/export.db` (the queue), `<dataDir>/privacy.db` (the
 * budget of private destinations), the worker that delivers, and the API.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { listen, type RunningService, type ServiceTls } from '../service/service.http';
import { createTokenVerifier } from '../tokens/token.verify';
import type { GenerationLookup } from '../tokens/token.types';
import type { AuditRecorder } from '../arbiter/arbiter.state';
import type { RetryPolicy } from './export.backoff';
import { openExportQueue } from './export.queue';
import { exportApp } from './export.routes';
import { openPrivacyLedger } from './privacy.ledger';
import { startExportWorker } from './export.worker';

export interface ExportServiceOptions {
  dataDir: string;
  port: number;
  host?: string;
  /** The secret the arbiter keys export tokens with (the `export-service` component's). */
  secret: string;
  /** Default `export-service`. */
  name?: string;
  currentGeneration: GenerationLookup;
  audit?: AuditRecorder;
  retry?: RetryPolicy;
  maxBodyBytes?: number;
  longPollMs?: number;
  timeoutMs?: number;
  maxOpenPerApp?: number;
  /** Serve HTTPS with this certificate (the box's containers); plain HTTP without (the process driver, on loopback). */
  tls?: ServiceTls;
}

/**
 * @example
 * const exporter = await startExportService({ dataDir, port: 0, secret, currentGeneration: revocation.currentGeneration, audit });
 */
export async function startExportService(options: ExportServiceOptions): Promise<RunningService> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const queue = openExportQueue(path.join(options.dataDir, 'export.db'));
  const ledger = openPrivacyLedger(path.join(options.dataDir, 'privacy.db'));
  const audit = options.audit ?? { record: () => undefined };
  const worker = startExportWorker({ queue, audit, ...(options.retry ? { retry: options.retry } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const app = exportApp({
    name: options.name ?? 'export-service', queue, ledger, worker, audit,
    verify: createTokenVerifier(options.secret, options.currentGeneration),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.longPollMs ? { longPollMs: options.longPollMs } : {}),
    ...(options.maxOpenPerApp ? { maxOpenPerApp: options.maxOpenPerApp } : {}),
  });
  const running = await listen(app, options.port, options.host, { tls: options.tls });
  return { ...running, close: async () => { await running.close(); await worker.stop(); queue.close(); ledger.close(); } };
}
