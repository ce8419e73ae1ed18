import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { signBundleHash, signHandover } from '../../core/bundle/bundle.signature';
import { publicKeyOf } from '../../store-app/signing/publisher-key';
import { specBundle } from '../../test/support/built-bundle';
import type { DataSource } from '../state/box.db';
import { bindingProblems, proposedBindings } from './install.bindings';
import { grantsFor } from './install.grants';
import { verifyTrust } from './install.verify';
import { unsupportedBy } from './install.support';

const source = (id: string, extra: Partial<DataSource> = {}): DataSource => ({ id, driver: 'os-monitor', store: 'os-monitor-store', storeType: 'ts', type: id, actuator: false, description: id, unit: '', ...extra });
const sources = [source('loadavg1'), source('memory-used'), source('set-light-on', { driver: 'sensors-sim', store: 'sensors-sim-store', storeType: 'ts/blob', actuator: true }), source('temperature', { driver: 'sensors-sim', store: 'sensors-sim-store' })];
// A real manifest, from a flow built by the builder.
const app = specBundle({
  name: 'lights', version: '1.0.0',
  sources: [{ clientid: 'load', type: 'loadavg1' }, { clientid: 'mem', type: 'memory-used', required: false }],
  actuators: [{ clientid: 'lamp', type: 'set-light-on', from: ['load'] }],
  exports: [{ url: 'https://example.org/in', from: ['load'] }], ownData: true,
}).manifest;

test('bindings: required bound, types match, actuators only to actuators, nothing undeclared', () => {
  assert.deepEqual(bindingProblems(app, { load: 'loadavg1', lamp: 'set-light-on' }, sources), [], 'the optional one may stay unbound');
  const problems = bindingProblems(app, { load: 'temperature', mem: 'nope', lamp: 'loadavg1', extra: 'loadavg1' }, sources);
  assert.deepEqual(problems, [
    '"extra" is not a datasource lights declares (it declares lamp, load, mem)',
    'lamp (set-light-on, an actuator) is bound to "loadavg1", which is loadavg1 data, not set-light-on',
    'load (loadavg1) is bound to "temperature", which is temperature data, not loadavg1',
    'mem (memory-used) is bound to "nope", which is none of your data sources',
  ]);
  assert.match(bindingProblems(app, {}, sources).join('\n'), /load \(loadavg1\) is required: bind it .* \(--bind load=<source id>\)/);
  const sensorAsActuator = { ...app, datasources: app.datasources.map((d) => (d.clientid === 'lamp' ? { ...d, type: 'temperature' } : d)) };
  assert.match(bindingProblems(sensorAsActuator, { load: 'loadavg1', lamp: 'temperature' }, sources).join(), /a sensor, but the app declares an actuator/);
});

test('grants: reads and observe on bound sensors, POST on bound actuators, all of its own store, one export destination each, nothing else', () => {
  assert.deepEqual(grantsFor(app, { load: 'loadavg1', lamp: 'set-light-on' }, sources, { store: 'lights-store', exportService: 'export-service' }), [
    { target: 'sensors-sim-store', path: '/ts/blob/set-light-on', method: 'POST' },
    { target: 'os-monitor-store', path: '/ts/loadavg1/*', method: 'GET' },
    { target: 'os-monitor-store', path: '/ts/loadavg1', method: 'GET', observe: 'data' },
    { target: 'lights-store', path: '/*', method: 'GET' },
    { target: 'lights-store', path: '/*', method: 'POST' },
    { target: 'lights-store', path: '/*', method: 'DELETE' },
    { target: 'lights-store', path: '/*', method: 'GET', observe: 'data' },
    { target: 'export-service', path: '/export', method: 'POST', destination: 'https://example.org/in' },
  ]);
  assert.deepEqual(grantsFor(app, {}, sources, { exportService: 'export-service' }).map((g) => g.target), ['export-service'], 'unbound sources and no store: only the export');
  const privacy = { mechanism: 'laplace' as const, epsilon: 1, period: 'day' as const, bounds: [0, 40] as [number, number] };
  const study = { ...app, 'export-whitelist': [{ ...app['export-whitelist'][0]!, privacy }] };
  assert.deepEqual(grantsFor(study, {}, sources, { exportService: 'export-service' }), [{ target: 'export-service', path: '/export', method: 'POST', destination: 'https://example.org/in', privacy }], 'a private destination\'s grant carries its spec');
});

