import { stringProp } from '../../core/flow/flow.types';
import type { NodeDescription } from '../../core/nodes/node-description';

export const STORE_OPERATIONS = ['write', 'read-latest', 'read-last', 'kv-set', 'kv-get'] as const;

export const appDataDescription: NodeDescription = {
  type: 'databox-store',
  category: 'databox',
  paletteLabel: 'app data',
  color: '#bebada',
  icon: 'databox-store.svg',
  inputs: 1,
  outputs: 1,
  defaults: {
    name: { value: '' },
    datasourceId: { value: 'results', required: true },
    operation: { value: 'write' },
    key: { value: '' },
    count: { value: 10 },
  },
  contributes() {
    return [{ kind: 'own-datastore' }];
  },
  problems(node) {
    const problems: string[] = [];
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(stringProp(node, 'datasourceId'))) problems.push('Name the series or key space (a letter, then letters, digits, "_" or "-").');
    const op = stringProp(node, 'operation') || 'write';
    if (!(STORE_OPERATIONS as readonly string[]).includes(op)) problems.push(`Operation "${op}" is unknown; use one of ${STORE_OPERATIONS.join(', ')}.`);
    return problems;
  },
};
