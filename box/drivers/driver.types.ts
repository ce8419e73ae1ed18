/**
 * A driver as the box runs it: its manifest (what it provides, read without running it) and
 * its program, started with its environment and a client for its own datastore.
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import type { DriverClient } from './driver.client';
import type { DriverEnv } from './driver.env';

export interface DriverContext {
  env: DriverEnv;
  client: DriverClient;
  /** One line for the driver's log (stderr): what failed, what was ignored and why. */
  log(line: string): void;
}

export interface RunningDriver {
  /** What it does, in a few words: printed once when it runs, e.g. `sampling 7 sources every 5000 ms`. */
  summary: string;
  /** Stops sampling or listening; resolves once nothing is in flight. */
  stop(): Promise<void>;
}

export interface DriverProgram {
  name: string;
  manifest: Manifest;
  /** Registers its sources, then runs; a refusal (bad config, store unreachable) rejects. */
  start(context: DriverContext): Promise<RunningDriver>;
}
