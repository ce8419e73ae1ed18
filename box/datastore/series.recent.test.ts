import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRecentRows, RECENT_BYTES, RECENT_ROWS, RECENT_SERIES } from './series.recent';

test('a filled window answers the newest rows, newest first, and grows with in-order writes', () => {
  const recent = createRecentRows();
  assert.equal(recent.last(1, 1), undefined, 'unknown until filled');
  recent.fill(1, ['a', 'b'], 20, true);
  assert.deepEqual(recent.last(1, 5), ['b', 'a'], 'a complete window answers any n');
  recent.append(1, [20, 30], ['c', 'd']);
  assert.deepEqual(recent.last(1, 3), ['d', 'c', 'b']);
});

test('a trimmed window answers only what it holds', () => {
  const recent = createRecentRows();
  recent.fill(1, ['a', 'b'], 20, false);
  assert.deepEqual(recent.last(1, 2), ['b', 'a']);
  assert.equal(recent.last(1, 3), undefined, 'the series has older rows the window lacks');
  recent.fill(2, Array.from({ length: RECENT_ROWS + 5 }, (_, i) => String(i)), 9, true);
  assert.equal(recent.last(2, RECENT_ROWS)?.length, RECENT_ROWS);
  assert.equal(recent.last(2, RECENT_ROWS + 1), undefined);
  const big = 'x'.repeat(RECENT_BYTES / 2 + 1);
  recent.fill(3, ['small'], 1, true);
  recent.append(3, [2, 3], [big, big]);
  assert.deepEqual(recent.last(3, 1), [big], 'the byte cap keeps the newest rows');
  assert.equal(recent.last(3, 2), undefined);
});

test('a write before the newest row drops the window; the number of windows is bounded', () => {
  const recent = createRecentRows();
  recent.fill(1, ['a'], 50, true);
  recent.append(1, [40], ['old']);
  assert.equal(recent.has(1), false);
  for (let sid = 0; sid <= RECENT_SERIES; sid++) recent.fill(100 + sid, ['x'], 1, true);
  assert.equal(recent.has(100), false, 'the least recently used window went');
  assert.equal(recent.has(100 + RECENT_SERIES), true);
});
