import { numberProp, stringProp } from '../../core/flow/flow.types';
import { MAX_KEPT } from '../chart/chart.description';
import type { NodeDescription } from '../../core/nodes/node-description';

export const LIST_STYLES = ['table', 'list'] as const;

export const listDescription: NodeDescription = {
  type: 'databox-list',
  category: 'app ui',
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
    const problems: string[] = [];
    const style = stringProp(node, 'style') || 'table';
    if (!(LIST_STYLES as readonly string[]).includes(style)) problems.push(`List style "${style}" is unknown; use table or list.`);
    const rows = numberProp(node, 'rows', 20);
    if (!(Number.isInteger(rows) && rows >= 1 && rows <= MAX_KEPT)) problems.push(`Set the rows kept to a whole number from 1 to ${MAX_KEPT}.`);
    return problems;
  },
};
