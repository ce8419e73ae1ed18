import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleContentHash } from '../../core/bundle';
import { specBundle } from '../../test/support/built-bundle';
import { installReview } from '../install/install.review';
import type { FoundBundle } from '../install/install.source';
import { reviewPage } from './dashboard.review';

// A real manifest, from a flow built by the builder: it reads a type the owner has no source of.
const bundle = specBundle({ name: 'steps-chart', version: '1.0.0', label: 'Steps chart', sources: [{ clientid: 'steps', type: 'steps' }] });
const found: FoundBundle = { bundle, tarball: Buffer.alloc(0), contentHash: bundleContentHash(bundle), origin: { kind: 'local', unsigned: true }, trust: { app: 'steps-chart', contentHash: '', handovers: [], local: true, unsigned: true } };
const review = installReview(found, {}, [], { signed: false });

test('a data source the owner has none of: the review says so, and offers the stores\' drivers that provide it', () => {
  const offered = reviewPage({ review, store: 'http://store.example', app: 'steps-chart', drivers: { steps: [{ store: 'http://store.example', name: 'phone-steps', displayName: 'Phone <steps>' }] } });
  assert.match(offered, /You have no steps source: it is required, so this cannot be installed yet\. A driver that provides it: <a href="\/install\?store=http%3A%2F%2Fstore\.example&#38;app=phone-steps">Review Phone &#60;steps&#62;<\/a>\./);
  const none = reviewPage({ review, store: 'http://store.example', app: 'steps-chart', drivers: {} });
  assert.match(none, /No store of yours has a driver that provides it\./);
  assert.doesNotMatch(none, /<select/, 'nothing to choose from');
});

test('with a required source missing, Install is disabled; with one to bind, it is offered', () => {
  assert.match(reviewPage({ review, store: 'http://s', app: 'steps-chart' }), /<button type="submit" disabled>Install<\/button>/);
  const bindable = installReview(found, {}, [{ id: 'phone-steps', driver: 'webhook', store: 'webhook-store', storeType: 'ts', type: 'steps', actuator: false, description: 'Steps from my phone', unit: '' }], { signed: false });
  const page = reviewPage({ review: bindable, store: 'http://s', app: 'steps-chart' });
  assert.match(page, /<select id="bind-steps" name="bind" data-clientid="steps"><option value="phone-steps" selected>phone-steps<\/option><\/select>/);
  assert.match(page, /<button type="submit">Install<\/button>/);
});
