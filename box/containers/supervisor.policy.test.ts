import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashPolicy } from './supervisor.policy';

test('each crash restarts after a doubling backoff; the fifth within a minute stops it', () => {
  const policy = crashPolicy();
  const decisions = [0, 1000, 2000, 3000].map((t) => policy.crashed('app', t));
  assert.deepEqual(decisions.map((d) => [d.action, d.delayMs, d.crashes]), [['restart', 500, 1], ['restart', 1000, 2], ['restart', 2000, 3], ['restart', 4000, 4]]);
  assert.deepEqual(policy.crashed('app', 4000), { action: 'stop', delayMs: 0, crashes: 5 });
});

test('crashes older than the window are forgotten; reset forgets them all; components are counted apart', () => {
  const policy = crashPolicy({ limit: 3, windowMs: 10_000 });
  policy.crashed('a', 0);
  policy.crashed('a', 1);
  assert.equal(policy.crashed('a', 20_000).crashes, 1, 'the first two are out of the window');
  assert.equal(policy.crashed('b', 20_000).crashes, 1);
  policy.reset('a');
  assert.equal(policy.crashed('a', 20_001).crashes, 1);
  assert.equal(crashPolicy({ maxDelayMs: 3000, limit: 100 }).crashed('x', 0).delayMs, 500);
});
