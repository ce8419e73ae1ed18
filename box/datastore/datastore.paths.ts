/**
 * Pure parsing of a store request's method and path into a Route, with every refusal a
 * DataboxError (400 for a malformed path, 404 for one the store does not serve, 405 for a
 * wrong method). No I/O: whether a datasource exists is the engine's business.
 */
import { DataboxError } from '../../core/errors';
import { DATASOURCE_ID, hasControlCharacter, KV_KEY, MAX_N, MAX_NAME_LENGTH, MAX_TIMESTAMP, RESERVED_IDS } from '../../core/protocol/datastore.limits';
import { AGGREGATIONS, type Aggregation, type Route, type SeriesQuery, type SeriesRef, type TagFilter } from './datastore.types';

const USAGE = 'See the store API: /ts/<id>[/latest|/earliest|/last/<n>|/first/<n>|/since/<t>|/range/<a>/<b>|/length][/filter/<tag>/equals|contains/<v>][/sum|count|min|max|mean|median|sd] (with no query word, an aggregation over the whole series), /ts/blob/<id>/..., /kv/<id>/<key>, /kv/<id>/keys, /cat, /ws.';

/**
 * The route a request asks for.
 *
 * @example
 * parseRoute('GET', '/ts/loadavg1/last/10/mean')
 * // { kind: 'ts-read', series: { kind: 'ts', id: 'loadavg1' }, query: { kind: 'last', n: 10 }, aggregation: 'mean' }
 */
export function parseRoute(method: string, rawPath: string): Route {
  const segments = splitPath(rawPath);
  const [head, ...rest] = segments;
  if (head === 'cat' && rest.length === 0) {
    if (method === 'GET') return { kind: 'cat-get' };
    if (method === 'POST') return { kind: 'cat-post' };
    throw wrongMethod(method, rawPath, 'GET or POST');
  }
  if (head === 'ws' && rest.length === 0) {
    if (method === 'GET') return { kind: 'observe' };
    throw wrongMethod(method, rawPath, 'GET (a WebSocket upgrade)');
  }
  if (head === 'ts') return seriesRoute(method, rawPath, rest);
  if (head === 'kv') return kvRoute(method, rawPath, rest);
  throw notFound(rawPath);
}

/**
 * Splits a raw request path into decoded segments, refusing every path trick: `..` or `.`
 * segments, empty segments (`//`), encoded separators, backslashes, NULs and bad escapes.
 *
 * @example
 * splitPath('/kv/settings/theme') // ['kv', 'settings', 'theme']
 */
export function splitPath(rawPath: string): string[] {
  if (!rawPath.startsWith('/') || rawPath.length > 2048) throw badPath(rawPath, 'a path starts with "/" and is at most 2048 characters');
  if (/%(2f|5c|00|25)/i.test(rawPath) || /[\\\0]/.test(rawPath)) throw badPath(rawPath, 'encoded "/", "\\", "%" or NUL characters are not allowed in a path');
  const body = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(1, -1) : rawPath.slice(1);
  const encoded = rawPath.includes('%');
  const segments = body.split('/').map((segment) => {
    let decoded = segment;
    try {
      if (encoded) decoded = decodeURIComponent(segment);
    } catch {
      throw badPath(rawPath, `"${segment}" is not valid percent-encoding`);
    }
    if (decoded === '') throw badPath(rawPath, 'empty path segments ("//") are not allowed');
    if (decoded === '.' || decoded === '..') throw badPath(rawPath, '"." and ".." segments are not allowed');
    if (hasControlCharacter(decoded)) throw badPath(rawPath, 'control characters are not allowed in a path');
    return decoded;
  });
  return segments;
}

function seriesRoute(method: string, rawPath: string, segments: string[]): Route {
  if (segments.length === 1 && segments[0] === 'batch') {
    if (method === 'POST') return { kind: 'ts-multi' };
    throw wrongMethod(method, rawPath, 'POST (a batch for several series)');
  }
  const blob = segments[0] === 'blob';
  const [id, ...rest] = blob ? segments.slice(1) : segments;
  const series: SeriesRef = { kind: blob ? 'ts/blob' : 'ts', id: datasourceId(id, rawPath) };
  if (method === 'POST') {
    if (rest.length === 0) return { kind: 'ts-write', series };
    if (rest.length === 1 && rest[0] === 'batch') return { kind: 'ts-batch', series };
    if (rest.length === 2 && rest[0] === 'at') return { kind: 'ts-write', series, at: timestamp(rest[1], rawPath) };
    throw notFound(rawPath, 'write with POST /ts/<id>, /ts/<id>/at/<t> or /ts/<id>/batch');
  }
  if (method !== 'GET') throw wrongMethod(method, rawPath, 'GET (reads) or POST (writes)');
  return { kind: 'ts-read', series, ...readSuffix(rest, rawPath) };
}

