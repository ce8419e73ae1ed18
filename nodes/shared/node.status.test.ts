import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../core/errors';
import type { Node, NodeStatus } from '../red.types';
import { errorStatus, shortText, throttledStatus } from './node.status';
import { eventually } from '../../test/support/eventually';

function statusNode(seen: NodeStatus[]): Node {
  return {
    id: 'n', type: 't', on() {}, send() {}, error() {}, warn() {}, log() {},
    status: (s: NodeStatus) => { seen.push(s); },
  };
}

test('a burst of statuses shows the first at once and the latest after the window, nothing after stop', async () => {
  const seen: NodeStatus[] = [];
  const status = throttledStatus(statusNode(seen), 20);
  for (let i = 1; i <= 5; i++) status({ text: String(i) });
  assert.deepEqual(seen.map((s) => s.text), ['1']);
  await eventually(() => seen.length >= 2, 'a second status was shown after the window', { seen: () => seen });
  assert.deepEqual(seen.map((s) => s.text), ['1', '5']);
  status({ text: '6' });
  status({ text: '7' });
  status.stop();
  // Asserting that nothing happens: wait two windows, long past when '7' would have shown.
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.ok(!seen.some((s) => s.text === '7'), 'a pending status is dropped on stop');
});

test('short status texts: values cut to fit, errors by their code', () => {
  assert.equal(shortText(0.73), '0.73');
  assert.equal(shortText({ on: true }), '{"on":true}');
  assert.equal(shortText('x'.repeat(50)).length, 32);
  assert.deepEqual(errorStatus(new DataboxError('source-not-bound', 'm')), { fill: 'red', shape: 'ring', text: 'source-not-bound' });
});
