/**
 * A datasource's readings in preview: a seeded simulation of its catalogue type. Observing
 * appends a new reading every `intervalMs`; an input message appends `burst` readings at
 * once (1 unless the runtime's preview settings say otherwise, e.g. for a load test). With a
 * `clock`, history reads first catch the series up to it (a poll sees new readings); without
 * one (a fixed epoch) the timeline moves only with emitted readings, so tests are exact.
 *
 * @example
 * const reader = createPreviewReader({ type, seed: seedFrom('demo/n1'), intervalMs: 1000, end: Date.now(), burst: 1 });
 * await reader.read({ kind: 'last', n: 3 }, {});   // 3 rows {timestamp, data}
 */
import type { DatasourceType } from '../../core/catalogue/catalogue.types';
import type { TimeSeriesRow } from '../../core/protocol';
import type { SourceReader } from '../datasource/datasource.reader';
import { readRows } from '../../core/protocol';
import { createPreviewSeries } from './preview.series';

export interface PreviewReaderOptions {
  type: DatasourceType;
  seed: number;
  /** Time between readings on the simulated timeline and between observed values, ms. */
  intervalMs: number;
  /** Timestamp of the newest history reading at start. */
  end: number;
  burst: number;
  /** Wall clock to catch up with before a read; absent on a fixed timeline. */
  clock?: () => number;
  /** A developer's readings to replay instead of the simulation. */
  replay?: readonly unknown[];
}

export function createPreviewReader(options: PreviewReaderOptions): SourceReader {
  const series = createPreviewSeries({ type: options.type, seed: options.seed, stepMs: options.intervalMs, end: options.end, ...(options.replay ? { replay: options.replay } : {}) });
  return {
    now: () => series.now(),
    async read(query, readOptions) {
      if (options.clock) for (const target = options.clock(); series.now() + options.intervalMs <= target;) series.next();
      return readRows(options.type.storeType === 'ts/blob' ? 'ts/blob' : 'ts', series.rows(), query, readOptions);
    },
    async observe(onRow) {
      const timer = setInterval(() => onRow(series.next()), options.intervalMs);
      return () => clearInterval(timer);
    },
    async poke() {
      const rows: TimeSeriesRow[] = new Array(options.burst);
      for (let i = 0; i < options.burst; i++) rows[i] = series.next();
      return rows;
    },
  };
}
