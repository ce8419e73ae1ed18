import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDatasourceType } from '../../core/catalogue/catalogue';
import { DataboxError } from '../../core/errors';
import { validateManifest } from '../../core/manifest/manifest.validate';
import { BUILT_IN_DRIVERS, findDriver } from './drivers';
import { webhookManifest } from './webhook/webhook.manifest';

test('each built-in driver\'s manifest is valid: a driver with its own store, no outside hosts, providing catalogue types', () => {
  assert.deepEqual(BUILT_IN_DRIVERS.map((d) => d.name), ['os-monitor', 'sensors-sim', 'webhook']);
  for (const { name, manifest } of BUILT_IN_DRIVERS) {
    assert.deepEqual(validateManifest(manifest), [], name);
    assert.deepEqual([manifest.name, manifest['databox-type'], manifest['resource-requirements'], manifest['external-whitelist']], [name, 'driver', { store: 'core-store' }, undefined]);
    for (const provided of manifest.provides ?? []) {
      const type = findDatasourceType(provided['data-source-type']);
      assert.ok(type, `${name} provides ${provided['data-source-type']}, a catalogue type`);
      assert.deepEqual(provided, { 'data-source-type': type.id, description: type.description, 'store-type': type.storeType, schema: type.schema });
    }
  }
  const ids = (name: string) => findDriver(name).manifest.provides?.map((p) => p['data-source-type']);
  assert.deepEqual(ids('os-monitor'), ['loadavg1', 'loadavg5', 'loadavg15', 'memory-used', 'cpu-usage', 'disk-used']);
  assert.deepEqual(ids('sensors-sim'), ['temperature', 'humidity', 'motion', 'light-state', 'set-light-on', 'set-light-brightness']);
  assert.deepEqual(ids('webhook'), [], 'its sources are the owner\'s, made on the box');
});

test('a configured webhook\'s manifest provides its sources\' types, once each', () => {
  const manifest = webhookManifest([{ type: 'steps', description: 'Mine' }, { type: 'garden-sensor', description: 'The garden sensor' }, { type: 'steps', description: 'Hers' }]);
  assert.deepEqual(validateManifest(manifest), []);
  assert.deepEqual(manifest.provides, [
    { 'data-source-type': 'steps', description: 'Steps counted by the phone', 'store-type': 'ts', schema: { type: 'number', minimum: 0 } },
    { 'data-source-type': 'garden-sensor', description: 'The garden sensor', 'store-type': 'ts', schema: { type: 'number' } },
  ]);
});

test('an unknown or missing driver name is refused with the names there are', () => {
  assert.throws(() => findDriver('hue'), (e: unknown) => e instanceof DataboxError && e.code === 'driver-unknown' && e.hint === 'One of os-monitor, sensors-sim, webhook.');
  assert.throws(() => findDriver(undefined), (e: unknown) => e instanceof DataboxError && e.code === 'driver-unnamed');
});
