/**
 * Node-RED runtime part of `databox-store`: reads and writes the app's own store.
 * write: appends `msg.payload` to the series and passes the message on; read-latest /
 * read-last: `payload` = rows `{timestamp, data}`, newest first, `data` the value as written
 * (a store's `{value: x}` for a number comes back as `x`); kv-set: stores `msg.payload` under the
 * key (the node's, else `msg.topic`) and passes the message on; kv-get: `payload` = the value
 * (null when unset). Preview: an in-memory store shared by the flow's store nodes. Box: the
 * app's store from `box.ownStore()`.
 */
import { DataboxError } from '../../core/errors';
import type { OwnStore } from '../../runtime/box-client/box-client.types';
import { createMemoryStore } from '../preview/memory-store';
import type { Node, NodeAPI, NodeConfig, NodeMessage } from '../red.types';
import { nodeRef } from '../shared/node.ref';
import { failInput, refuseNode, throttledStatus } from '../shared/node.status';
import { unwrapResult } from '../shared/reading.unwrap';
import { readDataboxSettings } from '../shared/settings.read';
import { readStoreConfig, storeKey, type StoreConfig } from './store.config';

export = function register(RED: NodeAPI): void {
  const previewStore = createMemoryStore();
  function StoreNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    startStore(RED, this, config, previewStore);
  }
  RED.nodes.registerType('databox-store', StoreNode);
};

function startStore(RED: NodeAPI, node: Node, config: NodeConfig, previewStore: OwnStore): void {
  let store: OwnStore;
  let options: StoreConfig;
  try {
    const settings = readDataboxSettings(RED.settings.databox);
    options = readStoreConfig(config);
    const own = settings.mode === 'box' && settings.box ? settings.box.ownStore() : previewStore;
    if (!own) throw new DataboxError('store-not-granted', 'this app has no store of its own on this box', { status: 503, node: nodeRef(config), hint: 'Rebuild the app: a flow with an app store node asks for one in its manifest.' });
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

async function apply(store: OwnStore, config: StoreConfig, msg: NodeMessage): Promise<NodeMessage> {
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
      await store.kvSet(id, storeKey(config, msg), msg.payload);
      return msg;
    case 'kv-get': {
      const value = await store.kvGet(id, storeKey(config, msg));
      msg.payload = value === undefined ? null : value;
      return msg;
    }
  }
}
