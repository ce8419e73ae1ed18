/**
 * An app data node's saved properties, checked once (pure), and the key a message uses.
 *
 * @example
 * const config = readAppDataConfig({ id: 's1', type: 'databox-store', datasourceId: 'results', operation: 'kv-set', key: '' });
 * appDataKey(config, { topic: 'today' });   // 'today'
 */
import { DataboxError } from '../../core/errors';
import { numberProp, stringProp, type FlowNode } from '../../core/flow/flow.types';
import type { NodeMessage } from '../red.types';
import { settingsRefusal } from '../shared/node.start';
import { APP_DATA_KEY, STORE_OPERATIONS, appDataDescription } from './app-data.description';

export type StoreOperation = (typeof STORE_OPERATIONS)[number];

export interface AppDataConfig {
  datasourceId: string;
  operation: StoreOperation;
  key: string;
  count: number;
}

/** The settings as the node uses them; refused with the description's problems, and only those. */
export function readAppDataConfig(node: FlowNode): AppDataConfig {
  const refusal = settingsRefusal(appDataDescription, node);
  if (refusal) throw refusal;
  const text = stringProp(node, 'operation') || 'write';
  const operation: StoreOperation = isOperation(text) ? text : 'write';
  return { datasourceId: stringProp(node, 'datasourceId'), operation, key: stringProp(node, 'key').trim(), count: numberProp(node, 'count', 10) };
}

/** The key for kv operations: the node's own key, else `msg.topic`; refused when invalid. */
export function appDataKey(config: AppDataConfig, msg: NodeMessage): string {
  const key = config.key || (typeof msg.topic === 'string' ? msg.topic : '');
  if (!APP_DATA_KEY.test(key)) {
    throw new DataboxError('store-key-invalid', key === '' ? 'no key: the node has none and msg.topic is empty' : `"${key.slice(0, 40)}" is not a valid key`, {
      hint: 'Set the key in the node, or msg.topic to letters, digits, ".", "_" or "-" (at most 128).',
    });
  }
  return key;
}

function isOperation(value: string): value is StoreOperation {
  return (STORE_OPERATIONS as readonly string[]).includes(value);
}
