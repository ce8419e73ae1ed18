/**
 * Node-RED runtime part of `databox-private-export`: sends one number (laplace) or one listed
 * category (randomized response) from `msg.payload` to the URL fixed in the node, where the
 * box's export service, not this node, clamps it, adds the noise, spends the period's budget
 * and sends only the noisy report. The value is checked here too, so a flow sees its mistake
 * at once. Preview: nothing is sent; the node reports a sample of the noisy report the box
 * would send (drawn with the same mechanism) and passes the message on with
 * `msg.export = {url, data: <report>, sent: false, private: true}`. Box: `msg.export = {url,
 * sent: true, private: true, id, state, ...}` (the app never learns the report itself).
 */
import { stringProp } from '../../core/flow/flow.types';
import { DataboxError } from '../../core/errors';
import { laplaceReport, randomizedResponse } from '../../core/privacy/privacy.mechanism';
import { cryptoRandom } from '../../core/privacy/privacy.random';
import { privateValueProblem } from '../../core/privacy/privacy.validate';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { nodeRef } from '../shared/node.ref';
import { failInput, shortText } from '../shared/node.status';
import { startChecked } from '../shared/node.start';
import { previewReport, publishPreview } from '../shared/preview.outbox';
import { privateExportDescription, privateExportSpec } from './private-export.description';

export = function register(RED: NodeAPI): void {
  function PrivateExportNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    startPrivateExport(RED, this, config);
  }
  RED.nodes.registerType('databox-private-export', PrivateExportNode);
};

function startPrivateExport(RED: NodeAPI, node: Node, config: NodeConfig): void {
  const settings = startChecked(RED, node, config, privateExportDescription);
  const spec = privateExportSpec(config).spec;
  if (!settings || !spec) return;
  const url = stringProp(config, 'url').trim();
  const host = new URL(url).host;
  const box = settings.mode === 'box' ? settings.box : undefined;
  const rate = `ε ${spec.epsilon}/${spec.period}`;
  node.status(box ? { fill: 'green', shape: 'ring', text: `private to ${host} (${rate})` } : { fill: 'blue', shape: 'ring', text: `preview: private to ${host} (${rate})` });

  node.on('input', (msg, send, done) => {
    const problem = privateValueProblem(spec, msg.payload);
    if (problem) {
      const hint = spec.mechanism === 'laplace' ? 'Set msg.payload to one number (a change or function node can pick it out of a record).' : `Set msg.payload to one of: ${spec.categories.join(', ')}.`;
      failInput(node, done, new DataboxError('private-value-invalid', `${url} is a private destination: ${problem}; nothing was exported`, { node: nodeRef(node), hint }));
      return;
    }
    if (!box) {
      const report = spec.mechanism === 'laplace' ? laplaceReport(spec, Number(msg.payload), cryptoRandom) : randomizedResponse(spec, String(msg.payload), cryptoRandom);
      const shown = 'value' in report ? Number(report.value.toPrecision(4)) : report.category;
      node.status({ fill: 'blue', shape: 'dot', text: `would send a noisy ${shortText(shown)}` });
      node.log(`preview: would export privately to ${url}: ${JSON.stringify(report)} (from ${shortText(msg.payload)}; the box draws its own noise)`);
      publishPreview(RED, previewReport(node, 'export', url, report));
      msg.export = { url, data: report, sent: false, private: true, mode: 'preview' };
      send(msg);
      done();
      return;
    }
    box.export(url, msg.payload).then((result) => {
      node.status({ fill: 'green', shape: 'dot', text: `${result.state}: noisy report of ${shortText(msg.payload)}` });
      msg.export = { url, sent: true, private: true, mode: 'box', ...result };
      send(msg);
      done();
    }, (error: unknown) => failInput(node, done, error));
  });
}
