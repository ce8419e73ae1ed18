import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createObserveHub } from './observe.hub';
import { matches, parseSubscription } from './observe.match';

test('exact and wildcard subscriptions match the right writes', () => {
  assert.ok(matches(parseSubscription('/ts/temp'), '/ts/temp'));
  assert.ok(!matches(parseSubscription('/ts/temp'), '/ts/temp2'));
  assert.ok(matches(parseSubscription('/ts/*'), '/ts/blob/loc'));
  assert.ok(matches(parseSubscription('/kv/settings/*'), '/kv/settings/theme'));
  assert.ok(!matches(parseSubscription('/kv/settings/*'), '/kv/other/theme'));
  assert.ok(matches(parseSubscription('/ts/*.temp'), '/ts/kitchen.temp'));
  assert.ok(!matches(parseSubscription('/ts/a.c'), '/ts/abc'), 'a dot is literal');
});

test('subscriptions outside the data paths or with tricks are refused', () => {
  for (const bad of ['/cat', '/ws', 'ts/x', '/ts/../kv/x', '/ts//x', '/ts/a b', '/ts/(x)', 42, null, '/ts/' + 'x'.repeat(600)]) {
    assert.throws(() => parseSubscription(bad), { code: 'subscription-invalid' }, String(bad));
  }
});

test('the hub delivers once per matching subscriber and forgets unsubscribed ones', () => {
  const hub = createObserveHub();
  const got: string[] = [];
  const offExact = hub.subscribe(parseSubscription('/ts/temp'), { deliver: (text) => got.push(`exact ${text}`) });
  hub.subscribe(parseSubscription('/ts/*'), { deliver: (text) => got.push(`wild ${text}`) });
  assert.ok(hub.wants('/ts/temp') && hub.wants('/ts/other') && !hub.wants('/kv/a/b'));
  hub.publish('/ts/temp', 5, '{"value":1}');
  assert.deepEqual(got, ['exact {"path":"/ts/temp","timestamp":5,"data":{"value":1}}', 'wild {"path":"/ts/temp","timestamp":5,"data":{"value":1}}']);
  offExact();
  hub.publish('/ts/temp', 6, '2');
  assert.equal(got.length, 3);
});
