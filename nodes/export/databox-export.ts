/**
 * Node-RED runtime part of `databox-export`: sends `msg.payload` off the box to the URL
 * fixed in the node (never one from the message: the owner approved exactly this URL).
 * Preview: nothing is sent; the node reports what it would have sent (status, log, and a
 * report on the editor's comms for the studio's Preview sidebar) and passes the message on
 * with `msg.export = {url, data, sent: false}`. Box: through the export service
 * (`box.export`), passing the message on with `msg.export = {url, sent: true, id, state, ...}`.
 */
import { stringProp } from '../../core/flow/flow.types';
import { DataboxError } from '../../core/errors';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { nodeRef } from '../shared/node.ref';
import { failInput, shortText } from '../shared/node.status';
import { startChecked } from '../shared/node.start';
import { previewReport, publishPreview } from '../shared/preview.outbox';
import { exportDescription } from './export.description';

export = function register(RED: NodeAPI): void {
  function ExportNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    startExport(RED, this, config);
  }
  RED.nodes.registerType('databox-export', ExportNode);
};

function startExport(RED: NodeAPI, node: Node, config: NodeConfig): void {
  const settings = startChecked(RED, node, config, exportDescription);
  if (!settings) return;
  const url = stringProp(config, 'url').trim();
  const host = new URL(url).host;
  const box = settings.mode === 'box' ? settings.box : undefined;
  node.status(box ? { fill: 'green', shape: 'ring', text: `to ${host}` } : { fill: 'blue', shape: 'ring', text: `preview: to ${host}` });

  node.on('input', (msg, send, done) => {
    if (msg.payload === undefined) {
      const error = new DataboxError('export-payload-missing', 'msg.payload is empty; nothing was exported', { node: nodeRef(node), hint: 'Set msg.payload to the data to send.' });
      failInput(node, done, error);
      return;
    }
    if (!box) {
      node.status({ fill: 'blue', shape: 'dot', text: `would send ${shortText(msg.payload)}` });
      node.log(`preview: would export to ${url}: ${shortText(msg.payload)}`);
      publishPreview(RED, previewReport(node, 'export', url, msg.payload));
      msg.export = { url, data: msg.payload, sent: false, mode: 'preview' };
      send(msg);
      done();
      return;
    }
    box.export(url, msg.payload).then((result) => {
      node.status({ fill: 'green', shape: 'dot', text: `${result.state}: ${shortText(msg.payload)}` });
      msg.export = { url, sent: true, mode: 'box', ...result };
      send(msg);
      done();
    }, (error: unknown) => failInput(node, done, error));
  });
}
