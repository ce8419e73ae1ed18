import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseItem } from '../datastore/datastore.hypercat';
import { parseGrantedSource } from '../../runtime/box-client/box-client.env';
import { catalogueSource, sourceItem } from './driver.source';

const store = { endpoint: 'http://127.0.0.1:7004', name: 'sensors-sim-store' };

test('a catalogue source\'s item is one the datastore registers and the box client reaches', () => {
  const source = catalogueSource('set-light-on', 'sensors-sim');
  assert.deepEqual(source, {
    id: 'set-light-on', type: 'set-light-on', description: 'Switch a smart light on or off', storeType: 'ts/blob', actuator: true,
    unit: '', vendor: 'databox-driver-sensors-sim', schema: { type: 'boolean' },
  });
  const item = sourceItem(store, source);
  assert.equal(item.href, 'http://127.0.0.1:7004/ts/blob/set-light-on');
  const rels = Object.fromEntries(item['item-metadata'].map((m) => [m.rel, m.val]));
  assert.deepEqual(rels, {
    'urn:X-hypercat:rels:hasDescription:en': 'Switch a smart light on or off', 'urn:X-hypercat:rels:isContentType': 'application/json',
    'urn:X-databox:rels:hasVendor': 'databox-driver-sensors-sim', 'urn:X-databox:rels:hasType': 'set-light-on',
    'urn:X-databox:rels:hasDatasourceid': 'set-light-on', 'urn:X-databox:rels:hasStoreType': 'ts/blob', 'urn:X-databox:rels:isActuator': true,
    'urn:X-databox:rels:hasUnit': '', 'urn:X-databox:rels:hasStore': 'sensors-sim-store',
  });
  assert.deepEqual(parseItem(item), { kind: 'ts/blob', id: 'set-light-on', item });
  const granted = parseGrantedSource('light', JSON.stringify(item));
  assert.deepEqual([granted.store, granted.datasourceId, granted.storeType, granted.actuator], ['sensors-sim-store', 'set-light-on', 'ts/blob', true]);
});

test('a source with its own id and description; a free-text type is a generic numeric series', () => {
  const source = catalogueSource('my-gauge', 'webhook', { id: 'garden-gauge', description: 'Rain in the garden' });
  assert.deepEqual([source.id, source.type, source.description, source.storeType, source.unit], ['garden-gauge', 'my-gauge', 'Rain in the garden', 'ts', '']);
  assert.equal(parseItem(sourceItem(store, source)).id, 'garden-gauge');
});
