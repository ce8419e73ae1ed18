/**
 * The shapes the store works with: what a request asks for (parsed from its path by
 * datastore.paths.ts; its wire types are core/protocol's), and what the engine stores and returns.
 */
import type { Aggregation, HistoryQuery, SeriesKind, TagFilter } from '../../core/protocol';

export { AGGREGATIONS, type Aggregation, type SeriesKind, type TagFilter } from '../../core/protocol';
export type SourceKind = SeriesKind | 'kv';

export interface SeriesRef {
  kind: SeriesKind;
  id: string;
}

/** Which rows of a series a read selects: the client's queries, plus `all` (what `/length` counts). */
export type SeriesQuery = { kind: 'all' } | HistoryQuery;

export type Route =
  | { kind: 'cat-get' }
  | { kind: 'cat-post' }
  | { kind: 'observe' }
  | { kind: 'ts-write'; series: SeriesRef; at?: number }
  | { kind: 'ts-batch'; series: SeriesRef }
  /** `POST /ts/batch`: points for several numeric series in one request. */
  | { kind: 'ts-multi' }
  | { kind: 'ts-read'; series: SeriesRef; query: SeriesQuery; filter?: TagFilter; aggregation?: Aggregation }
  | { kind: 'kv-get'; id: string; key: string }
  | { kind: 'kv-set'; id: string; key: string }
  | { kind: 'kv-delete'; id: string; key: string }
  | { kind: 'kv-keys'; id: string };

export type { BlobInput, PointInput } from '../../core/protocol/datastore.points';
