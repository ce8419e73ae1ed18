import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowNode } from '../../core/flow/flow.types';
import { selectTab } from './tab.select';

const tabs: FlowNode[] = [
  { id: 't1', type: 'tab', label: 'Same' }, { id: 't2', type: 'tab', label: 'Same' }, { id: 't3', type: 'tab', label: 'Other' },
];

test('by id first, then by label; two tabs with the wanted label are ambiguous', () => {
  assert.equal(selectTab(tabs, 't2').tab.id, 't2');
  assert.equal(selectTab(tabs, 'Other').tab.id, 't3');
  assert.throws(() => selectTab(tabs, 'Same'), { code: 'tab-ambiguous', hint: /t1, t2/ });
  assert.throws(() => selectTab(tabs, 'None'), { code: 'tab-not-found', status: 404, hint: /t1 "Same", t2 "Same", t3 "Other"/ });
  assert.throws(() => selectTab(tabs), { code: 'tab-required' });
  assert.equal(selectTab([tabs[0] as FlowNode]).tab.id, 't1', 'the only tab needs no --tab');
});

test('without tabs, the nodes move onto one made-up tab; subflow and config nodes stay where they are', () => {
  const flows: FlowNode[] = [
    { id: 'a', type: 'inject', z: 'old', x: 1, y: 1, wires: [['b']] }, { id: 'b', type: 'function', z: 'old', x: 1, y: 1, wires: [] },
    { id: 'c', type: 'junction', z: 'elsewhere', x: 1, y: 1, wires: [] },
    { id: 's', type: 'subflow', name: 's', in: [], out: [] }, { id: 'in-s', type: 'function', z: 's', x: 1, y: 1, wires: [] },
    { id: 'cfg', type: 'global-config', env: [] },
  ];
  const { tab, flows: out } = selectTab(flows);
  assert.equal(tab.id, 'old');
  assert.deepEqual(out.map((n) => `${n.id}:${n.z ?? ''}`), ['old:', 'a:old', 'b:old', 'c:old', 's:', 'in-s:s', 'cfg:']);
  assert.equal(flows[2]?.z, 'elsewhere', 'the input is not changed');
});
