import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowNode } from '../../core/flow/flow.types';
import { deriveLineage } from './lineage.derive';
import { MAX_VERTICES } from './lineage.graph';
import { touchesContext } from './lineage.context';

const at = { x: 1, y: 1 };
const ds = (id: string, z: string, wires: string[][]): FlowNode => ({ id, type: 'databox-datasource', z, datasourceType: 'loadavg1', clientid: id, wires, ...at });
const ex = (id: string, z: string, url: string): FlowNode => ({ id, type: 'databox-export', z, url, wires: [[]], ...at });
const node = (id: string, type: string, z: string, wires: string[][], extra: Record<string, unknown> = {}): FlowNode => ({ id, type, z, wires, ...at, ...extra });

test('a chain of wires, a cycle, and an export no datasource reaches', () => {
  const flows: FlowNode[] = [
    { id: 't', type: 'tab', label: 'x' },
    ds('a', 't', [['f1']]), node('f1', 'function', 't', [['f2']]), node('f2', 'function', 't', [['f1', 'e1']]),
    ex('e1', 't', 'https://one.example.org/'), node('i', 'inject', 't', [['e2']]), ex('e2', 't', 'https://two.example.org/'),
  ];
  assert.deepEqual(deriveLineage(flows), [
    { kind: 'export', sink: 'https://one.example.org/', sources: ['a'] },
    { kind: 'export', sink: 'https://two.example.org/', sources: [] },
  ]);
});

test('two export nodes with one URL share one entry; sources are sorted and unique', () => {
  const flows: FlowNode[] = [
    { id: 't', type: 'tab' }, ds('zz', 't', [['e1']]), ds('aa', 't', [['e2', 'e1']]),
    ex('e1', 't', 'https://same.example.org/'), ex('e2', 't', 'https://same.example.org/'),
  ];
  assert.deepEqual(deriveLineage(flows), [{ kind: 'export', sink: 'https://same.example.org/', sources: ['aa', 'zz'] }]);
});

test('a subflow that contains an instance of itself is expanded once, not forever', () => {
  const flows: FlowNode[] = [
    { id: 't', type: 'tab' },
    { id: 's', type: 'subflow', name: 's', in: [{ wires: [{ id: 'inner' }] }], out: [{ wires: [{ id: 'inner', port: 0 }] }] },
    node('inner', 'subflow:s', 's', [[]]),
    ds('a', 't', [['inst']]), node('inst', 'subflow:s', 't', [['e']]), ex('e', 't', 'https://e.example.org/'),
  ];
  assert.deepEqual(deriveLineage(flows), [{ kind: 'export', sink: 'https://e.example.org/', sources: [] }]);
});

test('a subflow bomb (nested instances multiplying) is refused, not expanded', () => {
  const flows: FlowNode[] = [{ id: 't', type: 'tab' }, ds('a', 't', [['top']]), node('top', 'subflow:s0', 't', [[]])];
  for (let level = 0; level < 8; level += 1) {
    flows.push({ id: `s${level}`, type: 'subflow', name: `s${level}`, in: [], out: [] });
    for (let i = 0; i < 10; i += 1) flows.push(node(`s${level}-${i}`, level < 7 ? `subflow:s${level + 1}` : 'junction', `s${level}`, [[]]));
  }
  assert.throws(() => deriveLineage(flows), { code: 'flow-too-large', message: new RegExp(String(MAX_VERTICES)) });
});

test('what touches context', () => {
  assert.equal(touchesContext({ id: 'f', type: 'function', func: 'return msg;' }), false);
  assert.equal(touchesContext({ id: 'f', type: 'function', func: 'flow.set("k", msg.payload)' }), true);
  assert.equal(touchesContext({ id: 'f', type: 'function', func: '', initialize: 'global.set("x", 1)' }), true);
  assert.equal(touchesContext({ id: 'f', type: 'function', func: 'globalThis["glo" + "bal"].set("x", msg.payload)' }), true);
  assert.equal(touchesContext({ id: 'f', type: 'function', func: '({}).constructor.constructor("return this")()' }), true);
  assert.equal(touchesContext({ id: 'c', type: 'change', rules: [{ t: 'set', p: 'x', pt: 'global', to: 'payload', tot: 'msg' }] }), true);
  assert.equal(touchesContext({ id: 'c', type: 'change', rules: [{ t: 'set', p: 'x', pt: 'msg', to: 'y', tot: 'str' }] }), false);
  assert.equal(touchesContext({ id: 'i', type: 'inject', props: [{ p: 'payload', v: 'k', vt: 'flow' }] }), true);
  assert.equal(touchesContext({ id: 't', type: 'template', template: 'Last: {{flow.last}}' }), true);
});