function readSuffix(segments: string[], rawPath: string): { query: SeriesQuery; filter?: TagFilter; aggregation?: Aggregation } {
  let at = 0;
  const take = (): string | undefined => segments[at++];
  let query: SeriesQuery;
  // No query word: an aggregation (or a filter then an aggregation) over the whole series.
  const bare = segments[0] === 'filter' || AGGREGATIONS.some((name) => name === segments[0]);
  const word = bare ? 'all' : take();
  switch (word) {
    case 'all': query = { kind: 'all' }; break;
    case 'latest': query = { kind: 'latest' }; break;
    case 'earliest': query = { kind: 'earliest' }; break;
    case 'length': query = { kind: 'all' }; break;
    case 'last': query = { kind: 'last', n: count(take(), rawPath) }; break;
    case 'first': query = { kind: 'first', n: count(take(), rawPath) }; break;
    case 'since': query = { kind: 'since', from: timestamp(take(), rawPath) }; break;
    case 'range': {
      const from = timestamp(take(), rawPath);
      const to = timestamp(take(), rawPath);
      if (from > to) throw new DataboxError('range-invalid', `range ${from}..${to} ends before it starts`, { status: 400, hint: 'Ask for /range/<from>/<to> with from <= to (ms since the epoch).' });
      query = { kind: 'range', from, to };
      break;
    }
    default: throw notFound(rawPath, word === undefined ? 'a read needs a query such as /latest or /last/<n>' : `"${word}" is not a read`);
  }
  let filter: TagFilter | undefined;
  if (segments[at] === 'filter') {
    at++;
    const tag = take();
    const op = take();
    const value = take();
    if (tag === undefined || value === undefined || (op !== 'equals' && op !== 'contains')) {
      throw badPath(rawPath, 'a filter is /filter/<tag>/equals/<value> or /filter/<tag>/contains/<value>');
    }
    if (tag.length > MAX_NAME_LENGTH || value.length > MAX_NAME_LENGTH) throw badPath(rawPath, `filter tags and values are at most ${MAX_NAME_LENGTH} characters`);
    filter = { tag, op, value };
  }
  let aggregation: Aggregation | undefined;
  const last = take();
  if (last !== undefined) {
    aggregation = AGGREGATIONS.find((name) => name === last);
    if (!aggregation) throw notFound(rawPath, `"${last}" is not an aggregation (${AGGREGATIONS.join(', ')})`);
    if (query.kind === 'all' && !bare) throw notFound(rawPath, '/length is already a count; it takes no aggregation');
  }
  if (at < segments.length) throw notFound(rawPath, 'the path goes on after the aggregation');
  if (bare && !aggregation) throw notFound(rawPath, 'a filter over the whole series needs an aggregation, e.g. /ts/<id>/filter/<tag>/equals/<v>/count');
  return { query, ...(filter ? { filter } : {}), ...(aggregation ? { aggregation } : {}) };
}

function kvRoute(method: string, rawPath: string, segments: string[]): Route {
  const [rawId, key, ...rest] = segments;
  const id = datasourceId(rawId, rawPath);
  if (key === undefined || rest.length > 0) throw notFound(rawPath, 'key-value paths are /kv/<id>/<key> and /kv/<id>/keys');
  if (key === 'keys') {
    if (method === 'GET') return { kind: 'kv-keys', id };
    throw wrongMethod(method, rawPath, 'GET ("keys" lists the keys and cannot be written)');
  }
  if (!KV_KEY.test(key)) throw badPath(rawPath, 'a key is 1-128 letters, digits or ._:@+=,~-');
  if (method === 'GET') return { kind: 'kv-get', id, key };
  if (method === 'POST') return { kind: 'kv-set', id, key };
  if (method === 'DELETE') return { kind: 'kv-delete', id, key };
  throw wrongMethod(method, rawPath, 'GET, POST or DELETE');
}

function datasourceId(id: string | undefined, rawPath: string): string {
  if (id === undefined) throw notFound(rawPath, 'the path names no datasource id');
  if (!DATASOURCE_ID.test(id) || RESERVED_IDS.has(id)) {
    throw new DataboxError('datasource-id-invalid', `"${id}" is not a datasource id`, { status: 400, hint: 'A datasource id is a letter or digit, then up to 127 letters, digits, ".", "_" or "-" (not "blob" or "batch").' });
  }
  return id;
}

/**
 * A timestamp path segment: whole ms since the epoch, 0 to year 9999.
 *
 * @example
 * timestamp('1700000000000', '/ts/x/since/1700000000000') // 1700000000000
 */
export function timestamp(text: string | undefined, rawPath: string): number {
  if (text === undefined || !/^\d{1,15}$/.test(text) || Number(text) > MAX_TIMESTAMP) {
    throw new DataboxError('timestamp-invalid', `"${text ?? ''}" is not a timestamp`, { status: 400, hint: `Timestamps are whole ms since the epoch, 0 to ${MAX_TIMESTAMP} (path ${rawPath}).` });
  }
  return Number(text);
}

function count(text: string | undefined, rawPath: string): number {
  if (text === undefined || !/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > MAX_N) {
    throw new DataboxError('count-invalid', `"${text ?? ''}" is not a count of rows`, { status: 400, hint: `Ask for 1 to ${MAX_N} rows (path ${rawPath}); use /since or /range with an aggregation for more.` });
  }
  return Number(text);
}

function badPath(rawPath: string, why: string): DataboxError {
  return new DataboxError('path-invalid', `the path "${rawPath.slice(0, 200)}" is not allowed: ${why}`, { status: 400, hint: USAGE });
}

function notFound(rawPath: string, why = 'no such store path'): DataboxError {
  return new DataboxError('path-unknown', `${why} (${rawPath.slice(0, 200)})`, { status: 404, hint: USAGE });
}

function wrongMethod(method: string, rawPath: string, allowed: string): DataboxError {
  return new DataboxError('method-not-allowed', `${method.slice(0, 16)} is not allowed on ${rawPath.slice(0, 200)}`, { status: 405, hint: `Use ${allowed}.` });
}
