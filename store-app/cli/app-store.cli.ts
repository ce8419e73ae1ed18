/**
 * `databox store serve --data <dir> [--port <p>] [--host <h>]` runs the app store;
 * `databox store token --data <dir> --user <login>` prints a new API token for CI publishing.
 */
import { parseArgs } from 'node:util';
import { describeError, isDataboxError } from '../../core/errors';
import { newApiToken } from '../auth/api-token';
import { GITHUB_LOGIN } from '../auth/github-identity';
import { loadAppStoreConfig } from '../config/app-store.config';
import { openRepository } from '../server/app-store.open';
import { startAppStore } from '../server/app-store.server';

const HELP = `Usage:
  databox store serve --data <dir> [--port <port>] [--host <host>]
      Run the app store. Data (SQLite database, bundles, store-config.json) lives in <dir>;
      PostgreSQL instead when DATABASE_URL is set. Listens on 127.0.0.1 by default.
  databox store token --data <dir> --user <github login>
      Print a new API token for <login> (for CI publishing). Only its hash is stored.

Options:
  --data <dir>     the store's data directory (created when missing)
  --port <port>    port to listen on (default 8080; 0 lets the system choose)
  --host <host>    address to listen on (default 127.0.0.1)
  --user <login>   GitHub login the token publishes as
  -h, --help       this help`;

/**
 * @example
 * await main(['token', '--data', '/var/lib/databox-store', '--user', 'alice']);
 */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv, allowPositionals: true,
      options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, user: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`databox store: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  const command = positionals[0];
  if (values.help || command === undefined) { console.log(HELP); return values.help ? 0 : 2; }
  if (!values.data) { console.error(`databox store: --data <dir> is required\n\n${HELP}`); return 2; }
  try {
    if (command === 'serve') return await serve(values.data, values.port ?? '8080', values.host ?? '127.0.0.1');
    if (command === 'token') return await token(values.data, values.user);
  } catch (error) {
    if (isDataboxError(error)) { console.error(`databox store: ${describeError(error)}`); return 1; }
    throw error;
  }
  console.error(`databox store: unknown command "${command}"\n\n${HELP}`);
  return 2;
}

async function serve(dataDir: string, portText: string, host: string): Promise<number> {
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error('databox store: --port must be a port number'); return 2; }
  const store = await startAppStore({ dataDir, port, host });
  console.log(`Databox app store listening on ${store.url} (storage ${store.context.repo.kind}, ${store.context.config.mode} mode)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await store.close();
  return 0;
}

async function token(dataDir: string, user: string | undefined): Promise<number> {
  if (!user || !GITHUB_LOGIN.test(user)) { console.error('databox store token: --user must be a GitHub login'); return 2; }
  const repo = await openRepository(loadAppStoreConfig(dataDir));
  try {
    const issued = newApiToken();
    await repo.saveApiToken(issued.hash, user.toLowerCase());
    console.log(issued.token);
  } finally {
    await repo.close();
  }
  return 0;
}
