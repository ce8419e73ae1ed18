import { stringProp } from '../../core/flow/flow.types';
import type { NodeDescription } from '../../core/nodes/node-description';

export const TEXT_FORMATS = ['plain', 'markdown'] as const;

export const textDescription: NodeDescription = {
  type: 'databox-text',
  category: 'app ui',
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
  problems(node) {
    const format = stringProp(node, 'format') || 'markdown';
    return (TEXT_FORMATS as readonly string[]).includes(format) ? [] : [`Text format "${format}" is unknown; use plain or markdown.`];
  },
};
