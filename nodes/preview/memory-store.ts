/**
 * The app's own datastore in preview: kept in memory, answering reads as the box's datastore
 * does through the box client (core/protocol's readRows): a number, or an object with a
 * numeric `value`, goes to a numeric series stored as `{value, ...tags}`; anything else to a
 * blob series; a read looks in the numeric series first; a series never written reads as
 * empty. Values are copied as JSON on the way in, like the datastore's HTTP API, so a later
 * change to a message never changes what was stored, and a value JSON cannot carry is refused.
 *
 * @example
 * const store = createMemoryStore();
 * await store.write('results', 3);
 * await store.read('results', { kind: 'latest' });   // [{ timestamp, data: { value: 3 } }]
 */
import { DataboxError } from '../../core/errors';
import { readRows, type SeriesKind, type TimeSeriesRow } from '../../core/protocol';
import { parseBlob, parsePoint, type BlobInput, type PointInput } from '../../core/protocol/datastore.points';
import type { OwnDataStore } from '../../runtime/box-client/box-client.types';

const MAX_ROWS = 10_000;

export function createMemoryStore(clock: () => number = Date.now): OwnDataStore {
  const series = new Map<string, TimeSeriesRow[]>();
  const kv = new Map<string, Map<string, string>>();
  const key = (kind: SeriesKind, id: string): string => `${kind}\n${id}`;
  return {
    async write(datasourceId, value) {
      const data: unknown = JSON.parse(toJson(value));
      const numeric = typeof data === 'number' || (typeof data === 'object' && data !== null && 'value' in data && typeof data.value === 'number');
      const kind: SeriesKind = numeric ? 'ts' : 'ts/blob';
      // Checked as the datastore checks a write (core/protocol): what it refuses, preview refuses.
      const row = numeric ? pointRow(parsePoint(typeof data === 'number' ? { value: data } : data, undefined, clock())) : blobRow(parseBlob(data, clock()));
      const rows = series.get(key(kind, datasourceId)) ?? [];
      rows.push(row);
      if (rows.length > MAX_ROWS) rows.splice(0, rows.length - MAX_ROWS);
      series.set(key(kind, datasourceId), rows);
    },
    async read(datasourceId, query, options) {
      const blob = series.get(key('ts/blob', datasourceId));
      const numeric = series.get(key('ts', datasourceId));
      return !numeric && blob ? readRows('ts/blob', blob, query, options) : readRows('ts', numeric ?? [], query, options);
    },
    async kvSet(datasourceId, k, value) {
      const space = kv.get(datasourceId) ?? new Map<string, string>();
      space.set(k, toJson(value));
      kv.set(datasourceId, space);
    },
    async kvGet(datasourceId, k) {
      const text = kv.get(datasourceId)?.get(k);
      return text === undefined ? undefined : JSON.parse(text);
    },
  };
}

/** A stored point as a read answers it: `{value, ...tags}`. */
function pointRow(point: PointInput): TimeSeriesRow {
  return { timestamp: point.timestamp, data: { value: point.value, ...(point.tags === null ? {} : JSON.parse(point.tags)) } };
}

function blobRow(blob: BlobInput): TimeSeriesRow {
  return { timestamp: blob.timestamp, data: JSON.parse(blob.blob) };
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
