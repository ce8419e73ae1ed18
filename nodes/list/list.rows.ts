/**
 * What a message becomes in a list (pure): an object payload is one row; an array is one row
 * per element (history rows `{timestamp, data}` included); a plain value is a row
 * `{topic, value}`.
 *
 * @example
 * listRows({ payload: { room: 'hall', t: 21 } });   // [{ kind: 'list', row: { room: 'hall', t: 21 } }]
 */
import type { WidgetUpdate } from '../../core/ui-bus';
import type { NodeMessage } from '../red.types';

type ListRow = Extract<WidgetUpdate, { kind: 'list' }>;

export function listRows(msg: NodeMessage): ListRow[] {
  const items = Array.isArray(msg.payload) ? msg.payload : [msg.payload];
  return items.map((item) => ({ kind: 'list', row: toRow(item, msg.topic) }));
}

function toRow(item: unknown, topic: string | undefined): Record<string, unknown> {
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) return { ...item };
  return { ...(topic ? { topic } : {}), value: item ?? null };
}
