/**
 * History reads over rows kept in time order, with the same meaning as the store's paths
 * (`/latest`, `/last/<n>`, `/since/<t>`, `/range/<a>/<b>`, ...) and aggregations. Pure: the
 * preview datasource and the preview app store both answer reads with it. Order as the box's
 * store answers: newest first for latest / last N, oldest first for the others.
 *
 * @example
 * readRows(rows, { kind: 'last', n: 3 });                        // the 3 newest rows, newest first
 * readRows(rows, { kind: 'since', from: t }, { aggregation: 'mean' });   // { result: 0.81 }
 */
import { DataboxError } from '../../core/errors';
import type { HistoryQuery, ReadOptions, ReadResult, TimeSeriesRow } from '../../runtime/box-client/box-client.types';
import { aggregate } from './aggregate';

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

export function readRows(rows: readonly TimeSeriesRow[], query: HistoryQuery, options: ReadOptions = {}): ReadResult {
  const selected = selectRows(rows, query).filter((row) => matchesFilter(row, options.filter));
  if (!options.aggregation) return selected.map((row) => ({ ...row }));
  const inTimeOrder = query.kind === 'last' || query.kind === 'latest' ? [...selected].reverse() : selected;
  return { result: aggregate(inTimeOrder.map(numericValue), options.aggregation) };
}

/** The number in a reading: the value itself, or its `value` field as the store writes it. */
export function numericValue(row: TimeSeriesRow): number {
  const data = row.data;
  if (typeof data === 'number' && Number.isFinite(data)) return data;
  if (typeof data === 'object' && data !== null && 'value' in data && typeof data.value === 'number') return data.value;
  throw new DataboxError('aggregation-not-numeric', 'an aggregation needs numeric readings, but this series holds other values', {
    hint: 'Choose "none" as the aggregation for this data-source type, or aggregate a numeric type.',
  });
}

function matchesFilter(row: TimeSeriesRow, filter: ReadOptions['filter']): boolean {
  if (!filter) return true;
  const data = row.data;
  if (typeof data !== 'object' || data === null) return false;
  const tag = (data as Record<string, unknown>)[filter.tag];
  if (typeof tag !== 'string') return false;
  return filter.op === 'equals' ? tag === filter.value : tag.includes(filter.value);
}
