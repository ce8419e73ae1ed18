/**
 * A minimal workspace for the plugins' browser test, in its own process (Node-RED keeps
 * module state: one runtime per process): a real Node-RED 4.1 with its editor and admin API
 * at /workspace/, flows in preview mode, loading the compiled Databox nodes and these plugins
 * from `nodesDir`, and the app's own page mounted as the studio's workspace mounts it:
 * runtime/ui's `uiRouter` at /workspace/preview/ and `attachUiSocket` at
 * /workspace/preview/ws, beside Node-RED's /workspace/comms. With `studioStub`, the studio's
 * build/publish contract is answered at /studio/api (studio-contract.stub.ts). Prints one
 * line `workspace ready <url>` once the flows run.
 *
 * Usage: node --import tsx workspace.child.ts '<json: {nodesDirs, flows, studioStub?}>'
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { uiBus } from '../../../core/ui-bus';
import { uiRouter } from '../../../runtime/ui/ui.routes';
import { attachUiSocket } from '../../../runtime/ui/ui.socket';
import { studioContractStub } from './studio-contract.stub';

export interface WorkspaceChildConfig {
  nodesDirs: string[];
  flows: Record<string, unknown>[];
  studioStub?: boolean;
}

const ROOT = '/workspace';

interface NodeRedWithEditor {
  init(server: http.Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly httpAdmin: express.Express;
}

async function start(config: WorkspaceChildConfig): Promise<void> {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'databox-plugins-'));
  fs.writeFileSync(path.join(userDir, 'package.json'), '{"name":"databox-workspace-test","private":true}\n');
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(config.flows));
  const app = express();
  if (config.studioStub) app.use('/studio/api', studioContractStub());
  app.use(`${ROOT}/preview`, uiRouter({ title: 'preview', mode: 'preview' }));
  const server = http.createServer(app);
  attachUiSocket(server, uiBus(), { path: `${ROOT}/preview/ws`, otherPaths: 'leave' });
  // node-red itself (not runtime/launcher's headless embedding): its editor and admin API too.
  const red: NodeRedWithEditor = require('node-red');
  red.init(server, {
    userDir, flowFile: 'flows.json', httpAdminRoot: ROOT, httpNodeRoot: false, credentialSecret: false,
    nodesDir: config.nodesDirs,
    logging: { console: { level: 'warn', metrics: false, audit: false } },
    // As locked down as the studio's workspace: nothing installs, only our two modules load.
    externalModules: { autoInstall: false, palette: { allowInstall: false, allowUpload: false, allowList: ['node-red-contrib-databox', 'databox-editor-plugins'], denyList: ['*'] } },
    functionExternalModules: false,
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false, ui: false },
    editorTheme: { tours: false, projects: { enabled: false } },
    databox: { mode: 'preview', seed: 'plugins-test' },
  });
  app.use(ROOT, red.httpAdmin);
  const events: { once(event: string, listener: () => void): void } = require('@node-red/util').events;
  const started = new Promise<void>((resolve) => events.once('flows:started', () => resolve()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await red.start();
  await started;
  const { port } = server.address() as AddressInfo;
  console.log(`workspace ready http://127.0.0.1:${port}${ROOT}/`);
  const stop = () => {
    red.stop().catch(() => undefined).finally(() => {
      server.closeAllConnections();
      server.close(() => {
        fs.rmSync(userDir, { recursive: true, force: true });
        process.exit(0);
      });
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const arg = process.argv[2];
if (!arg) {
  console.error('Usage: node --import tsx workspace.child.ts \'{"nodesDirs": [...], "flows": [...]}\'');
  process.exit(2);
}
start(JSON.parse(arg) as WorkspaceChildConfig).catch((error: unknown) => {
  console.error(`workspace child: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
