/**
 * The launcher's command: `node dist/runtime/launcher/main.js --flows <file> [--port n]`.
 * Reads the arguments and the Databox environment, starts the app, logs to stdout, and on
 * SIGTERM/SIGINT stops Node-RED and exits 0.
 *
 * @example
 * // in an app image: ENTRYPOINT ["node", "/opt/databox/dist/runtime/launcher/main.js"]
 * await main(['--flows', '/app/flows.json', '--host', '0.0.0.0']);
 */
import { stopWhenOrphaned } from '../process/orphan.watch';
import fs from 'node:fs';
import path from 'node:path';
import { processIO, runCommand } from '../../core/cli';
import { DataboxError } from '../../core/errors';
import type { DataboxSettings } from '../databox-settings';
import { LAUNCHER_COMMAND } from './launcher.args';
import { readLauncherEnv, type Env } from './launcher.env';
import { appTitle, checkFlowsText } from './launcher.flows';
import { startLauncher } from './launcher.server';
import { defaultNodesDir } from './launcher.settings';
import { connectBox } from './launcher.box';

export function main(argv: string[], env: Env = process.env): Promise<number> {
  return runCommand(LAUNCHER_COMMAND, argv, async ({ values }) => {
    const args = { flows: values.flows, port: values.port, host: values.host, nodesDir: values.nodes };
    const settings = readLauncherEnv(env);
    const flowsText = readText(args.flows);
    if (flowsText === undefined) {
      throw new DataboxError('launcher-flows-missing', `Cannot read the flows file ${args.flows}.`, { status: 400, hint: 'Pass --flows with the path of a flows.json file.' });
    }
    checkFlowsText(flowsText, args.flows);
    const appDir = path.dirname(path.resolve(args.flows));
    const databox: DataboxSettings = {
      mode: settings.mode,
      ...(settings.seed ? { seed: settings.seed } : {}),
      ...(settings.mode === 'box' ? { box: connectBox(env) } : {}),
    };
    const app = await startLauncher({
      flows: args.flows, port: args.port, host: args.host,
      nodesDir: args.nodesDir ?? env.DATABOX_NODES_DIR ?? defaultNodesDir(__dirname),
      extraModulesDir: path.join(appDir, 'node_modules'),
      databox,
      title: appTitle({ appName: settings.appName, manifestText: readText(path.join(appDir, 'databox-manifest.json')), flowsText, fallback: path.basename(appDir) || 'Databox app' }),
      ...(env.DATABOX_RUNTIME_VERSION ? { version: env.DATABOX_RUNTIME_VERSION } : {}),
    });
    console.log(`databox: ${databox.mode} mode, listening on ${app.url} (page ${app.url}/ui/)`);
    await new Promise<void>((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        console.log(`databox: ${signal}, stopping`);
        // A stuck flow must not keep the container from stopping.
        setTimeout(() => resolve(), 5000).unref();
        app.stop().then(async () => { await databox.box?.close(); }).catch(() => undefined).finally(resolve);
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      stopWhenOrphaned(env);
    });
    console.log('databox: stopped');
    return 0;
  }, { ...processIO, env });
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
