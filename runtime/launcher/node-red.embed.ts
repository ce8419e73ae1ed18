/**
 * The slice of Node-RED's embedding API the launcher uses (`require('node-red')`), typed
 * once here. Node-RED keeps its state in module globals: one runtime per process.
 */
import type { Server } from 'node:http';

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

/** @example const red = loadNodeRed(); red.init(server, settings); await red.start(); */
export function loadNodeRed(): NodeRedEmbed {
  const red: NodeRedEmbed = require('node-red');
  return red;
}
