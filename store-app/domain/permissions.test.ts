import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleManifest } from '../testing/manifest.fixture';
import { describeLineage, describePermissions, exportsData } from '../../core/manifest/manifest.permissions';
import { diffPermissions, permissionsGrow } from '../../core/manifest/manifest.diff';

test('permissions in plain words: reads, acts, exports, outside hosts, own store', () => {
  const manifest = sampleManifest({
    datasources: [
      { clientid: 'load', type: 'loadavg1', required: true },
      { clientid: 'hum', type: 'humidity', required: false },
      { clientid: 'lamp', type: 'set-light-on', required: true, actuator: true },
      { clientid: 'x', type: 'custom-type', required: true },
    ],
    'resource-requirements': { store: 'core-store' },
  });
  assert.deepEqual(describePermissions(manifest).map((p) => p.text), [
    'Reads your host load average over 1 minute (loadavg1)',
    'Reads your relative humidity from a home sensor (humidity), if you grant it',
    'Reads your custom-type data (custom-type)',
    'Acts on your devices: switch a smart light on or off (set-light-on)',
    'Sends data to https://example.org/ingest: the load readings, each minute',
    'Keeps its own data in its own datastore on your box',
  ]);
  const driver = sampleManifest({ 'databox-type': 'driver', datasources: [], 'export-whitelist': [], lineage: [], 'external-whitelist': [{ urls: ['https://api.hue.example'], description: 'the bridge' }] });
  assert.deepEqual(describePermissions(driver).map((p) => p.key), ['external:https://api.hue.example']);
  assert.equal(exportsData(driver), true);
  assert.equal(exportsData(sampleManifest({ 'export-whitelist': [] })), false);
});

test('lineage sentences name the data types and where they go, what leaves the box first', () => {
  const manifest = sampleManifest({
    datasources: [
      { clientid: 'load', type: 'loadavg1', required: true },
      { clientid: 'temp', type: 'temperature', required: true },
      { clientid: 'lamp', type: 'set-light-on', required: true, actuator: true },
    ],
    lineage: [
      { kind: 'export', sink: 'https://example.org/ingest', sources: ['load', 'temp'] },
      { kind: 'actuator', sink: 'lamp', sources: ['temp'] },
      { kind: 'export', sink: 'https://example.org/ingest', sources: [] },
    ],
  });
  assert.deepEqual(describeLineage(manifest), [
    'Sends your loadavg1 and temperature readings to https://example.org/ingest',
    'Sends no readings to https://example.org/ingest',
    'Uses your temperature readings to act on set-light-on',
  ]);
});

test('the diff between versions: what was added, removed, unchanged; growth is detected', () => {
  const before = sampleManifest();
  const after = sampleManifest({
    datasources: [{ clientid: 'load', type: 'loadavg1', required: true }, { clientid: 'gps', type: 'location', required: true }],
    'export-whitelist': [{ url: 'https://other.example/in', description: '' }],
    lineage: [{ kind: 'export', sink: 'https://other.example/in', sources: ['load', 'gps'] }],
  });
  const diff = diffPermissions(before, after);
  assert.deepEqual(diff.added.map((p) => p.key), ['read:location', 'export:https://other.example/in']);
  assert.deepEqual(diff.removed.map((p) => p.key), ['export:https://example.org/ingest']);
  assert.deepEqual(diff.unchanged.map((p) => p.key), ['read:loadavg1']);
  assert.deepEqual(diff.lineageAdded, ['Sends your loadavg1 and location readings to https://other.example/in']);
  assert.equal(permissionsGrow(diff), true);
  assert.equal(permissionsGrow(diffPermissions(after, before)), true, 'a new export URL is growth');
  const shrink = diffPermissions(before, sampleManifest({ 'export-whitelist': [], lineage: [] }));
  assert.equal(permissionsGrow(shrink), false);
});
