import { numberProp, stringProp } from '../../core/flow/flow.types';
import type { NodeDescription } from '../../core/nodes/node-description';

export const CHART_STYLES = ['line', 'bar', 'gauge'] as const;
/** Most points (chart) or rows (list) a page widget keeps. */
export const MAX_KEPT = 10_000;

export const chartDescription: NodeDescription = {
  type: 'databox-chart',
  category: 'app ui',
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
    const problems: string[] = [];
    const style = stringProp(node, 'chart') || 'line';
    if (!(CHART_STYLES as readonly string[]).includes(style)) problems.push(`Chart type "${style}" is unknown; use line, bar or gauge.`);
    const points = numberProp(node, 'points', 100);
    if (!(Number.isInteger(points) && points >= 1 && points <= MAX_KEPT)) problems.push(`Set the points kept to a whole number from 1 to ${MAX_KEPT}.`);
    return problems;
  },
};
