/**
 * Datastore read paths as a client writes them (the datastore parses them back in
 * box/datastore/datastore.paths.ts; a test holds the two to each other): `/<kind>/<id>` then
 * the query, an optional filter and an optional aggregation. Pure.
 *
 * @example
 * readPath('ts', 'loadavg1', { kind: 'last', n: 10 }, { aggregation: 'mean' }) // '/ts/loadavg1/last/10/mean'
 */
import type { StoreType } from '../catalogue/catalogue.types';
import type { HistoryQuery, ReadOptions } from './datastore.types';

export function readPath(storeType: StoreType, id: string, query: HistoryQuery, options: ReadOptions = {}): string {
  const parts = [seriesPath(storeType, id)];
  switch (query.kind) {
    case 'latest': case 'earliest': parts.push(query.kind); break;
    case 'last': case 'first': parts.push(query.kind, String(Math.max(1, Math.floor(query.n)))); break;
    case 'since': parts.push('since', String(Math.floor(query.from))); break;
    case 'range': parts.push('range', String(Math.floor(query.from)), String(Math.floor(query.to))); break;
  }
  if (options.filter) parts.push('filter', encodeURIComponent(options.filter.tag), options.filter.op, encodeURIComponent(options.filter.value));
  if (options.aggregation) parts.push(options.aggregation);
  return parts.join('/');
}

/** @example seriesPath('ts/blob', 'light') // '/ts/blob/light' */
export function seriesPath(storeType: StoreType, id: string): string {
  return `/${storeType}/${encodeURIComponent(id)}`;
}
