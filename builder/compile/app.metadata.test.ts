import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appMetadata, appNameFromLabel, tabEnv } from './app.metadata';

test('tab labels become one lower-case word', () => {
  assert.equal(appNameFromLabel('Host load'), 'host-load');
  assert.equal(appNameFromLabel('  Café & Crème: v2 '), 'cafe-creme-v2');
  assert.equal(appNameFromLabel('2024 report'), 'report');
  assert.equal(appNameFromLabel('???'), '');
  assert.equal(appNameFromLabel('x'.repeat(80)).length, 63);
});

test('options win over the tab env, which wins over the info text and defaults', () => {
  const tab = { id: 't', type: 'tab', label: 'Lights', info: '# Lights\n\nTurns **lights** on.', env: [
    { name: 'version', value: '1.2.0', type: 'str' }, { name: 'tags', value: 'home, lights,', type: 'str' }, { name: 'author', value: '', type: 'str' }] };
  assert.deepEqual(appMetadata(tab, {}), {
    name: 'lights', displayName: 'Lights', version: '1.2.0', description: 'Turns lights on.', author: 'unknown', license: 'UNLICENSED', tags: ['home', 'lights'],
  });
  assert.equal(appMetadata(tab, { version: '2.0.0', name: 'x' }).version, '2.0.0');
  assert.equal(appMetadata({ id: 't', type: 'tab', label: '' }, { defaultName: 'file-name' }).name, 'file-name');
  assert.equal(appMetadata({ id: 't', type: 'tab', label: '!!!' }, {}).name, '!!!', 'an unusable label is kept, so validation can name it');
});

test('the tab env variable "name" names the app, so the display name (the label) can say more', () => {
  const tab = { id: 't', type: 'tab', label: 'My lights, 2nd try', env: [{ name: 'name', value: ' lights ', type: 'str' }] };
  assert.equal(appMetadata(tab, {}).name, 'lights');
  assert.equal(appMetadata(tab, {}).displayName, 'My lights, 2nd try');
  assert.equal(appMetadata(tab, { name: 'given' }).name, 'given', 'an option still wins');
  assert.equal(appMetadata({ ...tab, env: [{ name: 'name', value: '  ', type: 'str' }] }, {}).name, 'my-lights-2nd-try', 'a blank one is not a name');
});

test('tabEnv: string values that are not blank, trimmed; anything else left out', () => {
  const env = tabEnv({ id: 't', type: 'tab', env: [
    { name: 'changelog', value: ' First version ', type: 'str' }, { name: 'icon', value: '', type: 'str' },
    { name: 'n', value: 3, type: 'num' }, 'junk', null] });
  assert.deepEqual([...env], [['changelog', 'First version']]);
  assert.deepEqual([...tabEnv({ id: 't', type: 'tab' })], []);
});
