/**
 * The read path of time series: row reads answer JSON text built straight from the columns
 * (no parse and re-stringify of stored tags); aggregations over whole series, `/since` and
 * `/range` read the bucket summaries (datastore.summary.ts) and scan raw rows only at the edges;
 * everything else (last/first n, filters, medians) aggregates the selected values in memory.
 */
import type Database from 'better-sqlite3';
import { DataboxError } from '../../core/errors';
import { matchesFilter } from '../../core/protocol';
import { filterNeedle, parseStored } from './datastore.filter';
import { MAX_ROWS, MAX_TIMESTAMP } from '../../core/protocol/datastore.limits';
import { aggregateValues, emptyMoments, fromMoments, mergeMoments, type Moments } from '../../core/protocol';
import { planRange } from './datastore.summary';
import type { Aggregation, SeriesKind, SeriesQuery, TagFilter } from './datastore.types';
import { RECENT_ROWS, type RecentRows } from './series.recent';

export interface SeriesReader {
  /** The selected rows as a JSON array text of `{timestamp, data}`. */
  rows(kind: SeriesKind, sid: number, query: SeriesQuery, filter?: TagFilter): string;
  aggregate(kind: SeriesKind, sid: number, query: SeriesQuery, aggregation: Aggregation, filter?: TagFilter): number | null;
}

export type Row = [ts: number, value: number | string, tags: string | null];

/**
 * @example
 * const reader = createSeriesReader(db);
 * reader.rows('ts', sid, { kind: 'last', n: 10 }); // '[{"timestamp":...,"data":{"value":1}}, ...]'
 */
export function createSeriesReader(db: Database.Database, recent: RecentRows): SeriesReader {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const rawMoments = prepare('SELECT count(*), total(value), total(value * value), min(value), max(value) FROM points WHERE sid = ? AND ts BETWEEN ? AND ?').raw();
  const summaryMoments = prepare('SELECT total(n), total(sum), total(sumsq), min(min), max(max) FROM summaries WHERE sid = ? AND level = ? AND bucket BETWEEN ? AND ?').raw();

  /** Rows of a selection, newest first for latest/last, else oldest first; stops after `limit` matches. */
  function* select(kind: SeriesKind, sid: number, query: SeriesQuery, filter: TagFilter | undefined, limit: number): Generator<Row> {
    const columns = kind === 'ts' ? 'ts, value, tags' : 'ts, data, NULL';
    const table = kind === 'ts' ? 'points' : 'blobs';
    const { where, params, desc, n } = selection(query);
    const needle = filter ? ` AND instr(${kind === 'ts' ? 'tags' : 'data'}, ?) > 0` : '';
    const order = desc ? 'ts DESC, seq DESC' : 'ts, seq';
    const max = Math.min(n, limit);
    const sql = `SELECT ${columns} FROM ${table} WHERE sid = ?${where}${needle} ORDER BY ${order}${filter ? '' : ' LIMIT ?'}`;
    const args: (number | string)[] = [sid, ...params];
    if (filter) args.push(filterNeedle(filter));
    else args.push(max);
    if (!filter) {
      yield* prepare(sql).raw().all(...args) as Row[];
      return;
    }
    let found = 0;
    for (const row of prepare(sql).raw().iterate(...args) as IterableIterator<Row>) {
      if (filter && !matchesFilter(kind, kind === 'ts' ? parseStored(row[2]) : parseStored(String(row[1])), filter)) continue;
      yield row;
      if (++found >= max) return;
    }
  }

  return {
    rows(kind, sid, query, filter) {
      if (!filter && (query.kind === 'latest' || (query.kind === 'last' && query.n <= RECENT_ROWS))) {
        const n = query.kind === 'latest' ? 1 : query.n;
        let rows = recent.last(sid, n);
        if (!rows) {
          const newest = [...select(kind, sid, { kind: 'last', n: RECENT_ROWS }, undefined, RECENT_ROWS)];
          recent.fill(sid, newest.map((row) => rowJson(kind, row)).reverse(), newest.length > 0 ? newest[0][0] : -1, newest.length < RECENT_ROWS);
          rows = recent.last(sid, n) ?? [];
        }
        return `[${rows.join(',')}]`;
      }
      const parts: string[] = [];
      for (const row of select(kind, sid, query, filter, MAX_ROWS + 1)) {
        if (parts.length === MAX_ROWS) {
          throw new DataboxError('too-many-rows', `the read selects more than ${MAX_ROWS} rows`, { status: 400, hint: 'Narrow the range, use /last/<n>, or ask for an aggregation such as /count or /mean.' });
        }
        parts.push(rowJson(kind, row));
      }
      return `[${parts.join(',')}]`;
    },
    aggregate(kind, sid, query, aggregation, filter) {
      if (kind === 'ts/blob' && aggregation !== 'count') {
        throw new DataboxError('aggregation-invalid', `"${aggregation}" needs numbers; blob series only count`, { status: 400, hint: 'Use /count on a blob series, or store numbers in a /ts/<id> series.' });
      }
      const span = spanOf(query);
      if (span && !filter && aggregation !== 'median' && kind === 'ts') {
        const total = emptyMoments();
        for (const piece of planRange(span.from, span.to)) {
          const row = (piece.kind === 'raw'
            ? rawMoments.get(sid, piece.from, piece.to)
            : summaryMoments.get(sid, piece.level, piece.fromBucket, piece.toBucket)) as [number, number, number, number | null, number | null];
          mergeMoments(total, toMoments(row));
        }
        return fromMoments(total, aggregation);
      }
      if (kind === 'ts/blob') {
        let count = 0;
        for (const _row of select(kind, sid, query, filter, Number.MAX_SAFE_INTEGER)) count++;
        return count;
      }
      const values: number[] = [];
      for (const row of select(kind, sid, query, filter, Number.MAX_SAFE_INTEGER)) values.push(Number(row[1]));
      return aggregateValues(values, aggregation);
    },
  };
}

