import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY, isRetryable, retryDelay } from './export.backoff';

test('backoff doubles up to the cap, with bounded jitter', () => {
  assert.deepEqual([1, 2, 3, 4].map((a) => retryDelay(a, DEFAULT_RETRY, () => 0)), [500, 1000, 2000, 4000]);
  assert.equal(retryDelay(30, DEFAULT_RETRY, () => 0), 60_000);
  assert.equal(retryDelay(1, DEFAULT_RETRY, () => 1), 600);
});

test('only no-answer, 408, 429 and 5xx are retried', () => {
  assert.deepEqual([0, 200, 201, 301, 400, 404, 408, 413, 429, 500, 503].map(isRetryable), [true, false, false, false, false, false, true, false, true, true, true]);
});