test('proposed bindings: a required datasource with one source of its kind gets it; an optional one, or one with a choice, waits for the owner', () => {
  assert.deepEqual(proposedBindings(app, sources), { load: 'loadavg1', lamp: 'set-light-on' });
  const twoLoads = [...sources, source('loadavg1-b', { type: 'loadavg1' })];
  assert.deepEqual(proposedBindings(app, twoLoads), { lamp: 'set-light-on' });
  assert.deepEqual(bindingProblems(app, proposedBindings(app, sources), sources), [], 'what it proposes is a valid install');
});

const keys = () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { pem, publicKey: publicKeyOf(pem) };
};

test('trust: a store bundle must be signed; the first install pins the key; a later one needs the same key or a signed hand-over chain', () => {
  const hash = 'ab'.repeat(32);
  const a = keys();
  const b = keys();
  const c = keys();
  const signed = (k: { pem: string; publicKey: string }) => ({ signature: signBundleHash(hash, k.pem), publicKey: k.publicKey });
  const base = { app: 'lights', contentHash: hash, handovers: [], local: false, unsigned: false };
  assert.deepEqual(verifyTrust({ ...base, ...signed(a) }), { signed: true, publicKey: a.publicKey, pin: a.publicKey });
  assert.throws(() => verifyTrust(base), { code: 'bundle-unsigned', status: 403 });
  assert.throws(() => verifyTrust({ ...base, ...signed(a), contentHash: 'cd'.repeat(32) }), { code: 'signature-invalid' });
  assert.throws(() => verifyTrust({ ...base, ...signed(b), pinned: a.publicKey }), { code: 'publisher-key-changed' });
  const ab = { oldPublicKey: a.publicKey, newPublicKey: b.publicKey, signature: signHandover('lights', b.publicKey, a.pem) };
  const bc = { oldPublicKey: b.publicKey, newPublicKey: c.publicKey, signature: signHandover('lights', c.publicKey, b.pem) };
  assert.equal(verifyTrust({ ...base, ...signed(c), pinned: a.publicKey, handovers: [ab, bc] }).signed, true, 'a -> b -> c');
  const forged = { ...bc, signature: signHandover('lights', c.publicKey, c.pem) };
  assert.throws(() => verifyTrust({ ...base, ...signed(c), pinned: a.publicKey, handovers: [ab, forged] }), { code: 'publisher-key-changed' });
  const otherApp = { ...ab, signature: signHandover('other', b.publicKey, a.pem) };
  assert.throws(() => verifyTrust({ ...base, ...signed(b), pinned: a.publicKey, handovers: [otherApp] }), { code: 'publisher-key-changed' }, 'a hand-over of another app does not count');
});

test('trust: only a local bundle may be unsigned, only with --unsigned, and never over a signed install', () => {
  const base = { app: 'lights', contentHash: 'ab'.repeat(32), handovers: [] };
  assert.deepEqual(verifyTrust({ ...base, local: true, unsigned: true }), { signed: false });
  assert.throws(() => verifyTrust({ ...base, local: true, unsigned: false }), { code: 'bundle-unsigned', message: /not signed/ });
  assert.throws(() => verifyTrust({ ...base, local: false, unsigned: true }), { code: 'bundle-unsigned', message: /from the app store/ });
  assert.throws(() => verifyTrust({ ...base, local: true, unsigned: true, pinned: keys().publicKey }), { code: 'bundle-unsigned', message: /cannot replace/ });
});

test('a manifest asking what this box cannot yet do safely is refused, saying why: a driver reaching outside hosts', () => {
  assert.equal(unsupportedBy(app), undefined);
  const driver = { ...app, 'databox-type': 'driver' as const, 'export-whitelist': [], 'external-whitelist': [{ urls: ['https://api.example.org'], description: 'weather' }] };
  assert.equal(unsupportedBy(driver)?.code, 'driver-egress-unsupported');
});