/**
 * One row as the JSON text the API answers: `{"timestamp":..,"data":..}`, built from the
 * stored columns without parsing them (values are finite numbers, tags and blobs JSON text).
 *
 * @example
 * rowJson('ts', [5, 1.5, '{"room":"hall"}']) // '{"timestamp":5,"data":{"value":1.5,"room":"hall"}}'
 */
export function rowJson(kind: SeriesKind, row: Row): string {
  const [ts, value, tags] = row;
  return kind === 'ts'
    ? `{"timestamp":${ts},"data":{"value":${value}${tags === null ? '}' : `,${tags.slice(1)}`}}`
    : `{"timestamp":${ts},"data":${value}}`;
}

function selection(query: SeriesQuery): { where: string; params: number[]; desc: boolean; n: number } {
  switch (query.kind) {
    case 'latest': return { where: '', params: [], desc: true, n: 1 };
    case 'earliest': return { where: '', params: [], desc: false, n: 1 };
    case 'last': return { where: '', params: [], desc: true, n: query.n };
    case 'first': return { where: '', params: [], desc: false, n: query.n };
    case 'since': return { where: ' AND ts >= ?', params: [query.from], desc: false, n: Number.MAX_SAFE_INTEGER };
    case 'range': return { where: ' AND ts BETWEEN ? AND ?', params: [query.from, query.to], desc: false, n: Number.MAX_SAFE_INTEGER };
    case 'all': return { where: '', params: [], desc: false, n: Number.MAX_SAFE_INTEGER };
  }
}

function spanOf(query: SeriesQuery): { from: number; to: number } | undefined {
  if (query.kind === 'all') return { from: 0, to: MAX_TIMESTAMP };
  if (query.kind === 'since') return { from: query.from, to: MAX_TIMESTAMP };
  if (query.kind === 'range') return query;
  return undefined;
}

function toMoments(row: [number, number, number, number | null, number | null]): Moments {
  return { n: row[0], sum: row[1], sumsq: row[2], min: row[3] ?? Infinity, max: row[4] ?? -Infinity };
}
