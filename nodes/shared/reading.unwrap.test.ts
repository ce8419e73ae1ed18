import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unwrapReading, unwrapResult } from './reading.unwrap';

test('a store\'s {value} is the reading; tagged or other data stays whole', () => {
  assert.equal(unwrapReading({ value: 0.7 }), 0.7);
  assert.deepEqual(unwrapReading({ value: 21, room: 'hall' }), { value: 21, room: 'hall' });
  assert.deepEqual(unwrapReading({ lat: 1, lon: 2 }), { lat: 1, lon: 2 });
  assert.deepEqual(unwrapReading([{ value: 1 }]), [{ value: 1 }]);
  assert.equal(unwrapReading(true), true);
  assert.equal(unwrapReading(null), null);
});

test('rows are unwrapped one by one; aggregation results pass through', () => {
  assert.deepEqual(unwrapResult([{ timestamp: 1, data: { value: 2 } }, { timestamp: 2, data: 'x' }]), [{ timestamp: 1, data: 2 }, { timestamp: 2, data: 'x' }]);
  assert.deepEqual(unwrapResult({ result: 3 }), { result: 3 });
});
