/**
 * The datastore API's wire types (architecture doc, "The store API"; decision 0003): what a
 * read asks for and what it answers. The datastore (box/datastore), its client
 * (runtime/box-client) and preview mode (nodes/preview) all speak exactly these.
 */
import type { StoreType } from '../catalogue/catalogue.types';

export type { StoreType };

export type Aggregation = 'sum' | 'count' | 'min' | 'max' | 'mean' | 'median' | 'sd';

export const AGGREGATIONS: readonly Aggregation[] = ['sum', 'count', 'min', 'max', 'mean', 'median', 'sd'];

/** @example isAggregation('median') // true; isAggregation('avg') // false */
export function isAggregation(value: string): value is Aggregation {
  return (AGGREGATIONS as readonly string[]).includes(value);
}

/** Which rows of a series a read selects (`/latest`, `/last/<n>`, `/since/<t>`, ...). */
export type HistoryQuery =
  | { kind: 'latest' }
  | { kind: 'earliest' }
  | { kind: 'last'; n: number }
  | { kind: 'first'; n: number }
  | { kind: 'since'; from: number }
  | { kind: 'range'; from: number; to: number };

/** `/filter/<tag>/equals|contains/<value>`: tags compare as text (numbers and booleans too). */
export interface TagFilter {
  tag: string;
  op: 'equals' | 'contains';
  value: string;
}

export interface ReadOptions {
  aggregation?: Aggregation;
  filter?: TagFilter;
}

/** One row: numeric series answer `data: {value, ...tags}`, blob series the stored JSON. */
export interface TimeSeriesRow {
  timestamp: number;
  data: unknown;
}

/**
 * Rows (newest first for latest / last, oldest first otherwise), or an aggregation's
 * `{result}`: `null` for min, max, mean, median and sd of no values; count and sum are 0.
 */
export type ReadResult = TimeSeriesRow[] | { result: number | null };

/** A numeric series (`ts`) or a blob series (`ts/blob`): the kinds of series a read can name. */
export type SeriesKind = Exclude<StoreType, 'kv'>;
