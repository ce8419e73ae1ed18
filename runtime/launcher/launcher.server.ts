/**
 * Starts one app: an HTTP server we own (launcher.http.ts: `/health`, the page under `/ui`)
 * with the page's WebSocket, and Node-RED embedded headless on the flows file. `stop()` stops
 * Node-RED, closes every connection and removes the temp userDir.
 *
 * @example
 * const app = await startLauncher({ flows: 'flows.json', port: 0, host: '127.0.0.1',
 *   nodesDir: 'dist/nodes', databox: { mode: 'preview' }, title: 'demo' });
 * console.log(app.url); await app.stop();
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DataboxError, isDataboxError } from '../../core/errors';
import { uiBus } from '../../core/ui-bus';
import type { DataboxSettings } from '../databox-settings';
import { attachUiSocket } from '../ui/ui.socket';
import { nodeStartFailure, runtimeStateProblem } from './launcher.events';
import { launcherHttpApp, type FlowsState } from './launcher.http';
import { coreNodesDir, coreNodeTypes, flowTypes, unusedCoreFiles } from './launcher.core-nodes';
import { buildNodeRedSettings } from './launcher.settings';
import { loadNodeRed } from './node-red.embed';

export interface LaunchConfig {
  flows: string;
  port: number;
  host: string;
  nodesDir: string;
  /** Folder of third-party node modules (`/app/node_modules`), used when it exists. */
  extraModulesDir?: string;
  databox: DataboxSettings;
  title: string;
  version?: string;
}

export interface RunningApp {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startLauncher(config: LaunchConfig): Promise<RunningApp> {
  checkReadable(config.flows, 'launcher-flows-missing', 'Pass --flows with the path of a flows.json file.');
  checkReadable(path.join(config.nodesDir, 'package.json'), 'launcher-nodes-missing', 'Run `npm run build` so dist/nodes holds the compiled Databox nodes, or pass --nodes <dir>.');
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'databox-nr-'));
  // Node-RED reads the userDir's package.json; read-only mode never writes one.
  fs.writeFileSync(path.join(userDir, 'package.json'), '{"name":"databox-app","private":true}\n');
  const state: { flows: FlowsState } = { flows: 'starting' };
  const app = launcherHttpApp({ title: config.title, mode: config.databox.mode, version: config.version ?? 'dev', flows: () => state.flows });

  const server = http.createServer(app);
  const live = attachUiSocket(server, uiBus(), { path: '/ui/ws' });
  const red = loadNodeRed();
  const nodesDirs = [config.nodesDir];
  if (config.extraModulesDir && fs.existsSync(config.extraModulesDir)) nodesDirs.push(config.extraModulesDir);
  const nodesExcludes = unusedCoreFiles(coreNodeTypes(coreNodesDir()), flowTypes(fs.readFileSync(config.flows, 'utf8')));
  // Nodes that could not be created while the flows started (collected until they have).
  const failedNodes: string[] = [];
  let starting = true;
  const onError = (entry: unknown): void => {
    const failure = starting ? nodeStartFailure(entry) : undefined;
    if (failure) failedNodes.push(failure);
  };
  red.init(server, buildNodeRedSettings({ userDir, flowsFile: config.flows, nodesDirs, databox: config.databox, nodesExcludes, onError }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fs.rmSync(userDir, { recursive: true, force: true });
      reject(new DataboxError('launcher-listen-failed', `Cannot listen on ${config.host}:${config.port} (${error.code ?? error.message}).`, {
        status: 500, hint: error.code === 'EADDRINUSE' ? 'Another process uses that port: pass --port with a free one (0 picks any).' : 'Check --host and --port.', cause: error }));
    });
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let onRuntimeEvent: (event?: unknown) => void = () => undefined;
  const flowsStarted = new Promise<void>((resolve, reject) => {
    red.events.once('flows:started', () => resolve());
    onRuntimeEvent = (event) => {
      const problem = runtimeStateProblem(event);
      if (problem) reject(problem);
    };
    red.events.on('runtime-event', onRuntimeEvent);
  });
  try {
    await red.start();
    // start() resolves before the flow's nodes exist; healthy means the flow really runs.
    await flowsStarted;
    starting = false;
    if (failedNodes.length > 0) {
      throw new DataboxError('launcher-node-failed', `The flow did not start whole: ${failedNodes.join('; ')}.`, {
        status: 500, hint: 'Fix the node in the flow (a function node\'s code, say) and build the app again; Node-RED would run the flow without it.' });
    }
    state.flows = 'running';
  } catch (error) {
    state.flows = 'failed';
    await red.stop().catch(() => undefined);
    await live.close();
    await closeServer(server);
    fs.rmSync(userDir, { recursive: true, force: true });
    if (isDataboxError(error)) throw error;
    throw new DataboxError('launcher-start-failed', `Node-RED did not start: ${error instanceof Error ? error.message : String(error)}`, { status: 500, cause: error });
  } finally {
    starting = false;
    red.events.off('runtime-event', onRuntimeEvent);
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    stop() {
      stopping ??= (async () => {
        state.flows = 'stopping';
        await red.stop().catch(() => undefined);
        await live.close();
        await closeServer(server);
        fs.rmSync(userDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

function checkReadable(file: string, code: string, hint: string): void {
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new DataboxError(code, `Cannot read ${file}.`, { status: 400, hint });
  }
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
