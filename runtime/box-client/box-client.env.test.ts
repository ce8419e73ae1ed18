import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGrantedSource, readBoxEnv } from './box-client.env';
import { readPath } from '../../core/protocol';
import { tokenExpiry } from './box-client.tokens';
import { DataboxError } from '../../core/errors';

test('granted sources are read from DATASOURCE_<clientid>, store from the rel or the host', () => {
  const config = readBoxEnv({
    DATABOX_ARBITER_ENDPOINT: 'http://arbiter:8080', DATABOX_EXPORT_SERVICE_ENDPOINT: 'http://export-service:8080',
    DATASOURCE_load: JSON.stringify({ href: 'http://os-store:8080/ts/loadavg1', 'item-metadata': [{ rel: 'urn:X-databox:rels:hasType', val: 'loadavg1' }] }),
    DATASOURCE_light: JSON.stringify({ href: 'http://127.0.0.1:9999/ts/blob/hue-1', 'item-metadata': [{ rel: 'urn:X-databox:rels:hasStore', val: 'hue-store' }, { rel: 'urn:X-databox:rels:isActuator', val: true }] }),
    DATABOX_STORE_ENDPOINT: 'http://my-app-store:8080',
  });
  assert.equal(config.tokenFile, '/run/secrets/DATABOX_ARBITER_TOKEN');
  assert.deepEqual({ ...config.sources.get('load'), metadata: [] }, { clientid: 'load', href: 'http://os-store:8080/ts/loadavg1', metadata: [], storeType: 'ts', store: 'os-store', datasourceId: 'loadavg1', actuator: false });
  const light = config.sources.get('light');
  assert.equal(light?.store, 'hue-store');
  assert.equal(light?.storeType, 'ts/blob');
  assert.equal(light?.actuator, true);
  assert.deepEqual(config.ownDataStore, { endpoint: 'http://my-app-store:8080', name: 'my-app-store' });
});

test('a bad environment is a clear error', () => {
  assert.throws(() => readBoxEnv({}), (e: unknown) => e instanceof DataboxError && e.code === 'box-env-invalid');
  assert.throws(() => parseGrantedSource('x', 'not json'), /DATASOURCE_x/);
  assert.throws(() => parseGrantedSource('x', '{"href":"ftp://a/ts/b"}'), /href/);
  assert.throws(() => parseGrantedSource('x', '{"href":"http://a/etc/passwd"}'), /href path/);
});

test('read paths follow the store API; token expiry is read from the time caveat', () => {
  assert.equal(readPath('ts', 'load', { kind: 'latest' }), '/ts/load/latest');
  assert.equal(readPath('ts', 'load', { kind: 'range', from: 1, to: 2 }, { aggregation: 'mean' }), '/ts/load/range/1/2/mean');
  assert.equal(readPath('ts/blob', 'cam', { kind: 'last', n: 5 }, { filter: { tag: 'room', op: 'equals', value: 'hall' } }), '/ts/blob/cam/last/5/filter/room/equals/hall');
  const fake = Buffer.from('\u0002...time < 1767225600000\u0000').toString('base64url');
  assert.equal(tokenExpiry(fake), 1767225600000);
});
