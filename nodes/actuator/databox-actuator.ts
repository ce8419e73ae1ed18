/**
 * Node-RED runtime part of `databox-actuator`: writes `msg.payload` to an actuator source
 * (switch a light, set a thermostat). The value is checked against the type's schema first.
 * Preview: nothing leaves the workspace; the node reports what it would have sent (status,
 * log, and a report on the editor's comms for the studio's Preview sidebar). Box:
 * `box.actuate` on the granted actuator.
 */
import { datasourceTypeOrGeneric } from '../../core/catalogue/catalogue';
import { stringProp } from '../../core/flow/flow.types';
import { deriveClientId } from '../../core/nodes/clientid';
import { DataboxError } from '../../core/errors';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { nodeRef } from '../shared/node.ref';
import { failInput, shortText } from '../shared/node.status';
import { startChecked } from '../shared/node.start';
import { previewReport, publishPreview } from '../shared/preview.outbox';
import { valueProblem } from '../../core/catalogue/catalogue.value';
import { actuatorDescription } from './actuator.description';

export = function register(RED: NodeAPI): void {
  function ActuatorNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    startActuator(RED, this, config);
  }
  RED.nodes.registerType('databox-actuator', ActuatorNode);
};

function startActuator(RED: NodeAPI, node: Node, config: NodeConfig): void {
  const settings = startChecked(RED, node, config, actuatorDescription);
  if (!settings) return;
  const type = datasourceTypeOrGeneric(stringProp(config, 'datasourceType'));
  const clientid = deriveClientId(config);
  const box = settings.mode === 'box' ? settings.box : undefined;
  node.status(box ? { fill: 'green', shape: 'ring', text: `ready: ${type.id}` } : { fill: 'blue', shape: 'ring', text: `preview: ${type.id}` });

  node.on('input', (msg, _send, done) => {
    const problem = valueProblem(type.schema, msg.payload, 'msg.payload');
    if (problem) {
      const error = new DataboxError('actuator-value-invalid', `${problem} for ${type.id} (${type.description}); nothing was sent`, { node: nodeRef(node), hint: 'Convert the value before the actuator, e.g. with a change or function node.' });
      failInput(node, done, error);
      return;
    }
    if (!box) {
      node.status({ fill: 'blue', shape: 'dot', text: `would send ${shortText(msg.payload)}` });
      node.log(`preview: would actuate ${clientid} (${type.id}) with ${JSON.stringify(msg.payload)}`);
      publishPreview(RED, previewReport(node, 'actuator', `${clientid} (${type.id})`, msg.payload));
      done();
      return;
    }
    const source = box.source(clientid);
    if (!source || !source.actuator) {
      const error = new DataboxError('actuator-not-bound', `no actuator is bound to "${clientid}" on this box; nothing was sent`, { status: 503, node: nodeRef(node), hint: 'Reinstall the app and pick a device for this actuator.' });
      failInput(node, done, error);
      return;
    }
    box.actuate(source, msg.payload).then(() => {
      node.status({ fill: 'green', shape: 'dot', text: `sent ${shortText(msg.payload)}` });
      done();
    }, (error: unknown) => failInput(node, done, error));
  });
}
