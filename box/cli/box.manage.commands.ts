/**
 * `databox box start|install|update|rollback|status|apps|logs|stop|restart|uninstall|audit|sources|webhook`: the box
 * itself and the owner's commands against a running box, as core/cli specs. Pure data.
 */
import { parseHttpUrl, portOption, HOST_OPTION } from '../../core/cli';

const BOX = {
  box: { type: 'string', value: '<url>', env: 'DATABOX_BOX_URL', default: 'http://127.0.0.1:8080', parse: parseHttpUrl, description: 'the box to talk to' },
  password: { type: 'string', value: '<password>', env: 'DATABOX_PASSWORD', description: 'the owner password (better: DATABOX_PASSWORD, so it stays out of your shell history)' },
} as const;

const NAME = [{ name: 'name', description: 'the app or driver', required: true }] as const;

export const MANAGE_COMMANDS = {
  start: {
    name: 'databox box start',
    summary: 'start the box (no name), or start an installed app or driver again',
    usage: ['databox box start --data <dir> [--port <p>] [--driver docker|process] [--store <url>]', 'databox box start <name> [--box <url>]'],
    description: 'Without a name, runs the box until SIGTERM or SIGINT: its audit log, arbiter, export service, the built-in drivers '
      + '(os-monitor, sensors-sim, webhook) and every installed app, then its web server and API. On the first start it makes up the '
      + 'owner password and prints it once (or takes DATABOX_PASSWORD).',
    positionals: [{ name: 'name', description: 'an installed app or driver to start again' }],
    options: {
      data: { type: 'string', value: '<dir>', description: 'the box\'s data folder: its database, keys, bundles and every component\'s data (created if missing, owner only)' },
      port: portOption(8080),
      host: HOST_OPTION,
      driver: {
        type: 'string', value: '<driver>', choices: ['docker', 'process'], defaultText: 'docker when a Docker engine answers, else process',
        description: 'docker: each component in its own container, apps on internal networks; process: child processes on 127.0.0.1 with no isolation (a laptop without Docker)',
      },
      store: { type: 'string', value: '<url>', multiple: true, parse: parseHttpUrl, description: 'an app store to install from, kept for later installs' },
      ...BOX,
    },
  },
  install: {
    name: 'databox box install',
    summary: 'install an app from an app store (name[@version]) or a bundle (.tgz or folder)',
    description: 'Shows what the app will read, act on and send where, as the box works it out from the verified bundle, and asks; '
      + '--yes installs without asking. A bundle from a store must be signed; a local one may be sideloaded unsigned with --unsigned.',
    positionals: [{ name: 'bundle', description: 'name[@version] from an app store, a bundle .tgz, or a bundle folder', required: true }],
    options: {
      bind: { type: 'string', value: '<clientid>=<source>', multiple: true, description: 'which of your data sources (databox box sources lists them) a datasource of the app gets' },
      yes: { type: 'boolean', description: 'install without asking' },
      unsigned: { type: 'boolean', description: 'allow a local bundle that is not signed (a developer\'s sideload; the box marks it)' },
      store: { type: 'string', value: '<url>', parse: parseHttpUrl, description: 'the app store to install from (default: the ones the box knows)' },
      ...BOX,
    },
  },
  update: {
    name: 'databox box update',
    summary: 'update an app from its app store, after a review of what changes',
    description: 'Shows only what the new version may do that the installed one could not (and what it no longer does), and asks; '
      + 'when its permissions grow, your yes is sent as the review\'s consent, which the box checks. The box keeps the installed version '
      + 'and a copy of its data: `databox box rollback` goes back to it, and the box does so by itself when the new version is not healthy.',
    positionals: NAME,
    options: {
      version: { type: 'string', value: '<x.y.z>', description: 'a version other than the one the store lists' },
      bind: { type: 'string', value: '<clientid>=<source>', multiple: true, description: 'a data source for a datasource the new version adds' },
      yes: { type: 'boolean', description: 'update without asking (agreeing to what it adds)' },
      ...BOX,
    },
  },
  rollback: {
    name: 'databox box rollback', summary: 'go back to the version the last update replaced, with its data as it was then',
    description: 'What the newer version wrote since the update is lost. Only one earlier version is kept, until the next update.',
    positionals: NAME, options: { ...BOX },
  },
  status: { name: 'databox box status', summary: 'the box: its driver and isolation, services and components', options: { ...BOX } },
  apps: { name: 'databox box apps', summary: 'the installed apps and drivers, with their status', options: { ...BOX } },
  sources: { name: 'databox box sources', summary: 'your data sources (what the drivers provide) and the apps that read each', options: { ...BOX } },
  logs: {
    name: 'databox box logs', summary: 'what an app, driver or service printed', positionals: NAME,
    options: {
      follow: { type: 'boolean', short: 'f', description: 'keep printing new lines until Ctrl-C' },
      tail: { type: 'string', value: '<n>', default: '100', description: 'how many of its last lines to show first' },
      ...BOX,
    },
  },
  stop: { name: 'databox box stop', summary: 'stop an installed app or driver (until started again)', positionals: NAME, options: { ...BOX } },
  restart: { name: 'databox box restart', summary: 'restart an installed app or driver', positionals: NAME, options: { ...BOX } },
  uninstall: {
    name: 'databox box uninstall', summary: 'remove an app or driver (its data is kept unless --delete-data)', positionals: NAME,
    options: { 'delete-data': { type: 'boolean', description: 'delete its data too (otherwise an install of the same name finds it again)' }, ...BOX },
  },
  webhook: {
    name: 'databox box webhook',
    summary: 'your webhook sources: list them, add one (its secret is shown once), remove one',
    usage: ['databox box webhook list', 'databox box webhook add <id> --type <type> --description <text>', 'databox box webhook remove <id>'],
    description: 'A phone or another device posts JSON readings to /webhook/<id> on the box with the source\'s secret in the '
      + 'X-Databox-Webhook-Secret header; the webhook driver stores them as a data source apps can be granted.',
    positionals: [
      { name: 'action', description: 'list, add or remove', required: true },
      { name: 'id', description: 'the source id (add, remove), e.g. phone-steps' },
    ],
    options: {
      type: { type: 'string', value: '<type>', description: 'add: a catalogue type (e.g. steps, location) or your own' },
      description: { type: 'string', value: '<text>', description: 'add: what the readings are, for the owner and app reviews' },
      ...BOX,
    },
  },
  audit: {
    name: 'databox box audit', summary: 'the audit log: tokens, refused requests, exports, installs, crashes',
    options: {
      app: { type: 'string', value: '<name>', description: 'only this component' },
      kind: { type: 'string', value: '<kind>', description: 'only this kind, e.g. export, request-refused, install' },
      limit: { type: 'string', value: '<n>', default: '50', description: 'at most this many, newest last' },
      ...BOX,
    },
  },
} as const;
