/**
 * Node-RED runtime part of `databox-list`: a table or list on the app's page, one row per
 * message (or per element of an array payload), keeping the newest `rows`.
 */
import { numberProp, stringProp } from '../../core/flow/flow.types';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { settingsRefusal } from '../shared/node.start';
import { refuseNode } from '../shared/node.status';
import { runWidget, widgetLabel } from '../shared/widget.node';
import { listDescription } from './list.description';
import { listRows } from './list.rows';

export = function register(RED: NodeAPI): void {
  function ListNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    const style = stringProp(config, 'style') || 'table';
    const rows = numberProp(config, 'rows', 20);
    const refusal = settingsRefusal(listDescription, config);
    if (refusal) return refuseNode(this, refusal);
    runWidget(this, {
      id: this.id, kind: 'list', label: widgetLabel(stringProp(config, 'label'), this.name, 'List'), style, capacity: rows,
      order: numberProp(config, 'y', 0),
    }, listRows, () => 'row added');
  }
  RED.nodes.registerType('databox-list', ListNode);
};
