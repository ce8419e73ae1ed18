import { numberProp, stringProp } from '../../core/flow/flow.types';
import type { NodeDescription } from '../../core/nodes/node-description';

export const STORE_OPERATIONS = ['write', 'read-latest', 'read-last', 'kv-set', 'kv-get'] as const;
export const APP_DATA_KEY = /^[A-Za-z0-9_.-]{1,128}$/;
export const MAX_READ_COUNT = 100_000;

export const appDataDescription: NodeDescription = {
  type: 'databox-store',
  category: 'processing',
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
    const count = numberProp(node, 'count', 10);
    if (op === 'read-last' && !(Number.isInteger(count) && count >= 1 && count <= MAX_READ_COUNT)) problems.push(`Set "last N" to a whole number from 1 to ${MAX_READ_COUNT}.`);
    const key = stringProp(node, 'key').trim();
    if (key !== '' && !APP_DATA_KEY.test(key)) problems.push('The key may use only letters, digits, ".", "_" or "-" (at most 128); or leave it empty to use msg.topic.');
    return problems;
  },
};
