/**
 * Where a datasource node's readings come from: the preview simulation or a granted source
 * on the box. The node talks to this one interface in both modes.
 */
import type { HistoryQuery, ReadOptions, ReadResult, TimeSeriesRow } from '../../core/protocol';

export interface SourceReader {
  /** "Now" on this reader's timeline (simulated in preview, the clock on a box). */
  now(): number;
  read(query: HistoryQuery, options: ReadOptions): Promise<ReadResult>;
  /** Delivers each new reading until the returned function is called. */
  observe(onRow: (row: TimeSeriesRow) => void, onError: (error: Error) => void): Promise<() => void>;
  /** Readings to emit at once when an observing node gets an input message. */
  poke(): Promise<TimeSeriesRow[]>;
}
