/**
 * Node-RED runtime part of `databox-chart`: a line, bar or gauge chart on the app's page.
 * Registers its widget on the UI bus at deploy and publishes each message's numbers.
 */
import { numberProp, stringProp } from '../../core/flow/flow.types';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { settingsRefusal } from '../shared/node.start';
import { refuseNode, shortText } from '../shared/node.status';
import { runWidget, widgetLabel } from '../shared/widget.node';
import { chartDescription } from './chart.description';
import { chartPoints } from './chart.points';

export = function register(RED: NodeAPI): void {
  function ChartNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    const refusal = settingsRefusal(chartDescription, config);
    if (refusal) return refuseNode(this, refusal);
    const points = numberProp(config, 'points', 100);
    const label = widgetLabel(stringProp(config, 'label'), this.name, 'Chart');
    const unit = stringProp(config, 'unit');
    runWidget(this, {
      id: this.id, kind: 'chart', label, style: stringProp(config, 'chart') || 'line', capacity: points,
      min: numberProp(config, 'min', 0), max: numberProp(config, 'max', 100), order: numberProp(config, 'y', 0),
      ...(unit ? { unit } : {}),
    }, (msg) => chartPoints(msg, label, Date.now()), (update) => (update.kind === 'chart' ? `${shortText(update.value)}${unit ? ` ${unit}` : ''}` : ''));
  }
  RED.nodes.registerType('databox-chart', ChartNode);
};
