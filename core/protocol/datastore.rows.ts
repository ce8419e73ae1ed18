/**
 * History reads over rows in memory, kept oldest first, answered as the datastore answers
 * them (paths, order, filters, aggregations): what preview mode serves, and the reference the
 * contract suite (test/datastore-contract.test.ts) holds the real datastore to. Pure.
 *
 * @example
 * readRows('ts', rows, { kind: 'last', n: 3 });                                 // the 3 newest rows, newest first
 * readRows('ts', rows, { kind: 'since', from: t }, { aggregation: 'mean' });    // { result: 0.81 }, or { result: null }
 */
import { DataboxError } from '../errors';
import { aggregateValues } from './datastore.aggregate';
import { matchesFilter } from './datastore.filter';
import type { HistoryQuery, ReadOptions, ReadResult, SeriesKind, TimeSeriesRow } from './datastore.types';

/** The rows a query selects, newest first for latest / last, else oldest first. */
export function selectRows(rows: readonly TimeSeriesRow[], query: HistoryQuery): TimeSeriesRow[] {
  switch (query.kind) {
    case 'latest': return rows.slice(-1);
    case 'earliest': return rows.slice(0, 1);
    case 'last': return query.n > 0 ? rows.slice(-query.n).reverse() : [];
    case 'first': return rows.slice(0, Math.max(0, query.n));
    case 'since': return rows.filter((row) => row.timestamp >= query.from);
    case 'range': return rows.filter((row) => row.timestamp >= query.from && row.timestamp <= query.to);
  }
}

export function readRows(kind: SeriesKind, rows: readonly TimeSeriesRow[], query: HistoryQuery, options: ReadOptions = {}): ReadResult {
  const { filter } = options;
  const selected = filter ? selectFiltered(kind, rows, query, filter) : selectRows(rows, query);
  if (!options.aggregation) return selected.map((row) => ({ ...row }));
  if (kind === 'ts/blob' && options.aggregation !== 'count') {
    throw new DataboxError('aggregation-invalid', `"${options.aggregation}" needs numbers; blob series only count`, { status: 400, hint: 'Use /count on a blob series, or store numbers in a /ts/<id> series.' });
  }
  if (options.aggregation === 'count') return { result: selected.length };
  return { result: aggregateValues(selected.map(numericValue), options.aggregation) };
}

/**
 * A filter narrows the rows first and the query then counts among the matches (the last 3
 * matching rows, not the matches among the last 3), as the datastore does.
 */
function selectFiltered(kind: SeriesKind, rows: readonly TimeSeriesRow[], query: HistoryQuery, filter: NonNullable<ReadOptions['filter']>): TimeSeriesRow[] {
  return selectRows(rows.filter((row) => matchesFilter(kind, row.data, filter)), query);
}

/** The number in a reading: the value itself, or its `value` field as a numeric series holds it. */
export function numericValue(row: TimeSeriesRow): number {
  const data = row.data;
  if (typeof data === 'number' && Number.isFinite(data)) return data;
  if (typeof data === 'object' && data !== null && 'value' in data && typeof data.value === 'number') return data.value;
  throw new DataboxError('aggregation-not-numeric', 'an aggregation needs numeric readings, but this series holds other values', {
    hint: 'Choose "none" as the aggregation for this data-source type, or aggregate a numeric type.',
  });
}
