/**
 * Running a store on its own: `node --import tsx box/datastore/datastore.main.ts --name <host> --data-dir <dir>
 * --secret-file <file>`; `databox box store` (box/cli) calls `startDataStore` with the revocation
 * client and audit client it built from its own flags.
 * Prints `store <name> listening on <url>` once serving; stops cleanly on SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { GenerationLookup } from '../tokens/token.types';
import type { AuditSink } from './datastore.audit';
import type { SyncMode } from './datastore.db';
import { createDataStore, type RunningDataStore } from './datastore.server';

export const DATASTORE_USAGE = `Usage: node --import tsx box/datastore/datastore.main.ts --name <host> --data-dir <dir> --secret-file <file> [options]
   (on a box: databox box store --name <host> --data <dir> --secret-file <file> --arbiter <url> --key-file <file>)

Runs one datastore (time series, key-value, catalogue, observe) over SQLite. Without the box
CLI's --arbiter, revocations are not followed (every component is at generation 0).

Options:
  --name <host>          the store's host name: the target its tokens carry (required)
  --data-dir <dir>       directory of its database (required)
  --secret-file <file>   file holding the store's secret, shared with the arbiter (required;
                         default: $DATABOX_STORE_SECRET_FILE)
  --port <n>             port (default 8080; 0 lets the OS pick)
  --host <addr>          address to listen on (default 127.0.0.1)
  --sync <full|normal>   SQLite synchronous mode (default full: acknowledged writes survive power loss)
  -h, --help             this help`;

export interface StartOptions {
  argv: string[];
  /** Revocation: the box passes the generations it follows from the arbiter. */
  currentGeneration?: GenerationLookup;
  audit?: AuditSink;
}

/**
 * Starts a store from command-line arguments; resolves once it is serving.
 *
 * @example
 * const store = await startDataStore({ argv: ['--name', 'os-monitor-store', '--data-dir', dir, '--secret-file', file, '--port', '0'] });
 */
export async function startDataStore(options: StartOptions): Promise<RunningDataStore & { name: string }> {
  const { values } = parseArgs({
    args: options.argv,
    options: {
      name: { type: 'string' }, 'data-dir': { type: 'string' }, 'secret-file': { type: 'string' },
      port: { type: 'string' }, host: { type: 'string' }, sync: { type: 'string' },
    },
    strict: true,
  });
  const name = values.name;
  const dataDir = values['data-dir'];
  const secretFile = values['secret-file'] ?? process.env.DATABOX_STORE_SECRET_FILE;
  if (!name || !/^[a-z0-9][a-z0-9.-]{0,62}$/.test(name)) throw new Error('--name must be the store\'s host name (lower-case letters, digits, "." and "-")');
  if (!dataDir) throw new Error('--data-dir is required');
  if (!secretFile) throw new Error('--secret-file is required (the file holding the store\'s secret)');
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0-65535');
  const sync: SyncMode | undefined = values.sync === undefined ? undefined : values.sync === 'full' || values.sync === 'normal' ? values.sync : undefined;
  if (values.sync !== undefined && sync === undefined) throw new Error('--sync must be full or normal');
  const secret = readFileSync(secretFile, 'utf8').trim();
  const store = await createDataStore({
    name, dataDir, secret, port, host: values.host ?? '127.0.0.1',
    ...(sync ? { sync } : {}),
    ...(options.currentGeneration ? { currentGeneration: options.currentGeneration } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
  });
  return { ...store, name };
}

/**
 * The CLI entry: serves until SIGTERM or SIGINT.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(DATASTORE_USAGE);
    return 0;
  }
  let store: RunningDataStore & { name: string };
  try {
    store = await startDataStore({ argv });
  } catch (error) {
    console.error(`databox box store: ${error instanceof Error ? error.message : String(error)}\n\n${DATASTORE_USAGE}`);
    return 2;
  }
  console.log(`store ${store.name} listening on ${store.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await store.close();
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
