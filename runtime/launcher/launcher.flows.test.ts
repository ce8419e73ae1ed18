import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataboxError } from '../../core/errors';
import { appTitle, checkFlowsText } from './launcher.flows';

test('a flows file must be a JSON list of nodes', () => {
  assert.equal(checkFlowsText('[{"id":"a","type":"tab"},{"id":"b","type":"inject","z":"a"}]'), 2);
  for (const [text, pattern] of [['{', /not JSON/], ['{"id":"a"}', /not a list/], ['[{"id":"a"}]', /entry 0 is not a node/]] as const) {
    assert.throws(() => checkFlowsText(text, 'flows.json'), (e: unknown) => e instanceof DataboxError && e.code === 'launcher-flows-invalid' && pattern.test(e.message));
  }
});

test('the page title: app name, then manifest, then the first tab, then the fallback', () => {
  const flowsText = '[{"id":"t","type":"tab","label":"Host load"}]';
  assert.equal(appTitle({ appName: 'from-env', manifestText: '{"name":"m"}', fallback: 'f' }), 'from-env');
  assert.equal(appTitle({ appName: 'from-env', manifestText: '{"name":"m","displayName":"My app"}', fallback: 'f' }), 'My app', 'the name the owner reviewed wins');
  assert.equal(appTitle({ manifestText: '{"name":"m","displayName":"My app"}', fallback: 'f' }), 'My app');
  assert.equal(appTitle({ manifestText: '{"name":"m"}', flowsText, fallback: 'f' }), 'm');
  assert.equal(appTitle({ manifestText: 'not json', flowsText, fallback: 'f' }), 'Host load');
  assert.equal(appTitle({ flowsText: '[]', fallback: 'f' }), 'f');
});
