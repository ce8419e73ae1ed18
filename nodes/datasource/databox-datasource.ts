/**
 * Node-RED runtime part of `databox-datasource`: emits readings of one data source.
 * - observe: a message per new reading (preview: every interval; box: each store write);
 *   an input message emits readings now (preview: the next `burst`; box: the latest).
 * - latest / last / since / range: reads history once at deploy, on each input message, and
 *   every `interval` ms when one is set; with an aggregation the payload is `{result}`.
 * Messages: `payload` (value, rows or {result}), `topic` = clientid, `datasourceType`,
 * `timestamp`. Box mode with no source bound: an optional source stays silent, a required
 * one reports an error.
 */
import { seedFrom } from '../../core/catalogue/rng';
import { DataboxError } from '../../core/errors';
import type { DataboxSettings } from '../../runtime/databox-settings';
import type { ReadResult, TimeSeriesRow } from '../../core/protocol';
import { createPreviewReader } from '../preview/preview.reader';
import type { Node, NodeAPI, NodeConfig, NodeMessage } from '../red.types';
import { asError, errorStatus, failInput, logText, refuseNode, shortText, throttledStatus } from '../shared/node.status';
import { readDataboxSettings } from '../shared/settings.read';
import { createBoxReader } from './datasource.box';
import { historyQuery, readDatasourceConfig, type DatasourceConfig } from './datasource.config';
import type { SourceReader } from './datasource.reader';

export = function register(RED: NodeAPI): void {
  function DatasourceNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    startDatasource(RED, this, config);
  }
  RED.nodes.registerType('databox-datasource', DatasourceNode);
};

function startDatasource(RED: NodeAPI, node: Node, config: NodeConfig): void {
  let settings: DataboxSettings;
  let source: DatasourceConfig;
  try {
    settings = readDataboxSettings(RED.settings.databox);
    source = readDatasourceConfig(config);
  } catch (error) {
    refuseNode(node, error);
    return;
  }
  const reader = makeReader(node, settings, source);
  if (reader) run(RED, node, reader, source);
}

function makeReader(node: Node, settings: DataboxSettings, config: DatasourceConfig): SourceReader | undefined {
  if (settings.mode === 'preview' || !settings.box) {
    const base = settings.seed ?? '';
    const epoch = settings.preview?.epoch;
    const replay = settings.preview?.replay?.[config.type.id];
    return createPreviewReader({
      type: config.type, seed: seedFrom(`${base}/${config.seed || node.id}`),
      intervalMs: config.mode === 'observe' ? config.intervalMs : config.type.periodMs,
      end: epoch ?? Date.now(), burst: settings.preview?.burst ?? 1,
      ...(epoch === undefined ? { clock: Date.now } : {}),
      ...(replay ? { replay } : {}),
    });
  }
  const granted = settings.box.source(config.clientid);
  if (granted) return createBoxReader(settings.box, granted);
  if (!config.required) {
    node.status({ fill: 'grey', shape: 'ring', text: 'optional source not bound' });
    node.on('input', (_msg, _send, done) => done());
    return undefined;
  }
  refuseNode(node, new DataboxError('source-not-bound', `the required source "${config.clientid}" (${config.type.id}) is not bound on this box`, {
    status: 503, hint: 'Reinstall the app and pick a data source for it, or mark it optional in the flow.',
    node: { id: node.id, type: node.type, ...(node.name ? { name: node.name } : {}) },
  }));
  return undefined;
}

function run(RED: NodeAPI, node: Node, reader: SourceReader, config: DatasourceConfig): void {
  const status = throttledStatus(node, 500);
  const message = (payload: unknown, timestamp: number, base: NodeMessage = {}): NodeMessage =>
    Object.assign(base, { payload, topic: config.clientid, datasourceType: config.type.id, timestamp });
  const fail = (error: unknown, msg?: NodeMessage) => {
    node.status(errorStatus(error));
    node.error(logText(asError(error)), msg);
  };
  let closed = false;
  const stops: (() => void)[] = [() => status.stop()];

  // Readings start once the whole deploy runs, so the first ones reach nodes created after this one.
  const started = (start: () => void) => {
    const listener = () => {
      RED.events.removeListener('flows:started', listener);
      if (!closed) start();
    };
    RED.events.on('flows:started', listener);
    stops.push(() => RED.events.removeListener('flows:started', listener));
  };

  if (config.mode === 'observe') {
    node.status({ fill: 'green', shape: 'ring', text: `observing ${config.type.id}` });
    started(() => void reader.observe((row) => {
      if (closed) return;
      node.send(message(row.data, row.timestamp));
      status({ fill: 'green', shape: 'dot', text: shortText(row.data) });
    }, fail).then((stop) => (closed ? stop() : stops.push(stop)), fail));
    node.on('input', (msg, send, done) => {
      reader.poke().then((rows: TimeSeriesRow[]) => {
        rows.forEach((row, i) => send(message(row.data, row.timestamp, i === rows.length - 1 ? msg : {})));
        if (rows.length > 0) status({ fill: 'green', shape: 'dot', text: shortText(rows[rows.length - 1].data) });
        done();
      }, (error: unknown) => failInput(node, done, error));
    });
  } else {
    const read = async (): Promise<ReadResult> => reader.read(historyQuery(config, reader.now()), config.aggregation ? { aggregation: config.aggregation } : {});
    const describe = (result: ReadResult) => (Array.isArray(result) ? `${result.length} rows` : `${config.aggregation}: ${shortText(result.result)}`);
    const once = () => read().then((result) => {
      if (closed) return;
      node.send(message(result, reader.now()));
      node.status({ fill: 'green', shape: 'dot', text: `${config.mode}: ${describe(result)}` });
    }, fail);
    node.status({ fill: 'blue', shape: 'ring', text: `reading ${config.mode}` });
    started(() => {
      void once();
      if (config.intervalMs > 0) {
        const timer = setInterval(() => void once(), config.intervalMs);
        stops.push(() => clearInterval(timer));
      }
    });
    node.on('input', (msg, send, done) => {
      read().then((result) => {
        send(message(result, reader.now(), msg));
        node.status({ fill: 'green', shape: 'dot', text: `${config.mode}: ${describe(result)}` });
        done();
      }, (error: unknown) => failInput(node, done, error));
    });
  }
  node.on('close', (_removed, done) => {
    closed = true;
    for (const stop of stops.splice(0)) stop();
    node.status({});
    done();
  });
}
