/**
 * What a study learns from its boxes' reports (the collector's arithmetic). Pure.
 * Laplace reports are unbiased (zero-mean noise on clamped values), so the population mean is
 * their mean, with a 95% interval from their spread. Randomized-response shares are unbiased
 * after inverting the known flip rates.
 *
 * @example
 * meanEstimate([20.1, 23.4, 17.9]) // { reports: 3, estimate: 20.47, low: ..., high: ... }
 */
import { truthProbability } from './privacy.mechanism';

export interface Estimate {
  reports: number;
  estimate: number | null;
  low: number | null;
  high: number | null;
}

const Z95 = 1.959963984540054;

export function meanEstimate(values: readonly number[]): Estimate {
  const running = runningMean();
  for (const v of values) running.add(v);
  return running.estimate();
}

/**
 * The mean estimate kept as reports arrive (Welford's update: stable for any number of
 * reports), so a collector answers at once and can draw the estimate's history.
 *
 * @example
 * const mean = runningMean(); mean.add(20.1); mean.add(23.4); mean.estimate() // { reports: 2, ... }
 */
export function runningMean(): { add(value: number): void; estimate(): Estimate } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  return {
    add(value) {
      n += 1;
      const delta = value - mean;
      mean += delta / n;
      m2 += delta * (value - mean);
    },
    estimate() {
      if (n === 0) return { reports: 0, estimate: null, low: null, high: null };
      if (n === 1) return { reports: 1, estimate: mean, low: null, high: null };
      const half = Z95 * Math.sqrt(m2 / (n - 1) / n);
      return { reports: n, estimate: mean, low: mean - half, high: mean + half };
    },
  };
}

/** Each category's estimated share of the population, with its 95% interval. */
export function shareEstimates(categories: readonly string[], reports: readonly string[], epsilon: number): (Estimate & { category: string })[] {
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r, (counts.get(r) ?? 0) + 1);
  return sharesFromCounts(categories, counts, reports.length, epsilon);
}

/**
 * The shares from how often each category was reported among n reports: randomized response
 * reports a category with rate q + (p - q)·share, so share = (f - q) / (p - q).
 */
export function sharesFromCounts(categories: readonly string[], counts: ReadonlyMap<string, number>, n: number, epsilon: number): (Estimate & { category: string })[] {
  const k = categories.length;
  const p = truthProbability(epsilon, k);
  const q = (1 - p) / (k - 1);
  return categories.map((category) => {
    if (n === 0) return { category, reports: 0, estimate: null, low: null, high: null };
    const f = (counts.get(category) ?? 0) / n;
    const share = (f - q) / (p - q);
    const half = Z95 * Math.sqrt((f * (1 - f)) / n) / (p - q);
    return { category, reports: n, estimate: share, low: share - half, high: share + half };
  });
}

/**
 * The standard error the Laplace mechanism allows an unbiased mean of N reports:
 * sqrt((sigma² + 2·b²) / N), b = (hi - lo) / epsilon (the benchmark's yardstick).
 */
export function laplaceStandardError(sigma: number, bounds: readonly [number, number], epsilon: number, n: number): number {
  const b = (bounds[1] - bounds[0]) / epsilon;
  return Math.sqrt((sigma ** 2 + 2 * b ** 2) / n);
}
