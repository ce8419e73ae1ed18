/**
 * What a datastore accepts as a write, one definition for the datastore and preview mode's
 * app data (pure): a numeric point `{value, timestamp?, ...tags}`, a batch of them, a blob, a
 * blob batch. Everything is checked before anything is stored, so a bad point in a batch
 * refuses the whole batch and stores nothing.
 */
import { DataboxError } from '../errors';
import { DATASOURCE_ID, hasControlCharacter, MAX_BATCH_POINTS, RESERVED_IDS, MAX_NAME_LENGTH, MAX_TAGS, MAX_TIMESTAMP } from './datastore.limits';

/** One point ready to store: numeric series use `value` and `tags`. */
export interface PointInput {
  timestamp: number;
  value: number;
  /** JSON text of the tags object, or null when the point has none. */
  tags: string | null;
}

/** One blob ready to store. */
export interface BlobInput {
  timestamp: number;
  /** JSON text of the data. */
  blob: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A numeric point from a request body. `at` is the time from the path (`/at/<t>`), `now` the
 * store clock used when neither the path nor the body gives one.
 *
 * @example
 * parsePoint({ value: 21.5, room: 'kitchen' }, undefined, 1700000000000)
 * // { timestamp: 1700000000000, value: 21.5, tags: '{"room":"kitchen"}' }
 */
export function parsePoint(body: unknown, at: number | undefined, now: number, where = 'the point'): PointInput {
  if (!isRecord(body)) throw invalid(`${where} must be a JSON object {"value": <number>, ...tags}`);
  const fields = body;
  let value: unknown;
  let timestamp: number = at ?? now;
  let tags: Record<string, string | number | boolean> | null = null;
  let tagCount = 0;
  for (const key in fields) {
    const field = fields[key];
    if (key === 'value') {
      value = field;
    } else if (key === 'timestamp') {
      if (at !== undefined) throw invalid(`${where} has a timestamp and the path has /at/<t>: give only one`);
      timestamp = checkTimestamp(field, where);
    } else {
      if (key === '' || key.length > MAX_NAME_LENGTH || /["\\]/.test(key) || hasControlCharacter(key)) throw invalid(`${where} has a tag name that is empty, too long or has quotes, backslashes or control characters`);
      if (typeof field !== 'string' && typeof field !== 'boolean' && !(typeof field === 'number' && Number.isFinite(field))) {
        throw invalid(`${where}: tag "${key}" must be a string, a finite number or a boolean`);
      }
      if (typeof field === 'string' && field.length > 1024) throw invalid(`${where}: tag "${key}" is longer than 1024 characters`);
      if (++tagCount > MAX_TAGS) throw invalid(`${where} has more than ${MAX_TAGS} tags`);
      (tags ??= {})[key] = field;
    }
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(`${where} needs "value" as a finite number (got ${value === undefined ? 'none' : JSON.stringify(value)?.slice(0, 40)})`);
  }
  return { timestamp, value, tags: tags === null ? null : JSON.stringify(tags) };
}

/**
 * A batch of numeric points: a non-empty JSON array of points, or the compact columnar form
 * `{"timestamps"?: [ms...], "values": [number...], "tags"?: {...}}` (tags apply to every point).
 *
 * @example
 * parseBatch([{ value: 1, timestamp: 5 }, { value: 2 }], 9) // two points at 5 and 9
 * parseBatch({ timestamps: [5, 6], values: [1, 2] }, 9)     // two points at 5 and 6
 */
export function parseBatch(body: unknown, now: number): PointInput[] {
  if (isRecord(body) && 'values' in body) return parseColumns(body, now);
  const items = batchItems(body);
  const points = new Array<PointInput>(items.length);
  for (let i = 0; i < items.length; i++) points[i] = parsePoint(items[i], undefined, now, `point ${i}`);
  return points;
}

function parseColumns(body: Record<string, unknown>, now: number): PointInput[] {
  const { values, timestamps, tags } = body;
  const extra = Object.keys(body).find((key) => key !== 'values' && key !== 'timestamps' && key !== 'tags');
  if (extra !== undefined) throw invalid(`a columnar batch has only "timestamps", "values" and "tags", not "${extra.slice(0, MAX_NAME_LENGTH)}"`);
  const list = batchItems(values);
  if (timestamps !== undefined && (!Array.isArray(timestamps) || timestamps.length !== list.length)) throw invalid('"timestamps" must be an array as long as "values"');
  if (tags !== undefined && (!isRecord(tags) || 'value' in tags || 'timestamp' in tags)) throw invalid('"tags" of a columnar batch must be an object of tags (not "value" or "timestamp")');
  const shared = tags === undefined ? null : parsePoint({ ...tags, value: 0 }, now, now, 'the batch tags').tags;
  const points = new Array<PointInput>(list.length);
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`values[${i}] must be a finite number`);
    points[i] = { timestamp: timestamps === undefined ? now : checkTimestamp(timestamps[i], `timestamps[${i}]`), value, tags: shared };
  }
  return points;
}

/**
 * A batch for several numeric series: `{"<id>": <batch>, ...}`, each batch in either form of
 * `parseBatch`; at most 256 series and MAX_BATCH_POINTS points in all.
 *
 * @example
 * parseMultiBatch({ loadavg1: { values: [0.5] }, loadavg5: [{ value: 0.4 }] }, 9) // Map { 'loadavg1' => [...], 'loadavg5' => [...] }
 */
export function parseMultiBatch(body: unknown, now: number): Map<string, PointInput[]> {
  if (!isRecord(body)) throw invalid('a multi-series batch is a JSON object {"<datasource id>": [points] or {timestamps, values}}');
  const ids = Object.keys(body);
  if (ids.length === 0 || ids.length > 256) throw invalid('a multi-series batch names 1 to 256 datasources');
  const batches = new Map<string, PointInput[]>();
  let total = 0;
  for (const id of ids) {
    if (!DATASOURCE_ID.test(id) || RESERVED_IDS.has(id)) throw invalid(`"${id.slice(0, MAX_NAME_LENGTH)}" is not a datasource id`);
    const points = parseBatch(body[id], now);
    total += points.length;
    if (total > MAX_BATCH_POINTS) throw new DataboxError('batch-too-large', `a batch may hold ${MAX_BATCH_POINTS} points`, { status: 413, hint: 'Split the batch into smaller requests.' });
    batches.set(id, points);
  }
  return batches;
}

/**
 * A blob: any JSON value, stored as compact JSON text.
 *
 * @example
 * parseBlob({ lat: 52.2, lon: 0.12 }, 7) // { timestamp: 7, blob: '{"lat":52.2,"lon":0.12}' }
 */
export function parseBlob(body: unknown, timestamp: number): BlobInput {
  if (body === null || body === undefined) throw invalid('a blob write needs a JSON body');
  return { timestamp, blob: JSON.stringify(body) };
}

/**
 * A batch of blobs: a non-empty array of `{timestamp?, data}`.
 *
 * @example
 * parseBlobBatch([{ data: { on: true } }], 9) // [{ timestamp: 9, blob: '{"on":true}' }]
 */
export function parseBlobBatch(body: unknown, now: number): BlobInput[] {
  return batchItems(body).map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item) || !('data' in item)) throw invalid(`blob ${i} must be {"timestamp"?: <ms>, "data": <any JSON>}`);
    const extra = Object.keys(item).find((key) => key !== 'data' && key !== 'timestamp');
    if (extra !== undefined) throw invalid(`blob ${i} has an unknown field "${extra.slice(0, MAX_NAME_LENGTH)}"`);
    const timestamp = 'timestamp' in item ? checkTimestamp(item.timestamp, `blob ${i}`) : now;
    return parseBlob(item.data, timestamp);
  });
}

function batchItems(body: unknown): unknown[] {
  if (!Array.isArray(body)) throw invalid('a batch must be a JSON array of points');
  if (body.length === 0) throw invalid('a batch must have at least one point');
  if (body.length > MAX_BATCH_POINTS) throw new DataboxError('batch-too-large', `a batch may hold ${MAX_BATCH_POINTS} points, this one has ${body.length}`, { status: 413, hint: 'Split the batch into smaller requests.' });
  return body;
}

function checkTimestamp(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_TIMESTAMP) {
    throw invalid(`${where}: "timestamp" must be whole ms since the epoch, 0 to ${MAX_TIMESTAMP}`);
  }
  return value;
}

function invalid(message: string): DataboxError {
  return new DataboxError('point-invalid', message, { status: 400, hint: 'Send {"value": <finite number>, "timestamp"?: <ms>, ...tags} with string, number or boolean tags.' });
}
