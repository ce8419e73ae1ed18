import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, isAggregation } from './aggregate';

test('each aggregation over a small series', () => {
  const values = [4, 1, 3, 10, 2];
  assert.equal(aggregate(values, 'sum'), 20);
  assert.equal(aggregate(values, 'count'), 5);
  assert.equal(aggregate(values, 'min'), 1);
  assert.equal(aggregate(values, 'max'), 10);
  assert.equal(aggregate(values, 'mean'), 4);
  assert.equal(aggregate(values, 'median'), 3);
  assert.equal(aggregate([1, 2, 3, 10], 'median'), 2.5);
  assert.equal(aggregate([2, 4, 4, 4, 5, 5, 7, 9], 'sd'), 2);
});

test('an empty series gives 0 (count 0), never NaN', () => {
  for (const name of ['sum', 'count', 'min', 'max', 'mean', 'median', 'sd'] as const) assert.equal(aggregate([], name), 0);
});

test('only the store\'s aggregation names are accepted', () => {
  assert.ok(isAggregation('median'));
  assert.ok(!isAggregation('avg'));
  assert.ok(!isAggregation('none'));
});
