/**
 * `databox box <service> ...`: runs one box service on its own (specs in box.commands.ts),
 * until SIGTERM/SIGINT. Each prints `<service> listening on <url>` once it serves. Loads only
 * the services (not the box daemon, Docker or the builder): what the box's services image and
 * the process driver run (`node dist/box/cli/box.service.js <service> ...`).
 */
import { stopWhenOrphaned } from '../../runtime/process/orphan.watch';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCommand, untilStopped, type CommandIO, type OkOf } from '../../core/cli';
import { DataboxError } from '../../core/errors';
import { startArbiter } from '../arbiter/arbiter.server';
import { startAuditService } from '../audit/audit.server';
import { createAuditClient, type AuditClient } from '../audit/audit.client';
import { createDataStore } from '../datastore/datastore.server';
import { startExportService } from '../export/export.server';
import { createRevocationClient, type RevocationClient } from '../tokens/revocation.client';
import { BOX_COMMAND } from './box.commands';
import { ensureKeyFile, readKeyFile, readTlsFiles } from './box.cli.keys';

export type Parsed = Extract<OkOf<typeof BOX_COMMAND>, { subcommand: 'audit-log' | 'arbiter' | 'export' | 'datastore' }>;

export function isService(parsed: OkOf<typeof BOX_COMMAND>): parsed is Parsed {
  return parsed.subcommand === 'audit-log' || parsed.subcommand === 'arbiter' || parsed.subcommand === 'export' || parsed.subcommand === 'datastore';
}

/** What a service holds open; closed in reverse order on stop, or when its start fails. */
type Closer = () => Promise<void> | void;

/**
 * @example
 * process.exitCode = await main(['arbiter', '--data', '/var/lib/databox/arbiter', '--port', '8080']);
 */
export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(BOX_COMMAND, argv, (parsed, io) => {
    if (!isService(parsed)) throw new DataboxError('not-a-service', `${parsed.subcommand ?? 'that'} is not a box service`, { hint: 'Run it with databox box; this entry runs audit-log, arbiter, export or datastore' });
    return runService(parsed, io);
  }, io);
}

/** Runs one service until SIGTERM or SIGINT. */
export async function runService(parsed: Parsed, io: CommandIO): Promise<number> {
  const closers: Closer[] = [];
  const closeAll = async () => { for (const close of closers.reverse()) await close(); };
  let url: string;
  try {
    mkdirSync(parsed.values.data, { recursive: true, mode: 0o700 });
    url = await start(parsed, closers, io);
  } catch (error) {
    await closeAll();
    throw error;
  }
  io.out(`${parsed.subcommand === 'datastore' ? `datastore ${parsed.values.name}` : parsed.subcommand} listening on ${url}`);
  const stopped = untilStopped();
  stopWhenOrphaned();
  await stopped;
  await closeAll();
  return 0;
}

async function start(parsed: Parsed, closers: Closer[], io: CommandIO): Promise<string> {
  const { data, port, host } = parsed.values;
  const tls = readTlsFiles(parsed.values);
  switch (parsed.subcommand) {
    case 'audit-log': {
      const { values } = parsed;
      const serviceKey = values['service-key-file'] ? readKeyFile(values['service-key-file'], 'the service key') : ensureKeyFile(path.join(data, 'service.key'), 'the service key');
      const s = await startAuditService({ dataDir: data, port, host, serviceKeys: [serviceKey], adminKeys: [adminKey(values['admin-key-file'], data)], ...tls });
      closers.push(s.close);
      return s.url;
    }
    case 'arbiter': {
      const { values } = parsed;
      const keys = [adminKey(values['admin-key-file'], data)];
      const audit = openAudit(values, 'arbiter', closers);
      const s = await startArbiter({ dataDir: data, port, host, adminKeys: keys, tokenTtlMs: values['token-ttl'], ...(audit ? { audit } : {}), ...tls });
      closers.push(s.close);
      return s.url;
    }
    case 'export': {
      const { values } = parsed;
      const secret = readKeyFile(values['secret-file'], 'the token secret');
      const audit = openAudit(values, values.name, closers);
      const revocation = await followArbiter(values, closers);
      if (!revocation) io.err('databox box export: no --arbiter: revocations are not followed (every component at generation 0)');
      const s = await startExportService({
        dataDir: data, port, host, secret, name: values.name,
        currentGeneration: revocation ? revocation.currentGeneration : () => 0, ...(audit ? { audit } : {}), ...tls,
      });
      closers.push(s.close);
      return s.url;
    }
    case 'datastore': {
      const { values } = parsed;
      const secret = readKeyFile(values['secret-file'], 'the token secret');
      const audit = openAudit(values, values.name, closers);
      const revocation = await followArbiter(values, closers);
      const s = await createDataStore({
        name: values.name, dataDir: data, secret, port, host, sync: values.sync,
        ...(revocation ? { currentGeneration: revocation.currentGeneration } : {}), ...(audit ? { audit } : {}), ...tls,
      });
      closers.push(s.close);
      return s.url;
    }
  }
}

function adminKey(file: string | undefined, data: string): string {
  return file ? readKeyFile(file, 'the admin key') : ensureKeyFile(path.join(data, 'admin.key'), 'the admin key');
}

/** Events go through a spool file in the data directory, so a crash loses none. */
function openAudit(values: { data: string; audit: string | undefined; 'audit-key-file': string | undefined }, source: string, closers: Closer[]): AuditClient | undefined {
  if (!values.audit || !values['audit-key-file']) return undefined;
  const client = createAuditClient(values.audit, { key: readKeyFile(values['audit-key-file'], 'the audit service key'), source, spool: path.join(values.data, 'audit-spool.db') });
  closers.push(() => client.close());
  return client;
}

/** Follows the arbiter's component generations; resolves once it holds them. */
async function followArbiter(values: { arbiter: string | undefined; 'key-file': string | undefined }, closers: Closer[]): Promise<RevocationClient | undefined> {
  if (!values.arbiter || !values['key-file']) return undefined;
  const client = createRevocationClient(values.arbiter, { key: readKeyFile(values['key-file'], 'the arbiter key') });
  closers.push(() => client.close());
  try {
    await client.ready();
  } catch (error) {
    if (error instanceof DataboxError) throw error; // a refused certificate says so itself
    throw new DataboxError('arbiter-unreachable', error instanceof Error ? error.message : String(error), {
      hint: 'Check --arbiter (is the arbiter running?) and --key-file (the key the arbiter returned at registration)', cause: error,
    });
  }
  return client;
}

// The box's services image and process driver run each service as `node dist/box/cli/box.service.js <service> ...`.
if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
