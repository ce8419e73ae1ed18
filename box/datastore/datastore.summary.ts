/**
 * Pure logic of the chunked summaries that make range aggregations fast: each numeric series
 * keeps, per time bucket at four widths (~1 s, ~65 s, ~70 min, ~3.1 days; each 64x the last),
 * the count, sum, sum of squares, min and max of its values. A range aggregation reads the
 * widest whole buckets inside the range and scans raw points only at the ragged edges, so a
 * mean over 1M points reads a few hundred rows instead of a million.
 */
import { addValue, emptyMoments, mergeMoments, type Moments } from '../../core/protocol';

export type { Moments };

/** Bucket widths in ms, level 0 (narrowest) to 3. */
export const SUMMARY_WIDTHS: readonly number[] = [2 ** 10, 2 ** 16, 2 ** 22, 2 ** 28];

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
