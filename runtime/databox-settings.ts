/**
 * What the runtime hands the Databox nodes through Node-RED's settings (`settings.databox`):
 * the mode, and in box mode the client for the box's services. Dependency injection keeps the
 * nodes free of any box-client implementation; no settings means preview.
 */
import type { BoxClient } from './box-client/box-client.types';

export type DataboxMode = 'preview' | 'box';

export interface DataboxSettings {
  mode: DataboxMode;
  /** Present in box mode. */
  box?: BoxClient;
  /** Seeds preview data (with each node's id), so a preview is repeatable. */
  seed?: string;
  /** Preview tuning (optional): a fixed timeline and load-test bursts. */
  preview?: PreviewSettings;
}

export interface PreviewSettings {
  /** Where the simulated timeline ends at start (ms since epoch); default: the start time. */
  epoch?: number;
  /** Readings an observing datasource emits at once for each input message (default 1). */
  burst?: number;
  /** Readings to replay instead of the simulation, by data-source type (a developer's CSV, core/catalogue/replay.csv.ts). */
  replay?: Record<string, readonly unknown[]>;
}
