/**
 * `databox box <service> ...`: runs one box service on its own, until SIGTERM/SIGINT.
 * Each prints `<service> listening on <url>` once it serves.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startArbiter } from '../arbiter/arbiter.server';
import { startAuditService } from '../audit/audit.server';
import { createAuditClient, type AuditClient } from '../audit/audit.client';
import { startExportService } from '../export/export.server';
import { createRevocationClient, type RevocationClient } from '../tokens/revocation.client';
import { startDataStore } from '../datastore/datastore.main';
import { ensureKeyFile, readKeyFile } from './box.cli.keys';

export const BOX_USAGE = `Usage: databox box <service> --data <dir> [--port <n>] [options]

Runs one service of the personal box (see box/README.md).

Services:
  audit     the audit log            keys: --service-key-file, --admin-key-file (default: created in <dir>)
  arbiter   tokens, grants, catalogue  keys: --admin-key-file (default: <dir>/admin.key, created)
  export    the export service       needs --secret-file and, to follow revocations, --arbiter + --key-file
  datastore a datastore (one per component) needs --name and --secret-file

Common options:
  --data <dir>              data directory (created if missing)
  --port <n>                port (default 8080; 0: the OS picks)
  --host <addr>             address to listen on (default 127.0.0.1)
  --audit <url>             the audit log to record events in, with --audit-key-file <file>
  --arbiter <url>           the arbiter (export, datastore): revocations are followed from it,
  --key-file <file>         with this component's arbiter key
  --secret-file <file>      (export, datastore) the token secret the arbiter gave at registration
  --name <host>             (export) the service's host name, the target of its tokens (default export-service)
  -h, --help                this help`;

const OPTIONS = {
  data: { type: 'string' }, 'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
  audit: { type: 'string' }, 'audit-key-file': { type: 'string' }, arbiter: { type: 'string' }, 'key-file': { type: 'string' },
  'secret-file': { type: 'string' }, name: { type: 'string' }, 'service-key-file': { type: 'string' }, 'admin-key-file': { type: 'string' },
  'token-ttl': { type: 'string' }, sync: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

interface Running { name: string; url: string; close(): Promise<void> }

/**
 * @example
 * process.exitCode = await main(['arbiter', '--data', '/var/lib/databox/arbiter', '--port', '8080']);
 */
export async function main(argv: string[]): Promise<number> {
  const [service, ...rest] = argv;
  if (!service || service === '--help' || service === '-h' || service === 'help') {
    console.log(BOX_USAGE);
    return service ? 0 : 2;
  }
  let running: Running;
  try {
    const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });
    if (values.help) {
      console.log(BOX_USAGE);
      return 0;
    }
    running = await start(service, values);
  } catch (error) {
    console.error(`databox box ${service}: ${error instanceof Error ? error.message : String(error)}\n\n${BOX_USAGE}`);
    return 2;
  }
  console.log(`${running.name} listening on ${running.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await running.close();
  return 0;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

async function start(service: string, values: Values): Promise<Running> {
  const data = values.data ?? values['data-dir'];
  if (!data) throw new Error('--data <dir> is required');
  mkdirSync(data, { recursive: true, mode: 0o700 });
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0-65535');
  const host = values.host ?? '127.0.0.1';
  const audit = openAudit(values, service, data);
  switch (service) {
    case 'audit': {
      const serviceKey = values['service-key-file'] ? readKeyFile(values['service-key-file'], 'the service key') : ensureKeyFile(path.join(data, 'service.key'), 'the service key');
      const adminKey = adminKeyOf(values, data);
      const s = await startAuditService({ dataDir: data, port, host, serviceKeys: [serviceKey], adminKeys: [adminKey] });
      return { name: 'audit', url: s.url, close: s.close };
    }
    case 'arbiter': {
      const ttl = values['token-ttl'] === undefined ? undefined : Number(values['token-ttl']);
      if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1000)) throw new Error('--token-ttl must be ms, at least 1000');
      const s = await startArbiter({ dataDir: data, port, host, adminKeys: [adminKeyOf(values, data)], ...(audit ? { audit } : {}), ...(ttl ? { tokenTtlMs: ttl } : {}) });
      return { name: 'arbiter', url: s.url, close: async () => { await s.close(); await audit?.close(); } };
    }
    case 'export': {
      if (!values['secret-file']) throw new Error('--secret-file is required (the export service\'s token secret from the arbiter)');
      const secret = readKeyFile(values['secret-file'], 'the token secret');
      const revocation = followArbiter(values);
      if (revocation) await revocation.ready();
      const s = await startExportService({
        dataDir: data, port, host, secret, name: values.name ?? 'export-service',
        currentGeneration: revocation ? revocation.currentGeneration : () => 0, ...(audit ? { audit } : {}),
      });
      if (!revocation) console.error('databox box export: no --arbiter: revocations are not followed (every component at generation 0)');
      return { name: 'export', url: s.url, close: async () => { await s.close(); await revocation?.close(); await audit?.close(); } };
    }
    case 'datastore': {
      if (!values.name) throw new Error('--name is required (the store\'s host name)');
      if (!values['secret-file']) throw new Error('--secret-file is required');
      const revocation = followArbiter(values);
      if (revocation) await revocation.ready();
      const s = await startDataStore({
        argv: ['--name', values.name, '--data-dir', data, '--secret-file', values['secret-file'], '--port', String(port), '--host', host, ...(values.sync ? ['--sync', values.sync] : [])],
        ...(revocation ? { currentGeneration: revocation.currentGeneration } : {}), ...(audit ? { audit } : {}),
      });
      return { name: `datastore ${s.name}`, url: s.url, close: async () => { await s.close(); await revocation?.close(); await audit?.close(); } };
    }
    default:
      throw new Error(`unknown service "${service}"`);
  }
}

function adminKeyOf(values: Values, data: string): string {
  return values['admin-key-file'] ? readKeyFile(values['admin-key-file'], 'the admin key') : ensureKeyFile(path.join(data, 'admin.key'), 'the admin key');
}

/** Events go through a spool file in the data directory, so a crash loses none. */
function openAudit(values: Values, source: string, data: string): AuditClient | undefined {
  if (!values.audit) return undefined;
  if (!values['audit-key-file']) throw new Error('--audit needs --audit-key-file (the audit log\'s service key)');
  return createAuditClient(values.audit, { key: readKeyFile(values['audit-key-file'], 'the audit service key'), source: source === 'export' ? 'export-service' : source, spool: path.join(data, 'audit-spool.db') });
}

function followArbiter(values: Values): RevocationClient | undefined {
  if (!values.arbiter) return undefined;
  if (!values['key-file']) throw new Error('--arbiter needs --key-file (this component\'s arbiter key)');
  return createRevocationClient(values.arbiter, { key: readKeyFile(values['key-file'], 'the arbiter key') });
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
