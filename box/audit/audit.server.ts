/**
 * Runs the audit log service: opens `<dataDir>/audit.db` and serves the API.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openAuditDb } from './audit.db';
import { auditApp } from './audit.routes';
import { listen, type RunningService, type ServiceTls } from '../service/service.http';

export interface AuditServiceOptions {
  dataDir: string;
  port: number;
  host?: string;
  serviceKeys: readonly string[];
  adminKeys: readonly string[];
  /** Serve HTTPS with this certificate (the box's containers); plain HTTP without (the process driver, on loopback). */
  tls?: ServiceTls;
}

/**
 * @example
 * const audit = await startAuditService({ dataDir, port: 0, serviceKeys: [k], adminKeys: [a] });
 * // ... audit.url; await audit.close();
 */
export async function startAuditService(options: AuditServiceOptions): Promise<RunningService> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openAuditDb(path.join(options.dataDir, 'audit.db'));
  const running = await listen(auditApp({ db, serviceKeys: options.serviceKeys, adminKeys: options.adminKeys }), options.port, options.host, { tls: options.tls });
  return { ...running, close: async () => { await running.close(); db.close(); } };
}
