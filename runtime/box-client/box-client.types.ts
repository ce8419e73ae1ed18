/**
 * What the Databox nodes need from the box in *box* mode: read and observe granted sources,
 * write to actuators and to the app's own store, and export. Implemented over the arbiter,
 * store and export HTTP APIs (docs/decisions/0003-box-protocols.md); preview mode never
 * touches it.
 */
import type { StoreType } from '../../core/catalogue/catalogue.types';

export type Aggregation = 'sum' | 'count' | 'min' | 'max' | 'mean' | 'median' | 'sd';

/** A datasource the owner granted: parsed from the app's `DATASOURCE_<clientid>` variable. */
export interface GrantedSource {
  clientid: string;
  /** Full URL of the source in its store, e.g. `http://os-monitor-store:8080/ts/loadavg1`. */
  href: string;
  /** The store's host name: the `target` of this source's tokens. */
  store: string;
  datasourceId: string;
  storeType: StoreType;
  actuator: boolean;
  /** The Hypercat item metadata as granted. */
  metadata: { rel: string; val: string | number | boolean }[];
}

export type HistoryQuery =
  | { kind: 'latest' }
  | { kind: 'earliest' }
  | { kind: 'last'; n: number }
  | { kind: 'first'; n: number }
  | { kind: 'since'; from: number }
  | { kind: 'range'; from: number; to: number };

export interface TagFilter {
  tag: string;
  op: 'equals' | 'contains';
  value: string;
}

export interface ReadOptions {
  aggregation?: Aggregation;
  filter?: TagFilter;
}

export interface TimeSeriesRow {
  timestamp: number;
  data: unknown;
}

export type ReadResult = TimeSeriesRow[] | { result: number };

export type ExportState = 'Pending' | 'Processing' | 'Finished';

export interface ExportResult {
  id: string;
  state: ExportState;
  ext_response?: { status: number; body: string };
}

export interface BoxClient {
  /** The granted source for a clientid; undefined when the owner bound none (optional source). */
  source(clientid: string): GrantedSource | undefined;
  read(source: GrantedSource, query: HistoryQuery, options?: ReadOptions): Promise<ReadResult>;
  /** Pushes each new value written to the source; resolves to an unsubscribe function. */
  observe(source: GrantedSource, onRow: (row: TimeSeriesRow) => void, onError: (error: Error) => void): Promise<() => void>;
  /** Writes a value to an actuator source (the driver acts on it). */
  actuate(source: GrantedSource, value: unknown): Promise<void>;
  /** The app's own store (`resource-requirements.store`); undefined when it has none. */
  ownDataStore(): OwnDataStore | undefined;
  /** Sends data off the box through the export service; `url` must be whitelisted. */
  export(url: string, data: unknown): Promise<ExportResult>;
  close(): Promise<void>;
}

export interface OwnDataStore {
  write(datasourceId: string, value: unknown): Promise<void>;
  read(datasourceId: string, query: HistoryQuery, options?: ReadOptions): Promise<ReadResult>;
  kvSet(datasourceId: string, key: string, value: unknown): Promise<void>;
  kvGet(datasourceId: string, key: string): Promise<unknown>;
}
