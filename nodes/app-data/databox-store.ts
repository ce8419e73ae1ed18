/**
 * Node-RED runtime part of `databox-store`: reads and writes the app's own data (its own datastore on the box).
 * write: appends `msg.payload` to the series and passes the message on; read-latest /
 * read-last: `payload` = rows `{timestamp, data}`, newest first, `data` the value as written
 * (a store's `{value: x}` for a number comes back as `x`); kv-set: stores `msg.payload` under the
 * key (the node's, else `msg.topic`) and passes the message on; kv-get: `payload` = the value
 * (null when unset). Preview: an in-memory store shared by the flow's store nodes. Box: the
 * app's store from `box.ownDataStore()`.
 */
import { DataboxError } from '../../core/errors';
import type { OwnDataStore } from '../../runtime/box-client/box-client.types';
import { createMemoryStore } from '../preview/memory-store';
import type { Node, NodeAPI, NodeConfig, NodeMessage } from '../red.types';
import { nodeRef } from '../shared/node.ref';
import { failInput, refuseNode, throttledStatus } from '../shared/node.status';
import { unwrapResult } from '../shared/reading.unwrap';
import { readDataboxSettings } from '../shared/settings.read';
import { readAppDataConfig, appDataKey, type AppDataConfig } from './app-data.config';

export = function register(RED: NodeAPI): void {
  const previewStore = createMemoryStore();
  function AppDataNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    startAppData(RED, this, config, previewStore);
  }
  RED.nodes.registerType('databox-store', AppDataNode);
};

function startAppData(RED: NodeAPI, node: Node, config: NodeConfig, previewStore: OwnDataStore): void {
  let store: OwnDataStore;
  let options: AppDataConfig;
  try {
    const settings = readDataboxSettings(RED.settings.databox);
    options = readAppDataConfig(config);
    const own = settings.mode === 'box' && settings.box ? settings.box.ownDataStore() : previewStore;
    if (!own) throw new DataboxError('store-not-granted', 'this app has no datastore of its own on this box', { status: 503, node: nodeRef(config), hint: 'Rebuild the app: a flow with an app data node asks for one in its manifest.' });
    store = own;
  } catch (error) {
    refuseNode(node, error);
    return;
  }
  const status = throttledStatus(node, 500);
  node.status({ fill: 'blue', shape: 'ring', text: `${options.operation} ${options.datasourceId}` });
  node.on('input', (msg, send, done) => {
    apply(store, options, msg).then((out) => {
      status({ fill: 'green', shape: 'dot', text: `${options.operation} ${options.datasourceId}` });
      send(out);
      done();
    }, (error: unknown) => failInput(node, done, error));
  });
  node.on('close', (_removed, done) => {
    status.stop();
    done();
  });
}

async function apply(store: OwnDataStore, config: AppDataConfig, msg: NodeMessage): Promise<NodeMessage> {
  const id = config.datasourceId;
  switch (config.operation) {
    case 'write':
      await store.write(id, msg.payload);
      return msg;
    case 'read-latest':
      msg.payload = unwrapResult(await store.read(id, { kind: 'latest' }));
      return msg;
    case 'read-last':
      msg.payload = unwrapResult(await store.read(id, { kind: 'last', n: config.count }));
      return msg;
    case 'kv-set':
      await store.kvSet(id, appDataKey(config, msg), msg.payload);
      return msg;
    case 'kv-get': {
      const value = await store.kvGet(id, appDataKey(config, msg));
      msg.payload = value === undefined ? null : value;
      return msg;
    }
  }
}
