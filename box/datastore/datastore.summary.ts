/**
 * Pure logic of the chunked summaries that make range aggregations fast: each numeric series
 * keeps, per time bucket at four widths (~1 s, ~65 s, ~70 min, ~3.1 days; each 64x the last),
 * the count, sum, sum of squares, min and max of its values. A range aggregation reads the
 * widest whole buckets inside the range and scans raw points only at the ragged edges, so a
 * mean over 1M points reads a few hundred rows instead of a million.
 */
import type { Aggregation } from './datastore.types';

/** Bucket widths in ms, level 0 (narrowest) to 3. */
export const SUMMARY_WIDTHS: readonly number[] = [2 ** 10, 2 ** 16, 2 ** 22, 2 ** 28];

/** Count, sum, sum of squares, min and max of a set of values. */
export interface Moments {
  n: number;
  sum: number;
  sumsq: number;
  min: number;
  max: number;
}

export type RangePiece =
  | { kind: 'raw'; from: number; to: number }
  | { kind: 'summary'; level: number; fromBucket: number; toBucket: number };

/**
 * Splits the inclusive time range [from, to] into whole summary buckets (widest first) and
 * raw edges. Pieces are disjoint and cover the range exactly.
 *
 * @example
 * planRange(0, 2 ** 16 + 5)
 * // [{ kind: 'summary', level: 1, fromBucket: 0, toBucket: 0 }, { kind: 'raw', from: 65536, to: 65541 }]
 */
export function planRange(from: number, to: number, level = SUMMARY_WIDTHS.length - 1): RangePiece[] {
  if (from > to) return [];
  if (level < 0) return [{ kind: 'raw', from, to }];
  const width = SUMMARY_WIDTHS[level];
  const firstBucket = Math.ceil(from / width);
  const lastBucket = Math.floor((to + 1) / width) - 1;
  if (firstBucket > lastBucket) return planRange(from, to, level - 1);
  return [
    ...planRange(from, firstBucket * width - 1, level - 1),
    { kind: 'summary', level, fromBucket: firstBucket, toBucket: lastBucket },
    ...planRange((lastBucket + 1) * width, to, level - 1),
  ];
}

export function emptyMoments(): Moments {
  return { n: 0, sum: 0, sumsq: 0, min: Infinity, max: -Infinity };
}

/** Adds one value to moments in place. */
export function addValue(moments: Moments, value: number): void {
  moments.n += 1;
  moments.sum += value;
  moments.sumsq += value * value;
  if (value < moments.min) moments.min = value;
  if (value > moments.max) moments.max = value;
}

/** Adds other moments into `into` in place. */
export function mergeMoments(into: Moments, other: Moments): void {
  into.n += other.n;
  into.sum += other.sum;
  into.sumsq += other.sumsq;
  if (other.min < into.min) into.min = other.min;
  if (other.max > into.max) into.max = other.max;
}

/**
 * The result of an aggregation that moments can answer (all but median); null when there are
 * no values (count and sum: 0). `sd` is the sample standard deviation (n - 1).
 *
 * @example
 * fromMoments({ n: 2, sum: 3, sumsq: 5, min: 1, max: 2 }, 'mean') // 1.5
 */
export function fromMoments(moments: Moments, aggregation: Exclude<Aggregation, 'median'>): number | null {
  const { n, sum, sumsq } = moments;
  switch (aggregation) {
    case 'count': return n;
    case 'sum': return sum;
    case 'mean': return n === 0 ? null : sum / n;
    case 'min': return n === 0 ? null : moments.min;
    case 'max': return n === 0 ? null : moments.max;
    case 'sd': {
      if (n === 0) return null;
      if (n === 1) return 0;
      return Math.sqrt(Math.max(0, (sumsq - (sum * sum) / n) / (n - 1)));
    }
  }
}

/**
 * Any aggregation over values in memory (used for `last/<n>`, filters and medians).
 *
 * @example
 * aggregateValues([3, 1, 2], 'median') // 2
 */
export function aggregateValues(values: ArrayLike<number>, aggregation: Aggregation): number | null {
  if (aggregation === 'median') return median(values);
  const moments = emptyMoments();
  for (let i = 0; i < values.length; i++) addValue(moments, values[i]);
  return fromMoments(moments, aggregation);
}

function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The per-bucket moments of points, for every summary level: `level -> bucket -> moments`. */
export function bucketMoments(timestamps: ArrayLike<number>, values: ArrayLike<number>): Map<number, Moments>[] {
  const levels = SUMMARY_WIDTHS.map(() => new Map<number, Moments>());
  const base = levels[0];
  const width0 = SUMMARY_WIDTHS[0];
  for (let i = 0; i < timestamps.length; i++) {
    const bucket = Math.floor(timestamps[i] / width0);
    let moments = base.get(bucket);
    if (!moments) base.set(bucket, (moments = emptyMoments()));
    addValue(moments, values[i]);
  }
  for (let level = 1; level < SUMMARY_WIDTHS.length; level++) {
    const ratio = SUMMARY_WIDTHS[level] / width0;
    for (const [bucket, moments] of base) {
      const up = Math.floor(bucket / ratio);
      let into = levels[level].get(up);
      if (!into) levels[level].set(up, (into = emptyMoments()));
      mergeMoments(into, moments);
    }
  }
  return levels;
}
