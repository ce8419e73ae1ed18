import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDatasourceType } from './catalogue';
import { valueProblem } from './catalogue.value';

test('actuator values are checked against their catalogue schema', () => {
  const brightness = findDatasourceType('set-light-brightness')!.schema;
  assert.equal(valueProblem(brightness, 127), undefined);
  assert.equal(valueProblem(brightness, 255), 'value must be at most 254');
  assert.equal(valueProblem(brightness, '127'), 'value must be a number');
  assert.equal(valueProblem(brightness, Number.NaN), 'value must be a number');
  const on = findDatasourceType('set-light-on')!.schema;
  assert.equal(valueProblem(on, false), undefined);
  assert.equal(valueProblem(on, 'on'), 'value must be true or false');
});

test('objects: required fields and nested types', () => {
  const light = findDatasourceType('light-state')!.schema;
  assert.equal(valueProblem(light, { on: true, brightness: 100 }), undefined);
  assert.equal(valueProblem(light, { brightness: 100 }), 'value.on is missing');
  assert.equal(valueProblem(light, { on: true, brightness: 999 }), 'value.brightness must be at most 254');
  assert.equal(valueProblem(light, [true]), 'value must be an object');
  assert.equal(valueProblem({ type: 'string', enum: ['a'] }, 'b'), 'value must be one of a');
});
