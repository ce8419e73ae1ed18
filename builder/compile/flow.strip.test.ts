import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowNode } from '../../core/flow/flow.types';
import { bundleFlows } from './flow.strip';

test('credentials never reach the bundle; the input is left as it was', () => {
  const input: FlowNode[] = [
    { id: 't', type: 'tab', label: 'x' },
    { id: 'f', type: 'function', z: 't', x: 1, y: 1, wires: [['d']], credentials: { apiKey: 'secret' } },
    { id: 'd', type: 'debug', z: 't', x: 1, y: 1, wires: [] },
  ];
  const out = bundleFlows(input);
  assert.deepEqual(out.map((n) => n.id), ['t', 'f']);
  assert.equal('credentials' in (out[1] ?? {}), false);
  assert.deepEqual(out[1]?.wires, [[]]);
  assert.deepEqual(input[1]?.credentials, { apiKey: 'secret' });
  assert.deepEqual(input[1]?.wires, [['d']]);
  assert.doesNotMatch(JSON.stringify(out), /secret/);
});
