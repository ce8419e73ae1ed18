/**
 * The box client the Databox nodes use in box mode (runtime/box-client/box-client.types.ts):
 * tokens from the arbiter (cached per route), reads and writes over the stores' HTTP API,
 * observe over their WebSocket, exports through the export service. The app's arbiter key is
 * read from its file (never from the environment).
 */
import { readFileSync } from 'node:fs';
import { DataboxError } from '../../core/errors';
import { readBoxEnv, type Env } from './box-client.env';
import { callWithToken } from './box-client.http';
import { observeSource } from './box-client.observe';
import { createTokenSource } from './box-client.tokens';
import type { BoxClient, GrantedSource, OwnDataStore } from './box-client.types';
import { parseExportAnswer, parseReadAnswer, readPath, readRows, seriesPath, type HistoryQuery, type ReadOptions, type ReadResult } from '../../core/protocol';

export interface BoxClientOptions {
  /** Reads the arbiter key file (default `fs.readFileSync(path, 'utf8')`). */
  readFile?: (path: string) => string;
}

/**
 * @example
 * const box = createBoxClient(process.env);
 * const rows = await box.read(box.source('loadavg1_3f2a9c1b')!, { kind: 'last', n: 10 });
 */
export function createBoxClient(env: Env, options: BoxClientOptions = {}): BoxClient {
  const config = readBoxEnv(env);
  let key: string;
  try {
    key = (options.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(config.tokenFile).trim();
  } catch (error) {
    throw new DataboxError('box-key-missing', `cannot read the app's arbiter key at ${config.tokenFile}`, { status: 500, hint: 'The box mounts it when it starts the app; set DATABOX_ARBITER_TOKEN_FILE to its path elsewhere.', cause: error });
  }
  if (key === '') throw new DataboxError('box-key-missing', `the arbiter key file ${config.tokenFile} is empty`, { status: 500 });
  const tokens = createTokenSource(config.arbiter, key);
  const observers = new Set<() => void>();

  const readFrom = async (base: string, target: string, storeType: GrantedSource['storeType'], id: string, query: HistoryQuery, readOptions?: ReadOptions): Promise<ReadResult> => {
    const { text } = await callWithToken(tokens, { base, method: 'GET', path: readPath(storeType, id, query, readOptions), token: { target, path: `${seriesPath(storeType, id)}/*`, method: 'GET' } });
    return parseReadAnswer(text);
  };

  const ownDataStore = config.ownDataStore;
  const own: OwnDataStore | undefined = ownDataStore && {
    async write(datasourceId, value) {
      const numeric = typeof value === 'number' || (typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'number');
      const path = seriesPath(numeric ? 'ts' : 'ts/blob', datasourceId);
      await callWithToken(tokens, { base: ownDataStore.endpoint, method: 'POST', path, body: typeof value === 'number' ? { value } : value, token: { target: ownDataStore.name, path, method: 'POST' } });
    },
    async read(datasourceId, query, readOptions) {
      // A numeric series first, then a blob series; one never written reads as empty (as in preview).
      for (const kind of ['ts', 'ts/blob'] as const) {
        try {
          return await readFrom(ownDataStore.endpoint, ownDataStore.name, kind, datasourceId, query, readOptions);
        } catch (error) {
          if (!isUnknown(error, 'datasource-unknown')) throw error;
        }
      }
      return readRows('ts', [], query, readOptions);
    },
    async kvSet(datasourceId, k, value) {
      const path = `${seriesPath('kv', datasourceId)}/${encodeURIComponent(k)}`;
      await callWithToken(tokens, { base: ownDataStore.endpoint, method: 'POST', path, body: value, token: { target: ownDataStore.name, path: `${seriesPath('kv', datasourceId)}/*`, method: 'POST' } });
    },
    async kvGet(datasourceId, k) {
      const path = `${seriesPath('kv', datasourceId)}/${encodeURIComponent(k)}`;
      try {
        const { text } = await callWithToken(tokens, { base: ownDataStore.endpoint, method: 'GET', path, token: { target: ownDataStore.name, path: `${seriesPath('kv', datasourceId)}/*`, method: 'GET' } });
        return JSON.parse(text);
      } catch (error) {
        // An unset key (or a key space never written) is no value, as in preview.
        if (isUnknown(error, 'key-unknown') || isUnknown(error, 'datasource-unknown')) return undefined;
        throw error;
      }
    },
  };

  return {
    source: (clientid) => config.sources.get(clientid),
    read: (source, query, readOptions) => readFrom(new URL(source.href).origin, source.store, source.storeType, source.datasourceId, query, readOptions),
    async observe(source, onRow, onError) {
      const path = seriesPath(source.storeType, source.datasourceId);
      const stop = await observeSource(tokens, { base: new URL(source.href).origin, path, token: { target: source.store, path, method: 'GET', observe: 'data' } }, onRow, onError);
      observers.add(stop);
      return () => { observers.delete(stop); stop(); };
    },
    async actuate(source, value) {
      const path = seriesPath(source.storeType, source.datasourceId);
      const body = source.storeType === 'ts' && typeof value === 'number' ? { value } : value;
      await callWithToken(tokens, { base: new URL(source.href).origin, method: 'POST', path, body, token: { target: source.store, path, method: 'POST' } });
    },
    ownDataStore: () => own,
    async export(url, data) {
      if (!config.exportService) throw new DataboxError('box-export-unavailable', 'this app has no export service (DATABOX_EXPORT_SERVICE_ENDPOINT is not set)', { status: 500 });
      const token = { target: config.exportServiceName, path: '/export', method: 'POST' as const, destination: url };
      const accepted = parseExportAnswer((await callWithToken(tokens, { base: config.exportService, method: 'POST', path: '/export', body: { uri: url, data }, token })).text);
      const polled = await callWithToken(tokens, { base: config.exportService, method: 'POST', path: '/lp/export', body: { id: accepted.id }, token });
      return parseExportAnswer(polled.text);
    },
    async close() {
      for (const stop of observers) stop();
      observers.clear();
    },
  };
}

/** A 404 from the datastore with this code: the series or key is not there (yet). */
function isUnknown(error: unknown, code: string): boolean {
  return error instanceof DataboxError && error.status === 404 && error.code === code;
}
