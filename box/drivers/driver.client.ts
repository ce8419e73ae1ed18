/**
 * What a driver does with its own datastore, on runtime/box-client's building blocks (tokens
 * from the arbiter with the driver's key, calls that renew a refused token once, observe over
 * the store's WebSocket): register its sources in the store's catalogue, write readings one at
 * a time or a sample of several series in one request, and observe its actuator series.
 *
 * @example
 * const client = openDriverClient(driverEnv(process.env));
 * await client.register(catalogueSource('loadavg1', 'os-monitor'));
 * await client.writeBatch([{ source: load, value: 0.42 }, { source: mem, value: 61.3 }]);
 */
import { readFileSync } from 'node:fs';
import { DataboxError } from '../../core/errors';
import { seriesPath, type TimeSeriesRow } from '../../core/protocol';
import { callWithToken } from '../../runtime/box-client/box-client.http';
import { observeSource } from '../../runtime/box-client/box-client.observe';
import { createTokenSource } from '../../runtime/box-client/box-client.tokens';
import type { DriverEnv } from './driver.env';
import { sourceItem, type DriverSource } from './driver.source';

export type SeriesRef = Pick<DriverSource, 'id' | 'storeType'>;

export interface Reading {
  source: SeriesRef;
  /** A numeric series takes a number or `{value, ...tags}`; a blob series any JSON but null. */
  value: unknown;
}

export interface DriverClient {
  /** Registers (or updates) the source's Hypercat item in the store's catalogue. */
  register(source: DriverSource): Promise<void>;
  /** Writes one reading; resolves with the store's timestamp once it is committed. */
  write(source: SeriesRef, value: unknown): Promise<number>;
  /** Writes a sample: the numeric readings in one request (all or nothing), each blob beside it; resolves with the points written. */
  writeBatch(readings: Reading[]): Promise<number>;
  /** Calls `onValue` with each value written to the series (by an app, for an actuator); resolves once subscribed. */
  observe(source: SeriesRef, onValue: (value: unknown, timestamp: number) => void, onError: (error: Error) => void): Promise<() => void>;
  /** Stops every observation. */
  close(): Promise<void>;
}

export function createDriverClient(options: { arbiter: string; key: string; store: DriverEnv['store'] }): DriverClient {
  const tokens = createTokenSource(options.arbiter, options.key);
  const { endpoint, name } = options.store;
  const observers = new Set<() => void>();
  const post = async (path: string, body: unknown, tokenPath = path): Promise<string> =>
    (await callWithToken(tokens, { base: endpoint, method: 'POST', path, body, token: { target: name, path: tokenPath, method: 'POST' } })).text;

  const write = async (source: SeriesRef, value: unknown): Promise<number> => {
    const answer = await post(seriesPath(source.storeType, source.id), bodyOf(source, value));
    return numberIn(answer, 'timestamp');
  };
  return {
    async register(source) {
      await post('/cat', sourceItem(options.store, source));
    },
    write,
    async writeBatch(readings) {
      const numeric = new Map<string, unknown[]>();
      const blobs: Reading[] = [];
      for (const reading of readings) {
        if (reading.source.storeType !== 'ts') { blobs.push(reading); continue; }
        const points = numeric.get(reading.source.id) ?? [];
        points.push(bodyOf(reading.source, reading.value));
        numeric.set(reading.source.id, points);
      }
      // `POST /ts/batch` needs a token that allows a POST to every series in it: the `/ts/*` prefix.
      const batch = numeric.size === 0 ? Promise.resolve(0) : post('/ts/batch', Object.fromEntries(numeric), '/ts/*').then((answer) => numberIn(answer, 'written'));
      const written = await Promise.all([batch, ...blobs.map((reading) => write(reading.source, reading.value).then(() => 1))]);
      return written.reduce((sum, n) => sum + n, 0);
    },
    async observe(source, onValue, onError) {
      const path = seriesPath(source.storeType, source.id);
      const stop = await observeSource(tokens, { base: endpoint, path, token: { target: name, path, method: 'GET', observe: 'data' } },
        (row: TimeSeriesRow) => onValue(source.storeType === 'ts' ? numericData(row.data) : row.data, row.timestamp), onError);
      observers.add(stop);
      return () => { observers.delete(stop); stop(); };
    },
    async close() {
      for (const stop of observers) stop();
      observers.clear();
    },
  };
}

/** The client for a driver's environment, with its arbiter key read from its file. */
export function openDriverClient(env: DriverEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): DriverClient {
  let key: string;
  try {
    key = readFile(env.tokenFile).trim();
  } catch (error) {
    throw new DataboxError('driver-key-missing', `cannot read the driver's arbiter key at ${env.tokenFile}`, { status: 500, hint: 'The box writes it when it registers the driver; DATABOX_ARBITER_TOKEN_FILE names its path.', cause: error });
  }
  if (key === '') throw new DataboxError('driver-key-missing', `the arbiter key file ${env.tokenFile} is empty`, { status: 500, hint: 'Register the driver again to get a new key.' });
  return createDriverClient({ arbiter: env.arbiter, key, store: env.store });
}

function bodyOf(source: SeriesRef, value: unknown): unknown {
  return source.storeType === 'ts' && typeof value === 'number' ? { value } : value;
}

/** A numeric series pushes `{value, ...tags}`: the value alone when there are no tags. */
function numericData(data: unknown): unknown {
  if (typeof data === 'object' && data !== null && 'value' in data && Object.keys(data).length === 1) return data.value;
  return data;
}

function numberIn(answer: string, field: string): number {
  let parsed: unknown;
  try { parsed = JSON.parse(answer); } catch { parsed = undefined; }
  const value: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, field) : undefined;
  if (typeof value !== 'number') throw new DataboxError('store-answer-invalid', `the datastore answered a write without "${field}": ${answer.slice(0, 100)}`, { status: 502 });
  return value;
}
