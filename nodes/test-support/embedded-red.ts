/**
 * A real, embedded Node-RED (the `node-red` package, as a runtime or the studio embeds it)
 * on 127.0.0.1 and a port the OS picks, loading node modules from `nodesDir`, with the admin
 * API on `/admin` so a test can ask it what it loaded. Resolves once the flows run. One per
 * process (Node-RED keeps module-level state).
 *
 * @example
 * const red = await startEmbeddedRed({ nodesDir, flows, settings: { databox: { mode: 'preview' } } });
 * await fetch(`${red.url}/admin/nodes`, { headers: { accept: 'application/json' } });
 * await red.stop();
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';

interface NodeRedModule {
  init(server: http.Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  httpAdmin: express.Express;
  nodes: { getNode(id: string): { receive(msg: Record<string, unknown>): void } | null };
}

export interface EmbeddedRed {
  url: string;
  red: NodeRedModule;
  stop(): Promise<void>;
}

export async function startEmbeddedRed(options: { nodesDir: string; flows: Record<string, unknown>[]; settings?: Record<string, unknown> }): Promise<EmbeddedRed> {
  const userDir = await mkdtemp(path.join(os.tmpdir(), 'databox-red-'));
  await writeFile(path.join(userDir, 'flows.json'), JSON.stringify(options.flows));
  const red: NodeRedModule = require('node-red');
  const app = express();
  const server = http.createServer(app);
  red.init(server, {
    userDir, flowFile: 'flows.json', nodesDir: [options.nodesDir], httpAdminRoot: '/admin', httpNodeRoot: false,
    credentialSecret: false, logging: { console: { level: 'warn' } },
    functionExternalModules: false, externalModules: { autoInstall: false, palette: { allowInstall: false } },
    ...options.settings,
  });
  app.use('/admin', red.httpAdmin);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const events: { once(event: string, listener: () => void): void } = require('@node-red/util').events;
  const started = new Promise<void>((resolve) => events.once('flows:started', resolve));
  await red.start();
  await started;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    red,
    async stop() {
      await red.stop();
      await new Promise((resolve) => server.close(resolve));
      await rm(userDir, { recursive: true, force: true });
    },
  };
}
