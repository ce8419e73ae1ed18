/**
 * The launcher's command line, parsed without touching the file system: `--flows <file>`
 * (required), `--port <n>` (default 8080, 0 = any free port), `--host <addr>` (default
 * 127.0.0.1; the image passes 0.0.0.0), `--nodes <dir>` (the compiled Databox node module),
 * `--help`.
 *
 * @example
 * parseLauncherArgs(['--flows', '/app/flows.json', '--port', '0'])
 * // { kind: 'run', flows: '/app/flows.json', port: 0, host: '127.0.0.1' }
 */
import { DataboxError } from '../../core/errors';

export interface LauncherArgs {
  kind: 'run';
  flows: string;
  port: number;
  host: string;
  nodesDir?: string;
}

export type ParsedArgs = LauncherArgs | { kind: 'help' };

export const LAUNCHER_USAGE = `Usage: node dist/runtime/launcher/main.js --flows <flows.json> [options]

Runs one Databox app's flow in a headless Node-RED and serves its page under /ui.

Options:
  --flows <file>   the flows file to run (in an app image: /app/flows.json)
  --port <n>       port to listen on (default 8080; 0 picks a free port)
  --host <addr>    address to listen on (default 127.0.0.1; the image uses 0.0.0.0)
  --nodes <dir>    the compiled Databox node module (default: dist/nodes beside the launcher)
  --help           show this help

Environment (docs/decisions/0003-box-protocols.md):
  DATABOX_MODE              preview | box (default: box when DATABOX_ARBITER_ENDPOINT is set)
  DATABOX_ARBITER_ENDPOINT  the arbiter; its presence means box mode
  DATABOX_PREVIEW_SEED      seeds the simulated data in preview mode
  DATABOX_LOCAL_NAME        the app's name, shown as the page title`;

const HOST = /^[A-Za-z0-9.:-]{1,253}$/;

function usageError(message: string, hint = 'Run with --help to see the options.'): DataboxError {
  return new DataboxError('launcher-usage', message, { status: 400, hint });
}

export function parseLauncherArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!['--flows', '--port', '--host', '--nodes'].includes(flag)) throw usageError(`Unknown argument "${arg}".`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw usageError(`${flag} needs a value.`);
    values.set(flag, value);
  }
  const flows = values.get('--flows');
  if (!flows) throw usageError('No flows file given.', 'Pass --flows <flows.json>.');
  const port = parsePort(values.get('--port') ?? '8080');
  const host = values.get('--host') ?? '127.0.0.1';
  if (!HOST.test(host)) throw usageError(`"${host}" is not an address to listen on.`, 'Use an IP address such as 127.0.0.1 or 0.0.0.0.');
  const nodesDir = values.get('--nodes');
  return { kind: 'run', flows, port, host, ...(nodesDir ? { nodesDir } : {}) };
}

/** @example parsePort('8080') // 8080; parsePort('x') throws launcher-usage */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw usageError(`Port "${text}" is not a number from 0 to 65535.`);
  return port;
}
