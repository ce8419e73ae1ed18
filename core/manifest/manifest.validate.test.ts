import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest, validateManifest } from './manifest.validate';
import { describePermissions } from './manifest.permissions';

const valid = {
  'manifest-version': 1, name: 'load-chart', 'databox-type': 'app', version: '1.0.0',
  description: 'Charts host load', author: 'ada', license: 'MIT', tags: ['host'],
  datasources: [{ clientid: 'loadavg1_ab12cd34', type: 'loadavg1', required: true }],
  'export-whitelist': [{ url: 'https://example.org/in', description: 'x' }],
  'resource-requirements': {}, lineage: [{ kind: 'export', sink: 'https://example.org/in', sources: ['loadavg1_ab12cd34'] }],
};

test('a valid manifest has no problems', () => {
  assert.deepEqual(validateManifest(valid), []);
  assert.equal(parseManifest(valid).name, 'load-chart');
});

test('each broken field is named with what to do', () => {
  const broken = { ...valid, name: 'Load Chart', version: 'one', datasources: [{ clientid: '1x', type: '', required: 'yes' }], 'export-whitelist': [{ url: 'ftp://x' }] };
  const fields = validateManifest(broken).map((p) => p.field);
  assert.deepEqual(fields.sort(), ['datasources[0].clientid', 'datasources[0].required', 'datasources[0].type', 'export-whitelist[0].url', 'name', 'version']);
  assert.throws(() => parseManifest(broken), /name: must be one lower-case word/);
  assert.deepEqual(validateManifest('nope'), [{ field: '', message: 'the manifest must be a JSON object' }]);
});

test('an app may not ask for external hosts', () => {
  const problems = validateManifest({ ...valid, 'external-whitelist': [{ urls: ['https://x.org'], description: '' }] });
  assert.match(problems[0]!.message, /only drivers/);
});

test('a driver\'s provides: each entry a type id, described, with a store type and a schema', () => {
  const driver = { ...valid, name: 'os-monitor', 'databox-type': 'driver', datasources: [], 'export-whitelist': [], lineage: [], 'resource-requirements': { store: 'core-store' } };
  const good = { 'data-source-type': 'loadavg1', description: 'Host load', 'store-type': 'ts', schema: { type: 'number', minimum: 0 } };
  assert.deepEqual(validateManifest({ ...driver, provides: [good] }), []);
  const problems = validateManifest({ ...driver, provides: [good, { 'data-source-type': '1x', description: '', 'store-type': 'csv', schema: { type: 'date' } }, 'x'] });
  assert.deepEqual(problems.map((p) => p.field), ['provides[1].data-source-type', 'provides[1].description', 'provides[1].store-type', 'provides[1].schema', 'provides[2]']);
  assert.deepEqual(validateManifest({ ...driver, provides: {} }).map((p) => p.field), ['provides']);
  assert.match(validateManifest({ ...valid, provides: [good] })[0]!.message, /only drivers provide/);
});

test('a private export entry is checked by the one privacy check, and its sentence is in the permissions', () => {
  const privacy = { mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40], unit: '°C' };
  assert.deepEqual(validateManifest({ ...valid, 'export-whitelist': [{ url: 'https://example.org/in', description: 'x', privacy }] }), []);
  const bad = validateManifest({ ...valid, 'export-whitelist': [{ url: 'https://example.org/in', description: 'x', privacy: { ...privacy, epsilon: 0, bounds: [40, 0] } }] });
  assert.deepEqual(bad.map((p) => p.field), ['export-whitelist[0].privacy.epsilon', 'export-whitelist[0].privacy.bounds']);
  const manifest = parseManifest({ ...valid, 'export-whitelist': [{ url: 'https://example.org/in', description: 'x', privacy }] });
  assert.match(describePermissions(manifest).find((p) => p.kind === 'export')?.text ?? '', /^Sends data to https:\/\/example\.org\/in: x\. Private: the box adds the noise\. At most one noisy value a day leaves your box\./);
  assert.equal(describePermissions(manifest).find((p) => p.kind === 'export')?.key, `export:https://example.org/in private ${JSON.stringify(privacy)}`, 'a changed spec is a changed permission');
  const twice = validateManifest({ ...valid, 'export-whitelist': [{ url: 'https://example.org/in', description: 'x', privacy }, { url: 'https://example.org/in', description: 'raw' }] });
  assert.deepEqual(twice, [{ field: 'export-whitelist[1].url', message: 'is listed twice; each destination is listed once' }]);
  const spelled = validateManifest({ ...valid, 'export-whitelist': [{ url: 'https://Example.org/in', description: 'x', privacy }, { url: 'https://example.org:443/in', description: 'x', privacy }] });
  assert.deepEqual(spelled.map((p) => p.field), ['export-whitelist[1].url'], 'one destination written two ways (two budgets otherwise)');
  const marked = validateManifest({ ...valid, lineage: [{ kind: 'actuator', sink: 'lamp', sources: [], private: true }] });
  assert.deepEqual(marked.map((p) => p.field), ['lineage[0].private']);
});
