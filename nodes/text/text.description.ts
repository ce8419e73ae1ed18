import type { NodeDescription } from '../../core/nodes/node-description';

export const textDescription: NodeDescription = {
  type: 'databox-text',
  category: 'databox',
  paletteLabel: 'text',
  color: '#80b1d3',
  icon: 'databox-text.svg',
  inputs: 1,
  outputs: 0,
  defaults: {
    name: { value: '' },
    label: { value: '' },
    format: { value: 'markdown' },
  },
  contributes: () => [],
  problems: () => [],
};
