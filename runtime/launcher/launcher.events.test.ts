import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimeStateProblem } from './launcher.events';

test('missing node types become a clear error naming them', () => {
  const error = runtimeStateProblem({ id: 'runtime-state', payload: { state: 'stop', error: 'missing-types', types: ['mqtt in', 'node-red-contrib-x'] } });
  assert.equal(error?.code, 'launcher-missing-types');
  assert.match(error?.message ?? '', /mqtt in, node-red-contrib-x/);
});

test('other runtime-state errors stop the launcher too; ordinary events do not', () => {
  assert.equal(runtimeStateProblem({ id: 'runtime-state', payload: { error: 'credentials_load_failed' } })?.code, 'launcher-flows-stopped');
  assert.equal(runtimeStateProblem({ id: 'runtime-state', payload: { state: 'start', deploy: true } }), undefined);
  assert.equal(runtimeStateProblem({ id: 'node/added', payload: {} }), undefined);
  assert.equal(runtimeStateProblem(null), undefined);
  assert.equal(runtimeStateProblem('runtime-state'), undefined);
});
