/**
 * The datastore's aggregations, one definition for every part: the datastore answers them
 * from bucket summaries or values in memory, preview mode from its simulated rows, and both
 * through these functions. Count and sum of nothing are 0; min, max, mean, median and sd of
 * nothing are null; `sd` is the sample standard deviation (n - 1; one value: 0). Pure.
 *
 * @example
 * aggregateValues([1, 2, 3, 10], 'median')   // 2.5
 * aggregateValues([], 'mean')                // null
 */
import type { Aggregation } from './datastore.types';

/** Count, sum, sum of squares, min and max of a set of values: enough for all but the median. */
export interface Moments {
  n: number;
  sum: number;
  sumsq: number;
  min: number;
  max: number;
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
 * The aggregation of the values the moments summarise.
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

/** Any aggregation over values in memory. */
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
