/**
 * Node-RED runtime part of `databox-list`: a table or list on the app's page, one row per
 * message (or per element of an array payload), keeping the newest `rows`.
 */
import { numberProp, stringProp } from '../../core/flow/flow.types';
import { DataboxError } from '../../core/errors';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { nodeRef } from '../shared/node.ref';
import { refuseNode } from '../shared/node.status';
import { runWidget, widgetLabel } from '../shared/widget.node';
import { listDescription } from './list.description';
import { listRows } from './list.rows';

export = function register(RED: NodeAPI): void {
  function ListNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    const style = stringProp(config, 'style') || 'table';
    const rows = numberProp(config, 'rows', 20);
    const problems = listDescription.problems(config);
    if (!(Number.isInteger(rows) && rows >= 1 && rows <= 10_000)) problems.push('Set the rows kept to a whole number from 1 to 10000.');
    if (problems.length > 0) {
      refuseNode(this, new DataboxError('node-config-invalid', problems.join(' '), { node: nodeRef(config), hint: 'Open the node in the editor and fix its settings.' }));
      return;
    }
    runWidget(this, {
      id: this.id, kind: 'list', label: widgetLabel(stringProp(config, 'label'), this.name, 'List'), style, capacity: rows,
      order: numberProp(config, 'y', 0),
    }, listRows, () => 'row added');
  }
  RED.nodes.registerType('databox-list', ListNode);
};
