import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateValues, fromMoments } from '../../core/protocol';
import { bucketMoments, planRange, SUMMARY_WIDTHS, type RangePiece } from './datastore.summary';

const startOf = (piece: RangePiece): number => piece.kind === 'raw' ? piece.from : piece.fromBucket * SUMMARY_WIDTHS[piece.level];
const endOf = (piece: RangePiece): number => piece.kind === 'raw' ? piece.to : (piece.toBucket + 1) * SUMMARY_WIDTHS[piece.level] - 1;

test('planRange covers a range exactly with disjoint pieces, widest buckets inside', () => {
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 500; i++) {
    const from = Math.floor(random() * 2 ** 40);
    const to = from + Math.floor(random() * 2 ** (i % 36));
    const pieces = planRange(from, to);
    assert.equal(startOf(pieces[0]), from);
    assert.equal(endOf(pieces[pieces.length - 1]), to);
    for (let p = 1; p < pieces.length; p++) assert.equal(startOf(pieces[p]), endOf(pieces[p - 1]) + 1);
    const raw = pieces.filter((piece) => piece.kind === 'raw').reduce((sum, piece) => sum + endOf(piece) - startOf(piece) + 1, 0);
    assert.ok(raw < 2 * SUMMARY_WIDTHS[0], `raw edges ${raw} ms for ${from}..${to}`);
    assert.ok(pieces.length <= 2 * SUMMARY_WIDTHS.length + 1);
  }
});

test('planRange of an aligned span is one summary piece', () => {
  assert.deepEqual(planRange(0, 2 ** 28 * 3 - 1), [{ kind: 'summary', level: 3, fromBucket: 0, toBucket: 2 }]);
  assert.deepEqual(planRange(10, 20), [{ kind: 'raw', from: 10, to: 20 }]);
  assert.deepEqual(planRange(5, 4), []);
});

test('aggregations from moments agree with a direct computation', () => {
  const values = [3, 1, 4, 1, 5, 9, 2, 6];
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  assert.equal(aggregateValues(values, 'sum'), 31);
  assert.equal(aggregateValues(values, 'count'), 8);
  assert.equal(aggregateValues(values, 'min'), 1);
  assert.equal(aggregateValues(values, 'max'), 9);
  assert.equal(aggregateValues(values, 'mean'), mean);
  assert.ok(Math.abs((aggregateValues(values, 'sd') ?? NaN) - sd) < 1e-12);
  assert.equal(aggregateValues(values, 'median'), 3.5);
  assert.equal(aggregateValues([7, 1, 3], 'median'), 3);
  assert.equal(aggregateValues([], 'mean'), null);
  assert.equal(aggregateValues([], 'count'), 0);
  assert.equal(fromMoments({ n: 1, sum: 4, sumsq: 16, min: 4, max: 4 }, 'sd'), 0);
});

test('bucketMoments rolls level 0 up into every wider level', () => {
  const timestamps = [0, 1023, 1024, 70_000, 2 ** 28];
  const values = [1, 2, 3, 4, 5];
  const levels = bucketMoments(timestamps, values);
  assert.deepEqual([...levels[0].keys()], [0, 1, 68, 2 ** 18]);
  assert.deepEqual(levels[0].get(0), { n: 2, sum: 3, sumsq: 5, min: 1, max: 2 });
  assert.deepEqual(levels[1].get(0), { n: 3, sum: 6, sumsq: 14, min: 1, max: 3 });
  assert.deepEqual(levels[3].get(0), { n: 4, sum: 10, sumsq: 30, min: 1, max: 4 });
  assert.deepEqual(levels[3].get(1), { n: 1, sum: 5, sumsq: 25, min: 5, max: 5 });
});
