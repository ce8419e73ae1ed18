import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleContentHash, type Bundle } from '../../core/bundle';
import type { Manifest } from '../../core/manifest/manifest.types';
import { specBundle, type AppSpec } from '../../test/support/built-bundle';
import type { DataSource } from '../state/box.db';
import { SLA_VERSION, type Sla } from '../state/sla.types';
import { grantsFor } from './install.grants';
import type { FoundBundle } from './install.source';
import { consentFor, mergedBindings, updateReview, updateText } from './update.review';

const source = (id: string, type = id): DataSource => ({ id, driver: 'os-monitor', store: 'os-monitor-store', storeType: 'ts', type, actuator: false, description: id, unit: '' });
const sources = [source('loadavg1'), source('memory-used'), source('temperature')];
// Real manifests, from flows built by the builder.
const version = (v: string, extra: Partial<AppSpec> = {}): Bundle => specBundle({
  name: 'tally', version: v, sources: [{ clientid: 'load', type: 'loadavg1' }], exports: [{ url: 'https://example.org/a', from: ['load'] }], ...extra,
});
const grantsOf = (m: Manifest, bindings: Record<string, string>) => grantsFor(m, bindings, sources, { exportService: 'export-service' });
const slaOf = (bundle: Bundle, bindings: Record<string, string>): Sla => ({
  'sla-version': SLA_VERSION, name: 'tally', kind: 'app', manifest: bundle.manifest, bindings, origin: { kind: 'builtin' }, contentHash: bundleContentHash(bundle),
  grants: grantsOf(bundle.manifest, bindings), installedAt: 0,
});
const found = (bundle: Bundle): FoundBundle => ({ bundle, tarball: Buffer.alloc(0), contentHash: bundleContentHash(bundle), origin: { kind: 'local', unsigned: true }, trust: { app: 'tally', contentHash: '', handovers: [], local: true, unsigned: true } });

test('an update that changes nothing the owner granted does not grow, and needs no binding', () => {
  const old = slaOf(version('1.0.0'), { load: 'loadavg1' });
  const review = updateReview(old, found(version('1.0.1', { description: 'now faster' })), {}, sources, { signed: false }, grantsOf);
  assert.deepEqual([review.grows, review.added, review.removed, review.problems], [false, [], [], []]);
  assert.deepEqual(review.bindings, { load: 'loadavg1' });
  assert.equal(review.consent, consentFor(version('1.0.0').manifest), 'the same permissions, the same consent');
});

test('a new source and a new destination grow: both named, the new source needs a binding, the consent changes', () => {
  const old = slaOf(version('1.0.0'), { load: 'loadavg1' });
  const next = version('2.0.0', { sources: [{ clientid: 'load', type: 'loadavg1' }, { clientid: 'heat', type: 'temperature' }], exports: [{ url: 'https://example.org/a', from: ['load'] }, { url: 'https://example.org/b', from: ['heat'] }] });
  const unbound = updateReview(old, found(next), {}, sources, { signed: false }, grantsOf);
  assert.equal(unbound.grows, true);
  assert.deepEqual(unbound.added.map((t) => /temperature|example\.org\/b/.test(t)), [true, true], JSON.stringify(unbound.added));
  assert.match(unbound.problems.join(), /heat \(temperature\) is required/);
  assert.notEqual(unbound.consent, consentFor(old.manifest));
  const bound = updateReview(old, found(next), { heat: 'temperature' }, sources, { signed: false }, grantsOf);
  assert.deepEqual([bound.problems, bound.bindings], [[], { load: 'loadavg1', heat: 'temperature' }]);
  assert.match(updateText(bound).join('\n'), /MORE than the version you run[\s\S]*New: it may also/);
});

test('what the owner revoked stays revoked, and a source whose type changed is bound again', () => {
  const installed = slaOf(version('1.0.0'), { load: 'loadavg1' });
  const revoked = { ...installed, grants: installed.grants.filter((g) => g.destination !== 'https://example.org/a') };
  const review = updateReview(revoked, found(version('1.1.0')), {}, sources, { signed: false }, grantsOf);
  assert.deepEqual(review.stillRevoked.map((g) => g.destination), ['https://example.org/a']);
  assert.equal(review.grants.some((g) => g.destination), false, 'not granted again');
  const retyped = version('1.2.0', { sources: [{ clientid: 'load', type: 'memory-used' }] });
  assert.deepEqual(mergedBindings(installed, retyped.manifest, {}), {}, 'a binding to loadavg1 does not carry over to memory-used');
});
