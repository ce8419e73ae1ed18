/**
 * The app's own store in preview: kept in memory, answering the same reads as the box's
 * store (time series with history modes and aggregations, key-value). Values are copied as
 * JSON on the way in, like the real store's HTTP API, so a later change to a message never
 * changes what was stored, and a value JSON cannot carry is refused.
 *
 * @example
 * const store = createMemoryStore();
 * await store.write('results', 3);
 * await store.read('results', { kind: 'latest' });   // [{ timestamp, data: 3 }]
 */
import { DataboxError } from '../../core/errors';
import type { OwnDataStore, TimeSeriesRow } from '../../runtime/box-client/box-client.types';
import { readRows } from '../shared/history.select';

const MAX_ROWS = 10_000;

export function createMemoryStore(clock: () => number = Date.now): OwnDataStore {
  const series = new Map<string, TimeSeriesRow[]>();
  const kv = new Map<string, Map<string, string>>();
  return {
    async write(datasourceId, value) {
      const rows = series.get(datasourceId) ?? [];
      rows.push({ timestamp: clock(), data: JSON.parse(toJson(value)) });
      if (rows.length > MAX_ROWS) rows.splice(0, rows.length - MAX_ROWS);
      series.set(datasourceId, rows);
    },
    async read(datasourceId, query, options) {
      return readRows(series.get(datasourceId) ?? [], query, options);
    },
    async kvSet(datasourceId, key, value) {
      const space = kv.get(datasourceId) ?? new Map<string, string>();
      space.set(key, toJson(value));
      kv.set(datasourceId, space);
    },
    async kvGet(datasourceId, key) {
      const text = kv.get(datasourceId)?.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
  };
}

function toJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new DataboxError('store-value-invalid', 'this value cannot be stored: it is not plain JSON', { cause: error, hint: 'Store numbers, strings, booleans, arrays or plain objects.' });
  }
  if (text === undefined) throw new DataboxError('store-value-invalid', 'this value cannot be stored: it is empty or a function', { hint: 'Set msg.payload to the value to store.' });
  return text;
}
