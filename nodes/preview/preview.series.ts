/**
 * The simulated series behind a preview datasource: a seeded model from the catalogue run
 * forward on a fixed time grid. At start it already holds `capacity` readings of history
 * ending at `end`; `next()` appends the following reading. History reads and observed values
 * come from this one series, so "latest" after an observed value is that value. Same type,
 * seed, step and end: same readings, on every machine.
 *
 * @example
 * const series = createPreviewSeries({ type: findDatasourceType('loadavg1')!, seed: 42, stepMs: 1000, end: Date.now() });
 * series.rows().at(-1);   // { timestamp: end, data: 0.74 }
 * series.next();          // { timestamp: end + 1000, data: 0.79 }
 */
import { seededRng } from '../../core/catalogue/rng';
import type { DatasourceType } from '../../core/catalogue/catalogue.types';
import type { TimeSeriesRow } from '../../core/protocol';

export const DEFAULT_HISTORY_CAPACITY = 10_000;

export interface PreviewSeriesOptions {
  type: DatasourceType;
  seed: number;
  /** Time between readings, ms. */
  stepMs: number;
  /** Timestamp of the newest history reading. */
  end: number;
  /** How many readings of history to keep (default 10,000). */
  capacity?: number;
  /** Values to replay, in order and round again, instead of the type's simulation: the history is them once. */
  replay?: readonly unknown[];
}

export interface PreviewSeries {
  /** The readings kept, oldest first. */
  rows(): readonly TimeSeriesRow[];
  /** The timestamp of the newest reading: "now" on the simulated timeline. */
  now(): number;
  /** Simulates, keeps and returns the next reading. */
  next(): TimeSeriesRow;
}

export function createPreviewSeries(options: PreviewSeriesOptions): PreviewSeries {
  const replay = options.replay && options.replay.length > 0 ? options.replay : undefined;
  const capacity = Math.max(1, Math.floor(replay?.length ?? options.capacity ?? DEFAULT_HISTORY_CAPACITY));
  let played = 0;
  const simulator = replay ? { next: () => replay[played++ % replay.length] } : options.type.simulate(seededRng(options.seed));
  let rows: TimeSeriesRow[] = [];
  let last = options.end - capacity * options.stepMs;
  const next = (): TimeSeriesRow => {
    last += options.stepMs;
    const row = { timestamp: last, data: simulator.next(last) };
    rows.push(row);
    if (rows.length >= 2 * capacity) rows = rows.slice(-capacity);
    return row;
  };
  for (let i = 0; i < capacity; i++) next();
  return {
    rows: () => (rows.length > capacity ? rows.slice(-capacity) : rows),
    now: () => last,
    next,
  };
}
