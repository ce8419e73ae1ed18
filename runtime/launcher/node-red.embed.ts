/**
 * The slice of Node-RED's embedding API the launcher uses, typed once here. Node-RED keeps its
 * state in module globals: one runtime per process.
 *
 * Headless, so it embeds Node-RED's runtime (`@node-red/runtime`, `@node-red/util`) the way
 * `require('node-red')` does when `httpAdminRoot` is false, without loading what that module
 * also loads for its editor and admin API (`@node-red/editor-api`: passport, oauth2orize, the
 * bcrypt native module...), which a headless app never runs. The runtime and util are those of
 * the installed node-red package, resolved from its folder. Modules the runtime loads but uses
 * only on demand are loaded on first use (launcher.lazy.ts). (bench/box-app-memory.bench.ts;
 * docs/decisions/0018-app-memory.md)
 */
import type { Server } from 'node:http';
import dns from 'node:dns';
import path from 'node:path';
import { DEFERRED_MODULES, deferModules } from './launcher.lazy';

export interface NodeRedEmbed {
  init(server: Server, settings: object): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runtime events; `flows:started` fires once the flow's nodes exist and run. */
  events: {
    once(event: string, listener: (payload?: unknown) => void): void;
    on(event: string, listener: (payload?: unknown) => void): void;
    off(event: string, listener: (payload?: unknown) => void): void;
  };
}

interface NodeRedRuntime {
  init(settings: object, server: Server): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface NodeRedUtil {
  init(settings: object): void;
  events: NodeRedEmbed['events'];
}

/** The folder of the installed node-red package (whose runtime, util and core nodes run). */
export function nodeRedDir(): string {
  return path.dirname(require.resolve('node-red/package.json'));
}

/** @example const red = loadNodeRed(); red.init(server, settings); await red.start(); */
export function loadNodeRed(): NodeRedEmbed {
  deferModules(DEFERRED_MODULES);
  const base = nodeRedDir();
  const fromNodeRed = (id: string): string => require.resolve(id, { paths: [base] });
  const runtime: NodeRedRuntime = require(fromNodeRed('@node-red/runtime'));
  const util: NodeRedUtil = require(fromNodeRed('@node-red/util'));
  // What node-red's red.js does before it initialises the runtime (node-red/node-red#4010).
  dns.setDefaultResultOrder('ipv4first');
  return {
    init(server, settings) {
      const withCore = { coreNodesDir: path.dirname(fromNodeRed('@node-red/nodes')), ...settings };
      util.init(withCore);
      runtime.init(withCore, server);
    },
    start: () => runtime.start(),
    stop: () => runtime.stop(),
    events: util.events,
  };
}
