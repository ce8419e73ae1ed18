/**
 * The launcher's command line as a core/cli spec (decision 0013), like every `databox`
 * command: `--flows <file>` (required), `--port` (default 8080, 0 = any free port), `--host`
 * (default 127.0.0.1; the image passes 0.0.0.0), `--nodes <dir>` (the compiled Databox node
 * module), `--help`. Pure data.
 *
 * @example
 * parseCommand(LAUNCHER_COMMAND, ['--flows', '/app/flows.json', '--port', '0'])
 * // { kind: 'ok', values: { flows: '/app/flows.json', port: 0, host: '127.0.0.1' }, ... }
 */
import { defineCommand, HOST_OPTION, portOption } from '../../core/cli';
import { DataboxError } from '../../core/errors';

const HOST = /^[A-Za-z0-9.:-]{1,253}$/;

/** An address to listen on: a host name or IP, nothing that could be more. */
export function parseListenHost(text: string): string {
  if (!HOST.test(text)) throw new DataboxError('host-invalid', `"${text.slice(0, 60)}" is not an address to listen on`, { hint: 'Use an IP address such as 127.0.0.1 or 0.0.0.0' });
  return text;
}

export const LAUNCHER_COMMAND = defineCommand({
  name: 'databox-launcher',
  summary: 'Run one Databox app\'s flow in a headless Node-RED and serve its page under /ui.',
  usage: ['node dist/runtime/launcher/main.js --flows <flows.json> [options]'],
  description: 'Environment (docs/decisions/0003-box-protocols.md): DATABOX_MODE (preview | box; default box when '
    + 'DATABOX_ARBITER_ENDPOINT is set), DATABOX_ARBITER_ENDPOINT (the arbiter; its presence means box mode), '
    + 'DATABOX_PREVIEW_SEED (seeds the simulated data in preview mode), DATABOX_LOCAL_NAME (the app\'s name, the page title).',
  options: {
    flows: { type: 'string', value: '<file>', required: true, description: 'the flows file to run (in an app image: /app/flows.json)' },
    port: portOption(8080),
    host: { ...HOST_OPTION, parse: parseListenHost, description: 'the address to listen on (the image uses 0.0.0.0)' },
    nodes: { type: 'string', value: '<dir>', defaultText: 'dist/nodes beside the launcher', description: 'the compiled Databox node module' },
  },
} as const);
