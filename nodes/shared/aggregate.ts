/**
 * The store's aggregations over a series of numbers, as Databox's time-series store
 * answers them (`.../sum`, `/mean`, ...): pure, one number out. An empty series gives 0 for
 * every aggregation; `sd` is the population standard deviation.
 *
 * @example
 * aggregate([1, 2, 3, 10], 'median');   // 2.5
 */
import type { Aggregation } from '../../runtime/box-client/box-client.types';

export const AGGREGATION_NAMES: readonly Aggregation[] = ['sum', 'count', 'min', 'max', 'mean', 'median', 'sd'];

export function isAggregation(value: string): value is Aggregation {
  return (AGGREGATION_NAMES as readonly string[]).includes(value);
}

export function aggregate(values: readonly number[], aggregation: Aggregation): number {
  const n = values.length;
  if (aggregation === 'count') return n;
  if (n === 0) return 0;
  const sum = values.reduce((total, v) => total + v, 0);
  switch (aggregation) {
    case 'sum': return sum;
    case 'min': return values.reduce((a, b) => Math.min(a, b));
    case 'max': return values.reduce((a, b) => Math.max(a, b));
    case 'mean': return sum / n;
    case 'median': {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(n / 2);
      return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
    case 'sd': {
      const mean = sum / n;
      return Math.sqrt(values.reduce((total, v) => total + (v - mean) ** 2, 0) / n);
    }
  }
}
