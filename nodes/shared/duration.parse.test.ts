import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, parseTime } from './duration.parse';

test('durations in ms, s, m, h, d or bare ms', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(parseDuration('250'), 250);
  for (const bad of ['', 'h', '-1h', '1w', '1h; rm -rf /']) assert.equal(parseDuration(bad), undefined, bad);
});

test('times: ISO dates, ms since 1970, or a duration before now', () => {
  const now = 1_767_268_800_000;
  assert.equal(parseTime('2026-01-01T12:00:00Z', now), now);
  assert.equal(parseTime('1767268800000', now), now);
  assert.equal(parseTime('15m', now), now - 900_000);
  for (const bad of ['', 'yesterday', '2026-13-45T99:00:00Z']) assert.equal(parseTime(bad, now), undefined, bad);
});
