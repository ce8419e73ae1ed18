/**
 * One shape for readings in both modes. A box's numeric time-series store answers rows as
 * `{timestamp, data: {value: 0.7}}`, while preview simulates the reading itself (`0.7`); the
 * nodes hand flows the reading itself, so the same flow runs unchanged in preview and on a
 * box. `data` with tags besides `value` (`{value, room}`) is kept whole: the tags matter.
 *
 * @example
 * unwrapReading({ value: 0.7 });              // 0.7
 * unwrapReading({ value: 21, room: 'hall' }); // { value: 21, room: 'hall' }
 * unwrapResult([{ timestamp: 1, data: { value: 2 } }]);   // [{ timestamp: 1, data: 2 }]
 */
import type { ReadResult, TimeSeriesRow } from '../../core/protocol';

export function unwrapReading(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const keys = Object.keys(data);
  return keys.length === 1 && keys[0] === 'value' ? (data as { value: unknown }).value : data;
}

export function unwrapRow(row: TimeSeriesRow): TimeSeriesRow {
  return { timestamp: row.timestamp, data: unwrapReading(row.data) };
}

export function unwrapResult(result: ReadResult): ReadResult {
  return Array.isArray(result) ? result.map(unwrapRow) : result;
}
