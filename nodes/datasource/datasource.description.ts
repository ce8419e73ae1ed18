import { booleanProp, stringProp } from '../../core/flow/flow.types';
import { DATASOURCE_TYPE_ID, findDatasourceType } from '../../core/catalogue/catalogue';
import { deriveClientId, CLIENT_ID } from '../../core/nodes/clientid';
import type { NodeDescription } from '../../core/nodes/node-description';

export const DATASOURCE_MODES = ['observe', 'latest', 'last', 'since', 'range'] as const;
export type DatasourceMode = (typeof DATASOURCE_MODES)[number];
export const AGGREGATIONS = ['none', 'sum', 'count', 'min', 'max', 'mean', 'median', 'sd'] as const;

export const datasourceDescription: NodeDescription = {
  type: 'databox-datasource',
  category: 'databox',
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
    return problems;
  },
};
