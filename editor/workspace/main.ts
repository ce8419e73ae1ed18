/**
 * One developer's workspace: Node-RED 4.1 with its editor at `/workspace/`, the flow's own app
 * page at `/workspace/preview/` (the runtime's page code, fed by the preview run), and
 * `/workspace/health`, all behind the workspace gate. Started by the studio's workspace manager,
 * one process (or container) per developer (Node-RED keeps module state). Its configuration
 * arrives on its standard input, written by the manager, which then closes it: its secrets are
 * never in a file, its environment or its command line. A Swarm service has no standard input:
 * there it is a Docker secret, a file in memory (`/run/secrets/...`) only this task can read.
 *
 * Usage: node dist/editor/workspace/main.js --config -        (the configuration JSON on stdin)
 *        node dist/editor/workspace/main.js --config <file>   (a Docker secret)
 */
import { stopWhenOrphaned } from '../../runtime/process/orphan.watch';
import fs from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { ALLOWED_CORE_TYPES } from '../../builder/validate/node.policy';
import { uiBus } from '../../core/ui-bus';
import { coreNodeTypes, coreNodesDir, unusedCoreFiles } from '../../runtime/launcher/launcher.core-nodes';
import type { NodeRedEmbed } from '../../runtime/launcher/node-red.embed';
import { uiRouter } from '../../runtime/ui/ui.routes';
import { attachUiSocket } from '../../runtime/ui/ui.socket';
import { parseWorkspaceConfig, type WorkspaceConfig } from './workspace.config';
import { workspaceGate } from './workspace.gate';
import { ADMIN_ROOT, workspaceSettings } from './workspace.settings';
import { remoteStorage } from './workspace.storage';

/** Node-RED whole, editor and admin API included (an app's launcher embeds only its runtime). */
interface NodeRedWithEditor extends NodeRedEmbed {
  httpAdmin: express.Express;
}

async function start(config: WorkspaceConfig): Promise<void> {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'databox-workspace-'));
  fs.writeFileSync(path.join(userDir, 'package.json'), '{"name":"databox-workspace","private":true}\n');
  const gate = workspaceGate(config.gateSecret);
  const app = express();
  app.disable('x-powered-by');
  app.use(gate.http);
  const state = { flows: 'starting' };
  app.get(`${ADMIN_ROOT}/health`, (_req, res) => { res.status(state.flows === 'running' ? 200 : 503).json({ status: state.flows }); });
  app.use(`${ADMIN_ROOT}/preview`, uiRouter({ title: `${config.title}: preview`, mode: 'preview' }));

  const server = http.createServer(app);
  // The studio's proxy keeps connections for 30 s (workspace.proxy.ts); the workspace keeps them
  // longer, so it is always the proxy that closes an idle one, never this side under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Every socket, upgraded ones too (closeAllConnections leaves those): a stop ends them all.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  gate.guardUpgrades(server, [`${ADMIN_ROOT}/comms`, `${ADMIN_ROOT}/preview/ws`]);
  attachUiSocket(server, uiBus(), { path: `${ADMIN_ROOT}/preview/ws`, otherPaths: 'leave' });

  const red = require('node-red') as NodeRedWithEditor;
  red.init(server, workspaceSettings({
    userDir,
    nodesDirs: config.nodesDirs,
    allowedModules: config.nodesDirs.map(moduleName),
    // 98-unknown.js stays: it is what holds an imported node of a type the palette lacks.
    nodesExcludes: unusedCoreFiles(coreNodeTypes(coreNodesDir()), ALLOWED_CORE_TYPES).filter((file) => file !== '98-unknown.js'),
    storage: remoteStorage(config.storage),
    credentialSecret: config.credentialSecret,
    title: config.title,
    ...(config.seed ? { seed: config.seed } : {}),
    ...(config.replay ? { replay: config.replay } : {}),
  }));
  app.use(ADMIN_ROOT, red.httpAdmin);
  red.events.on('flows:started', () => { state.flows = 'running'; });
  await red.start();
  state.flows = 'running';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The manager waits for this line (its port, when the OS chose it).
  console.log(`databox workspace ready on http://${config.host}:${port}${ADMIN_ROOT}/`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    state.flows = 'stopping';
    red.stop().catch(() => undefined).finally(() => {
      for (const socket of sockets) socket.destroy();
      server.close(() => {
        fs.rmSync(userDir, { recursive: true, force: true });
        process.exit(0);
      });
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // A studio that died without stopping it leaves no workspace running (in a container the
  // studio removes stale ones at its next start).
  stopWhenOrphaned();
}

/** The npm name of the node module in `dir`. */
function moduleName(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
  if (typeof pkg.name !== 'string') throw new Error(`${dir}/package.json has no name`);
  return pkg.name;
}

async function readStdin(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += String(chunk);
    // Secrets and the developer's replay readings (at most 10,000 per type).
    if (text.length > 32 * 1024 * 1024) throw new Error('the configuration on stdin is larger than 32 MB');
  }
  return text;
}

function main(argv: string[]): void {
  const source = argv[1];
  if (argv[0] !== '--config' || !source || argv.length !== 2 || argv.includes('--help')) {
    console.error('Usage: node dist/editor/workspace/main.js --config -|<file>   (the studio\'s workspace manager writes the configuration on stdin, or in a Docker secret)');
    process.exit(argv.includes('--help') ? 0 : 2);
  }
  (source === '-' ? readStdin() : fs.promises.readFile(source, 'utf8')).then((text) => start(parseWorkspaceConfig(text))).catch((error: unknown) => {
    console.error(`databox workspace: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}

main(process.argv.slice(2));
