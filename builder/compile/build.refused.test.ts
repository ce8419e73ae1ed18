// A refused build still says what the app would be: the manifest derived from the flow as it
// stands, beside every problem (the studio's sidebar shows both while the developer fixes them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from './compile';
import { BuildRefusedError } from './build.refused';

const refusal = (flows: unknown[]): BuildRefusedError => {
  try {
    compile(flows, 'tab1');
  } catch (error) {
    if (error instanceof BuildRefusedError) return error;
    throw error;
  }
  throw new Error('the build was not refused');
};

test('a forbidden node: refused, naming it, with the manifest of the rest', () => {
  const error = refusal([
    { id: 'tab1', type: 'tab', label: 'Load' },
    { id: 'ds1', z: 'tab1', type: 'databox-datasource', datasourceType: 'loadavg1', clientid: 'load', mode: 'observe', wires: [['ex1']] },
    { id: 'ex1', z: 'tab1', type: 'exec', name: 'curl it', command: 'curl', wires: [[], [], []] },
  ]);
  assert.deepEqual(error.problems.map((p) => [p.code, p.node?.id]), [['node-forbidden', 'ex1']]);
  assert.equal(error.manifest?.name, 'load');
  assert.deepEqual(error.manifest?.datasources, [{ clientid: 'load', type: 'loadavg1', name: 'Host load average over 1 minute', required: true }]);
});

test('a name that is not one: refused, and the manifest carries the name it would have', () => {
  const error = refusal([
    { id: 'tab1', type: 'tab', label: 'Load', env: [{ name: 'name', value: 'Not A Name', type: 'str' }] },
    { id: 'c1', z: 'tab1', type: 'databox-chart', label: 'x', wires: [] },
  ]);
  assert.deepEqual(error.problems.map((p) => p.code), ['app-name-invalid']);
  assert.match(error.problems[0]?.hint ?? '', /environment variable "name"/);
  assert.equal(error.manifest?.name, 'Not A Name');
});
