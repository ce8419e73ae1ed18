/**
 * Runs Databox nodes in a real Node-RED runtime through node-red-node-test-helper, and
 * collects what they do: messages reaching a `helper` node, status and error calls. Waits
 * end with a clear failure after a generous limit, never with a timing assertion.
 *
 * @example
 * await startRed();
 * await loadFlow(flow, { mode: 'preview', seed: 's' });
 * const [msg] = await collect('out', 1);
 */
import { EventEmitter } from 'node:events';
import helper = require('node-red-node-test-helper');
import type { Node, NodeAPI, NodeConfig, NodeStatus } from '../red.types';
import type { DataboxSettings } from '../../runtime/databox-settings';
import actuator = require('../actuator/databox-actuator');
import chart = require('../chart/databox-chart');
import datasource = require('../datasource/databox-datasource');
import exporter = require('../export/databox-export');
import list = require('../list/databox-list');
import privateExporter = require('../private-export/databox-private-export');
import store = require('../app-data/databox-store');
import text = require('../text/databox-text');

/** Messages each `test-recorder` node received since the last load, from its very start. */
const received = new Map<string, Msg[]>();
const cursors = new Map<string, number>();
const arrivals = new EventEmitter();

/** A `test-recorder` node type: keeps every message it gets, even one sent during deploy. */
function recorderModule(RED: NodeAPI): void {
  RED.nodes.registerType('test-recorder', function (this: Node, config: NodeConfig) {
    RED.nodes.createNode(this, config);
    const kept: Msg[] = [];
    received.set(config.id, kept);
    this.on('input', (msg, _send, done) => {
      kept.push(msg);
      arrivals.emit(config.id);
      done();
    });
  });
}

export const DATABOX_NODES = [datasource, actuator, exporter, privateExporter, store, chart, list, text];
export type FlowJson = Record<string, unknown>[];
export type Msg = Record<string, unknown>;

const LIMIT_MS = 5000;

/** What nodes published on Node-RED's comms (`RED.comms.publish`) since the last load. */
const published: { topic: string; data: unknown }[] = [];
const runtimeEvents: { on(event: 'comms', listener: (event: { topic: string; data: unknown }) => void): void } = require('@node-red/util').events;
runtimeEvents.on('comms', (event) => published.push({ topic: event.topic, data: event.data }));

export async function startRed(): Promise<void> {
  helper.init(require.resolve('node-red'));
  await helper.startServer();
}

export async function stopRed(): Promise<void> {
  await helper.unload();
  await helper.stopServer();
}

/** Loads a flow with the Databox nodes; `settings` is what the runtime would inject (undefined: none). */
export async function loadFlow(flow: FlowJson, settings: DataboxSettings | Record<string, unknown> | undefined): Promise<void> {
  await helper.unload();
  received.clear();
  cursors.clear();
  published.length = 0;
  helper.settings({ databox: settings });
  await helper.load([...DATABOX_NODES, recorderModule], flow);
}

export function node(id: string): helper.TestNode {
  const found = helper.getNode(id);
  if (!found) throw new Error(`node ${id} is not in the running flow`);
  return found;
}

/** The next `count` messages the `test-recorder` node `id` received (each message is taken once). */
export function collect(id: string, count: number): Promise<Msg[]> {
  const kept = received.get(id);
  if (!kept) throw new Error(`${id} is not a test-recorder node in the running flow`);
  return new Promise((resolve, reject) => {
    const start = cursors.get(id) ?? 0;
    const check = () => {
      if (kept.length - start < count) return false;
      cursors.set(id, start + count);
      arrivals.off(id, check);
      clearTimeout(timer);
      resolve(kept.slice(start, start + count));
      return true;
    };
    const timer = setTimeout(() => {
      arrivals.off(id, check);
      reject(new Error(`${id} received ${kept.length - start} of ${count} messages`));
    }, LIMIT_MS);
    if (!check()) arrivals.on(id, check);
  });
}

/** Every message the `test-recorder` node `id` received since the load, live. */
export function record(id: string): Msg[] {
  const kept = received.get(id);
  if (!kept) throw new Error(`${id} is not a test-recorder node in the running flow`);
  return kept;
}

/** The first status of node `id` that `matches` (already set, or the next one). */
export function statusOf(id: string, matches: (status: NodeStatus) => boolean): Promise<NodeStatus> {
  return nextCall(id, 'status', (args) => {
    const status = args[0];
    return typeof status === 'object' && status !== null && matches(status) ? status : undefined;
  });
}

/** An error node `id` reported (`node.error(err, msg)` or `done(err)`), as its text. */
export function errorOf(id: string): Promise<string> {
  return nextCall(id, 'error', (args) => {
    const error = args[0];
    return error instanceof Error ? error.message : String(error);
  });
}

/** A log line of node `id`. */
export function logOf(id: string): Promise<string> {
  return nextCall(id, 'log', (args) => String(args[0]));
}

/** Every call of `method` on node `id` in this load, oldest first. */
export function callsOf(id: string, method: string): unknown[][] {
  const calls = helper._NodePrototype[method]?.getCalls?.() ?? [];
  return calls.filter((call) => call.thisValue.id === id).map((call) => call.args);
}

function nextCall<T>(id: string, method: string, pick: (args: unknown[]) => T | undefined): Promise<T> {
  const target = node(id);
  for (const args of callsOf(id, method)) {
    const picked = pick(args);
    if (picked !== undefined) return Promise.resolve(picked);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${method} call on ${id}`)), LIMIT_MS);
    const listener = (call: helper.SpyCall) => {
      const picked = pick(call.args);
      if (picked === undefined) return;
      clearTimeout(timer);
      target.off(`call:${method}`, listener);
      resolve(picked);
    };
    target.on(`call:${method}`, listener);
  });
}

/** The data nodes published on comms `topic` (`RED.comms.publish`) since the load, oldest first. */
export function commsOf(topic: string): unknown[] {
  return published.filter((p) => p.topic === topic).map((p) => p.data);
}

/** Lets Node-RED deliver what is in flight (a few turns of the event loop). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

export { helper };
