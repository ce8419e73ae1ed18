import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataboxError } from '../../../core/errors';
import { routeWebhookValue } from './webhook.value';

test('a free-text source: numbers and {value: <number>} to the numeric series, anything else to the blob series', () => {
  assert.deepEqual(routeWebhookValue('garden-gauge', 3.5), { storeType: 'ts', body: { value: 3.5 } });
  assert.deepEqual(routeWebhookValue('garden-gauge', { value: 3, room: 'shed' }), { storeType: 'ts', body: { value: 3, room: 'shed' } });
  for (const blob of ['rain', true, [1, 2], { value: '3' }, { rain: 3 }]) assert.deepEqual(routeWebhookValue('garden-gauge', blob), { storeType: 'ts/blob', body: blob });
});

test('a catalogue source keeps to its type and schema', () => {
  assert.deepEqual(routeWebhookValue('steps', 1200), { storeType: 'ts', body: { value: 1200 } });
  assert.deepEqual(routeWebhookValue('steps', { value: 1200, phone: 'pixel' }), { storeType: 'ts', body: { value: 1200, phone: 'pixel' } });
  assert.deepEqual(routeWebhookValue('location', { lat: 52.2, lon: 0.12, accuracy: 8 }), { storeType: 'ts/blob', body: { lat: 52.2, lon: 0.12, accuracy: 8 } });
  assert.deepEqual(routeWebhookValue('motion', false), { storeType: 'ts/blob', body: false });
  const refused = (type: string, value: unknown, message: RegExp) => assert.throws(() => routeWebhookValue(type, value),
    (e: unknown) => e instanceof DataboxError && e.code === 'webhook-value-invalid' && e.status === 400 && message.test(e.message), `${type} ${JSON.stringify(value)}`);
  refused('steps', 'many', /a steps source takes a number/);
  refused('steps', -5, /a steps reading's value must be at least 0/);
  refused('location', { lat: 52.2 }, /value.lon is missing/);
  refused('location', 7, /must be an object/);
  refused('garden-gauge', null, /null/);
});
