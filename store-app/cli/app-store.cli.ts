/**
 * `databox store serve --data <dir> [--port <p>] [--host <h>]` runs the app store;
 * `databox store token --data <dir> --user <login>` prints a new API token for CI publishing.
 */
import { defineCommand, portOption, runCommand, untilStopped, COMMAND_SUMMARIES, HOST_OPTION, type CommandIO } from '../../core/cli';
import { DataboxError } from '../../core/errors';
import { newApiToken } from '../auth/api-token';
import { GITHUB_LOGIN } from '../auth/github-identity';
import { loadAppStoreConfig } from '../config/app-store.config';
import { openRepository } from '../server/app-store.open';
import { startAppStore } from '../server/app-store.server';

const DATA = {
  type: 'string', value: '<dir>', required: true,
  description: 'the store\'s data directory: store.db (SQLite), blobs/ and the optional store-config.json; created when missing. '
    + 'With DATABASE_URL set, the database is PostgreSQL instead and only blobs/ is here',
} as const;

function parseLogin(text: string): string {
  if (!GITHUB_LOGIN.test(text)) throw new DataboxError('user-invalid', 'not a GitHub login', { hint: 'Letters, digits and "-", up to 39 characters, as on github.com/<login>' });
  return text.toLowerCase();
}

export const APP_STORE_COMMAND = defineCommand({
  name: 'databox store',
  summary: COMMAND_SUMMARIES.store,
  options: {},
  subcommands: {
    serve: {
      name: 'databox store serve',
      summary: 'run the app store until SIGTERM or SIGINT; it prints the URL it listens on',
      options: { data: DATA, port: portOption(8080), host: HOST_OPTION },
      environment: {
        DATABASE_URL: 'a PostgreSQL URL (postgres://user:pass@host:5432/db): the store\'s database there instead of <dir>/store.db',
        DATABOX_DATABASE_SCHEMA: 'the PostgreSQL schema to use (default public)',
        DATABOX_GITHUB_API_URL: 'GitHub\'s API base, where publishers\' GitHub tokens are checked (default https://api.github.com; or githubApiUrl in store-config.json)',
      },
      notes: 'More settings (mode open or curated, moderators, bundle size, publish rate, read cache) go in <dir>/store-config.json: see store-app/README.md.',
    },
    token: {
      name: 'databox store token',
      summary: 'print a new API token for CI publishing (only its hash is stored)',
      options: {
        data: DATA,
        user: { type: 'string', value: '<login>', required: true, parse: parseLogin, description: 'the GitHub login the token publishes as' },
      },
    },
  },
});

/**
 * @example
 * await main(['token', '--data', '/var/lib/databox-store', '--user', 'alice']);
 */
export function main(argv: string[], io?: CommandIO): Promise<number> {
  return runCommand(APP_STORE_COMMAND, argv, async (parsed, io) => {
    if (parsed.subcommand === 'serve') {
      const { data, port, host } = parsed.values;
      const store = await startAppStore({ dataDir: data, port, host, config: loadAppStoreConfig(data, io.env) });
      io.out(`Databox app store listening on ${store.url} (storage ${store.context.repo.kind}, ${store.context.config.mode} mode)`);
      await untilStopped();
      await store.close();
      return 0;
    }
    const repo = await openRepository(loadAppStoreConfig(parsed.values.data, io.env));
    try {
      const issued = newApiToken();
      await repo.saveApiToken(issued.hash, parsed.values.user);
      io.out(issued.token);
    } finally {
      await repo.close();
    }
    return 0;
  }, io);
}
