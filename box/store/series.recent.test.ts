import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRecentRows, RECENT_ROWS, RECENT_SERIES } from './series.recent';

test('a filled window answers the newest rows, newest first, and grows with in-order writes', () => {
  const recent = createRecentRows();
  assert.equal(recent.last(1, 1), undefined, 'unknown until filled');
  recent.fill(1, ['a', 'b'], 20);
  assert.deepEqual(recent.last(1, 5), ['b', 'a']);
  recent.append(1, [20, 30], ['c', 'd']);
  assert.deepEqual(recent.last(1, 3), ['d', 'c', 'b']);
  assert.equal(recent.last(1, RECENT_ROWS + 1), undefined, 'more than the window holds goes to the database');
});

test('a write before the newest row drops the window; the number of windows is bounded', () => {
  const recent = createRecentRows();
  recent.fill(1, ['a'], 50);
  recent.append(1, [40], ['old']);
  assert.equal(recent.has(1), false);
  for (let sid = 0; sid <= RECENT_SERIES; sid++) recent.fill(100 + sid, ['x'], 1);
  assert.equal(recent.has(100), false, 'the least recently used window went');
  assert.equal(recent.has(100 + RECENT_SERIES), true);
});
