/**
 * An app-store node's saved properties, checked once (pure), and the key a message uses.
 *
 * @example
 * const config = readAppDataConfig({ id: 's1', type: 'databox-store', datasourceId: 'results', operation: 'kv-set', key: '' });
 * appDataKey(config, { topic: 'today' });   // 'today'
 */
import { DataboxError } from '../../core/errors';
import { numberProp, stringProp, type FlowNode } from '../../core/flow/flow.types';
import type { NodeMessage } from '../red.types';
import { nodeRef } from '../shared/node.ref';
import { STORE_OPERATIONS, appDataDescription } from './app-data.description';

export type StoreOperation = (typeof STORE_OPERATIONS)[number];
export const STORE_KEY = /^[A-Za-z0-9_.-]{1,128}$/;

export interface AppDataConfig {
  datasourceId: string;
  operation: StoreOperation;
  key: string;
  count: number;
}

export function readAppDataConfig(node: FlowNode): AppDataConfig {
  const problems = [...appDataDescription.problems(node)];
  const text = stringProp(node, 'operation') || 'write';
  const operation: StoreOperation = isOperation(text) ? text : 'write';
  const count = numberProp(node, 'count', 10);
  if (operation === 'read-last' && !(Number.isInteger(count) && count >= 1 && count <= 100_000)) problems.push('Set "last N" to a whole number from 1 to 100000.');
  const key = stringProp(node, 'key').trim();
  if (key !== '' && !STORE_KEY.test(key)) problems.push('The key may use only letters, digits, ".", "_" or "-" (at most 128); or leave it empty to use msg.topic.');
  if (problems.length > 0) throw new DataboxError('node-config-invalid', problems.join(' '), { node: nodeRef(node), hint: 'Open the node in the editor and fix its settings.' });
  return { datasourceId: stringProp(node, 'datasourceId'), operation, key, count };
}

/** The key for kv operations: the node's own key, else `msg.topic`; refused when invalid. */
export function appDataKey(config: AppDataConfig, msg: NodeMessage): string {
  const key = config.key || (typeof msg.topic === 'string' ? msg.topic : '');
  if (!STORE_KEY.test(key)) {
    throw new DataboxError('store-key-invalid', key === '' ? 'no key: the node has none and msg.topic is empty' : `"${key.slice(0, 40)}" is not a valid key`, {
      hint: 'Set the key in the node, or msg.topic to letters, digits, ".", "_" or "-" (at most 128).',
    });
  }
  return key;
}

function isOperation(value: string): value is StoreOperation {
  return (STORE_OPERATIONS as readonly string[]).includes(value);
}
