import { stringProp } from '../../core/flow/flow.types';
import { DATASOURCE_TYPE_ID, findDatasourceType } from '../../core/catalogue/catalogue';
import { deriveClientId, CLIENT_ID } from '../../core/nodes/clientid';
import type { NodeDescription } from '../../core/nodes/node-description';

export const actuatorDescription: NodeDescription = {
  type: 'databox-actuator',
  category: 'actuators',
  paletteLabel: 'actuator',
  color: '#fb8072',
  icon: 'databox-actuator.svg',
  inputs: 1,
  outputs: 0,
  defaults: {
    name: { value: '' },
    datasourceType: { value: 'set-light-on', required: true },
    clientid: { value: '' },
  },
  contributes(node) {
    const type = stringProp(node, 'datasourceType');
    const name = stringProp(node, 'name') || findDatasourceType(type)?.description;
    return [{ kind: 'actuator', clientid: deriveClientId(node), type, ...(name ? { name } : {}) }];
  },
  problems(node) {
    const problems: string[] = [];
    const type = stringProp(node, 'datasourceType');
    if (!DATASOURCE_TYPE_ID.test(type)) problems.push('Choose an actuator type (such as set-light-on).');
    const known = findDatasourceType(type);
    if (known && !known.actuator) problems.push(`"${type}" is a sensor, not an actuator: read it with a datasource node instead.`);
    const clientid = stringProp(node, 'clientid');
    if (clientid !== '' && !CLIENT_ID.test(clientid)) problems.push('The client id must start with a letter and use only letters, digits, "_" or "-"; or leave it empty to derive one.');
    return problems;
  },
};
