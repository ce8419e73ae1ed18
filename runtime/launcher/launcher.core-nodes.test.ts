import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreNodesDir, coreNodeTypes, flowTypes, unusedCoreFiles } from './launcher.core-nodes';

test('the core node files a flow does not use are left out; a file with any used type, or no readable type, is kept', () => {
  const files = new Map([['10-mqtt.js', ['mqtt-broker', 'mqtt in', 'mqtt out']], ['10-function.js', ['function']], ['lib-only.js', []]]);
  assert.deepEqual(unusedCoreFiles(files, new Set(['function'])), ['10-mqtt.js']);
  assert.deepEqual(unusedCoreFiles(files, new Set(['mqtt-broker'])), ['10-function.js'], 'a config node in the flows keeps its file');
});

test('the installed Node-RED core nodes are read by the types they register', () => {
  const files = coreNodeTypes(coreNodesDir());
  assert.deepEqual(files.get('20-inject.js'), ['inject']);
  assert.ok(files.get('10-mqtt.js')?.includes('mqtt in'));
  const unused = unusedCoreFiles(files, flowTypes(JSON.stringify([{ id: 't', type: 'tab' }, { id: 'f', type: 'function', z: 't' }, { id: 'i', type: 'inject', z: 't' }])));
  assert.ok(!unused.includes('10-function.js') && !unused.includes('20-inject.js'));
  assert.ok(unused.includes('10-mqtt.js') && unused.includes('21-httpin.js'));
});
