/**
 * Node-RED runtime part of `databox-text`: a plain-text or markdown panel on the app's page
 * showing the latest message. The page renders markdown; this node only publishes text.
 */
import { numberProp, stringProp } from '../../core/flow/flow.types';
import type { Node, NodeAPI, NodeConfig } from '../red.types';
import { settingsRefusal } from '../shared/node.start';
import { refuseNode, shortText } from '../shared/node.status';
import { runWidget, widgetLabel } from '../shared/widget.node';
import { textDescription } from './text.description';
import { textContent } from './text.content';

export = function register(RED: NodeAPI): void {
  function TextNode(this: Node, config: NodeConfig): void {
    RED.nodes.createNode(this, config);
    const format = stringProp(config, 'format') || 'markdown';
    const refusal = settingsRefusal(textDescription, config);
    if (refusal) return refuseNode(this, refusal);
    runWidget(this, {
      id: this.id, kind: 'text', label: widgetLabel(stringProp(config, 'label'), this.name, 'Text'), style: format, capacity: 1,
      order: numberProp(config, 'y', 0),
    }, textContent, (update) => (update.kind === 'text' ? shortText(update.text) : ''));
  }
  RED.nodes.registerType('databox-text', TextNode);
};
