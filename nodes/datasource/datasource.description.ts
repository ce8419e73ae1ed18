import { booleanProp, numberProp, stringProp, type FlowNode } from '../../core/flow/flow.types';
import { parseDuration, parseTime } from '../shared/duration.parse';
import { DATASOURCE_TYPE_ID, findDatasourceType } from '../../core/catalogue/catalogue';
import { deriveClientId, CLIENT_ID } from '../../core/nodes/clientid';
import type { NodeDescription } from '../../core/nodes/node-description';

export const DATASOURCE_MODES = ['observe', 'latest', 'last', 'since', 'range'] as const;
export type DatasourceMode = (typeof DATASOURCE_MODES)[number];
export const AGGREGATIONS = ['none', 'sum', 'count', 'min', 'max', 'mean', 'median', 'sd'] as const;
export const MIN_INTERVAL_MS = 10;
export const MAX_COUNT = 100_000;

/**
 * What is wrong with a since / range window, times relative to `now` (the build's clock at
 * build, the runtime's at start).
 */
export function windowProblems(node: FlowNode, mode: 'since' | 'range', now: number): string[] {
  if (mode === 'since') {
    const since = stringProp(node, 'since') || '1h';
    return parseDuration(since) !== undefined || parseTime(since, now) !== undefined ? [] : [`"since" is "${since}": use a duration such as 15m, 2h or 1d, or a date such as 2026-01-31T12:00:00Z.`];
  }
  const from = parseTime(stringProp(node, 'from'), now);
  const toText = stringProp(node, 'to');
  const to = toText.trim() === '' ? now : parseTime(toText, now);
  if (from === undefined || to === undefined) return ['Set "from" (and optionally "to") to a date such as 2026-01-31T12:00:00Z, ms since 1970, or a duration before now such as 2h.'];
  return from > to ? ['"from" is after "to": swap them.'] : [];
}

export const datasourceDescription: NodeDescription = {
  type: 'databox-datasource',
  category: 'data sources',
  paletteLabel: 'datasource',
  color: '#8dd3c7',
  icon: 'databox-datasource.svg',
  inputs: 1,
  outputs: 1,
  defaults: {
    name: { value: '' },
    datasourceType: { value: 'loadavg1', required: true },
    clientid: { value: '' },
    mode: { value: 'observe' },
    count: { value: 10 },
    since: { value: '1h' },
    from: { value: '' },
    to: { value: '' },
    aggregation: { value: 'none' },
    interval: { value: 0 },
    required: { value: true },
    seed: { value: '' },
  },
  contributes(node) {
    const type = stringProp(node, 'datasourceType');
    const name = stringProp(node, 'name') || findDatasourceType(type)?.description;
    return [{
      kind: 'datasource', clientid: deriveClientId(node), type, required: booleanProp(node, 'required', true),
      ...(name ? { name } : {}),
    }];
  },
  problems(node) {
    const problems: string[] = [];
    if (!DATASOURCE_TYPE_ID.test(stringProp(node, 'datasourceType'))) problems.push('Choose a data-source type (a catalogue type such as loadavg1, or a type name of letters, digits, ".", "_" or "-").');
    const clientid = stringProp(node, 'clientid');
    if (clientid !== '' && !CLIENT_ID.test(clientid)) problems.push('The client id must start with a letter and use only letters, digits, "_" or "-"; or leave it empty to derive one.');
    const mode = stringProp(node, 'mode') || 'observe';
    if (!(DATASOURCE_MODES as readonly string[]).includes(mode)) problems.push(`Mode "${mode}" is unknown; use one of ${DATASOURCE_MODES.join(', ')}.`);
    if (findDatasourceType(stringProp(node, 'datasourceType'))?.actuator) problems.push('This type is an actuator: use an actuator node to write to it.');
    const count = numberProp(node, 'count', 10);
    if (mode === 'last' && !(Number.isInteger(count) && count >= 1 && count <= MAX_COUNT)) problems.push(`Set "last N" to a whole number from 1 to ${MAX_COUNT}.`);
    const interval = numberProp(node, 'interval', 0);
    if (interval !== 0 && !(interval >= MIN_INTERVAL_MS)) problems.push(`Set the interval to 0 (the type's own rate) or at least ${MIN_INTERVAL_MS} ms.`);
    const aggregation = stringProp(node, 'aggregation') || 'none';
    if (!(AGGREGATIONS as readonly string[]).includes(aggregation)) problems.push(`Aggregation "${aggregation}" is unknown; use none, sum, count, min, max, mean, median or sd.`);
    if (mode === 'since' || mode === 'range') problems.push(...windowProblems(node, mode, Date.now()));
    return problems;
  },
};
