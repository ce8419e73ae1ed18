import { stringProp } from '../../core/flow/flow.types';
import type { NodeDescription } from '../../core/nodes/node-description';

export const LIST_STYLES = ['table', 'list'] as const;

export const listDescription: NodeDescription = {
  type: 'databox-list',
  category: 'databox',
  paletteLabel: 'list',
  color: '#80b1d3',
  icon: 'databox-list.svg',
  inputs: 1,
  outputs: 0,
  defaults: {
    name: { value: '' },
    label: { value: '' },
    style: { value: 'table' },
    rows: { value: 20 },
  },
  contributes: () => [],
  problems(node) {
    const style = stringProp(node, 'style') || 'table';
    return (LIST_STYLES as readonly string[]).includes(style) ? [] : [`List style "${style}" is unknown; use table or list.`];
  },
};
