/**
 * What the Databox nodes need from the box in *box* mode: read and observe granted sources,
 * write to actuators and to the app's own store, and export. Implemented over the arbiter,
 * store and export HTTP APIs (docs/decisions/0003-box-protocols.md), whose wire types are
 * core/protocol's; preview mode never touches it.
 */
import type { StoreType } from '../../core/catalogue/catalogue.types';
import type { ExportResult, HistoryQuery, ReadOptions, ReadResult, TimeSeriesRow } from '../../core/protocol';

/** A datasource the owner granted: parsed from the app's `DATASOURCE_<clientid>` variable. */
export interface GrantedSource {
  clientid: string;
  /** Full URL of the source in its datastore, e.g. `http://os-monitor-store:8080/ts/loadavg1`. */
  href: string;
  /** The datastore's host name: the `target` of this source's tokens. */
  store: string;
  datasourceId: string;
  storeType: StoreType;
  actuator: boolean;
  /** The Hypercat item metadata as granted. */
  metadata: { rel: string; val: string | number | boolean }[];
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
