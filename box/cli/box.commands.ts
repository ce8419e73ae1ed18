/**
 * `databox box <service>`: each service's arguments as a core/cli spec, so what it accepts and
 * what its `--help` says are one description. Pure data.
 *
 * @example
 * parseCommand(BOX_COMMAND, ['arbiter', '--data', '/var/lib/databox/arbiter', '--token-ttl', '600000'])
 * // { kind: 'ok', subcommand: 'arbiter', values: { data: '/var/lib/databox/arbiter', port: 8080, 'token-ttl': 600000, ... } }
 */
import { defineCommand, parseHttpUrl, portOption, COMMAND_SUMMARIES, HOST_OPTION } from '../../core/cli';
import { DataboxError } from '../../core/errors';
import { MANAGE_COMMANDS } from './box.manage.commands';

const DEFAULT_PORT = 8080;
export const DEFAULT_TOKEN_TTL_MS = 3_600_000;

/** `--token-ttl`: whole milliseconds, at least one second. */
export function parseTokenTtl(text: string): number {
  const ms = /^\d{1,12}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1000) throw new DataboxError('token-ttl-invalid', 'a token lifetime is whole milliseconds, at least 1000', { hint: 'e.g. 600000 for ten minutes' });
  return ms;
}

/** `--name` of a datastore or the export service: a host name, the `target` its tokens carry. */
export function parseHostName(text: string): string {
  if (!/^[a-z0-9][a-z0-9.-]{0,62}$/.test(text)) {
    throw new DataboxError('name-invalid', 'a service\'s name is a host name: lower-case letters, digits, "." and "-", up to 63', { hint: 'e.g. os-monitor-store' });
  }
  return text;
}

const data = (what: string) => ({ type: 'string', value: '<dir>', required: true, description: `${what}; created if missing, readable by its owner only` } as const);

const TLS = {
  'tls-cert-file': {
    type: 'string', value: '<file>', requires: 'tls-key-file',
    description: 'serve HTTPS (and WSS) with this PEM certificate, e.g. the box PKI\'s certs/<name>/cert.pem; peers verify it against the box CA '
      + '(NODE_EXTRA_CA_CERTS). Without it, plain HTTP',
  },
  'tls-key-file': { type: 'string', value: '<file>', requires: 'tls-cert-file', description: 'the file holding the certificate\'s private key, e.g. certs/<name>/key.pem' },
} as const;

const LISTEN = { port: portOption(DEFAULT_PORT), host: HOST_OPTION, ...TLS } as const;

const AUDIT = {
  audit: {
    type: 'string', value: '<url>', parse: parseHttpUrl, requires: 'audit-key-file',
    description: 'the audit log to record this service\'s events in; they are spooled in <dir>/audit-spool.db first, so a crash loses none. Without it, nothing is audited',
  },
  'audit-key-file': { type: 'string', value: '<file>', requires: 'audit', description: 'the file holding the audit log\'s service key, e.g. the audit service\'s <dir>/service.key' },
} as const;

const ARBITER = {
  arbiter: {
    type: 'string', value: '<url>', parse: parseHttpUrl, requires: 'key-file',
    description: 'the arbiter to follow revocations from; the service serves once it holds the arbiter\'s component generations. Without it, a revoked token keeps working until it expires',
  },
  'key-file': { type: 'string', value: '<file>', requires: 'arbiter', description: 'the file holding this component\'s arbiter key, from its registration' },
} as const;

const SECRET = { type: 'string', value: '<file>', required: true, description: 'the file holding the token secret the arbiter returned when this component was registered' } as const;

const ADMIN_KEY = {
  type: 'string', value: '<file>', defaultText: '<dir>/admin.key, created on first start',
  description: 'the file holding the admin key the owner (and the container manager) use',
} as const;

export const BOX_COMMAND = defineCommand({
  name: 'databox box',
  summary: COMMAND_SUMMARIES.box,
  usage: ['databox box start --data <dir> [options]', 'databox box <command> [options]', 'databox box <service> --data <dir> [options]'],
  subcommandLabel: 'command',
  description: 'Each service runs until SIGTERM or SIGINT (then exits 0), prints `<service> listening on <url>` once it '
    + 'serves, and answers GET /health. How they fit together: box/README.md.',
  options: {},
  subcommands: {
    ...MANAGE_COMMANDS,
    'audit-log': {
      name: 'databox box audit-log',
      summary: 'run the audit log service on its own: every service records what it does, the owner reads it',
      options: {
        data: data('the audit log\'s data directory: audit.db and its keys'),
        ...LISTEN,
        'service-key-file': {
          type: 'string', value: '<file>', defaultText: '<dir>/service.key, created on first start',
          description: 'the file holding the key the services record events with',
        },
        'admin-key-file': { ...ADMIN_KEY, description: 'the file holding the admin key the owner reads the log with' },
      },
    },
    arbiter: {
      name: 'databox box arbiter',
      summary: 'registers components, keeps their grants and mints their tokens',
      options: {
        data: data('the arbiter\'s data directory: arbiter.db and admin.key'),
        ...LISTEN,
        'admin-key-file': { ...ADMIN_KEY, description: 'the file holding the admin key for /admin: register, grant, revoke' },
        'token-ttl': {
          type: 'string', value: '<ms>', default: String(DEFAULT_TOKEN_TTL_MS), defaultText: `${DEFAULT_TOKEN_TTL_MS}, one hour`, parse: parseTokenTtl,
          description: 'how long a token the arbiter mints stays valid, in milliseconds (at least 1000); apps ask for a new one before it ends',
        },
        ...AUDIT,
      },
    },
    export: {
      name: 'databox box export',
      summary: 'the export service: sends an app\'s data only to destinations the owner approved',
      options: {
        data: data('the export service\'s data directory: its queue database'),
        ...LISTEN,
        'secret-file': SECRET,
        name: { type: 'string', value: '<host>', default: 'export-service', parse: parseHostName, description: 'the service\'s host name: the target its tokens carry' },
        ...ARBITER,
        ...AUDIT,
      },
    },
    datastore: {
      name: 'databox box datastore',
      summary: 'a datastore (one per driver, and per app that asks for one): time series, key-value, observe',
      options: {
        name: { type: 'string', value: '<host>', required: true, parse: parseHostName, description: 'the datastore\'s host name: the target its tokens carry, e.g. os-monitor-store' },
        data: data('the datastore\'s data directory: store.sqlite'),
        ...LISTEN,
        'secret-file': { ...SECRET, env: 'DATABOX_STORE_SECRET_FILE' },
        sync: {
          type: 'string', value: '<mode>', choices: ['full', 'normal'], default: 'full',
          description: 'how SQLite commits reach the disk: full fsyncs every commit, so an acknowledged write survives a power loss; '
            + 'normal is faster and survives a crash of the process only',
        },
        ...ARBITER,
        ...AUDIT,
      },
    },
  },
});
