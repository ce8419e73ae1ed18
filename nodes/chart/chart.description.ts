import { stringProp } from '../../core/flow/flow.types';
import type { NodeDescription } from '../../core/nodes/node-description';

export const CHART_STYLES = ['line', 'bar', 'gauge'] as const;

export const chartDescription: NodeDescription = {
  type: 'databox-chart',
  category: 'databox',
  paletteLabel: 'chart',
  color: '#80b1d3',
  icon: 'databox-chart.svg',
  inputs: 1,
  outputs: 0,
  defaults: {
    name: { value: '' },
    label: { value: '' },
    chart: { value: 'line' },
    unit: { value: '' },
    points: { value: 100 },
    min: { value: 0 },
    max: { value: 100 },
  },
  contributes: () => [],
  problems(node) {
    const style = stringProp(node, 'chart') || 'line';
    return (CHART_STYLES as readonly string[]).includes(style) ? [] : [`Chart type "${style}" is unknown; use line, bar or gauge.`];
  },
};
