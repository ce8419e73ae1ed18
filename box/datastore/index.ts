/**
 * The datastore: time series (numeric and blob), key-value, catalogue and observe over HTTP
 * and WebSocket, on SQLite. Run on its own by `databox box datastore` (box/cli). See
 * box/README.md ("datastore") and docs/decisions/0009-store-engine.md.
 */
export { createDataStore, type RunningDataStore, type DataStoreOptions } from './datastore.server';
export type { AuditSink } from './datastore.audit';
export type { SyncMode } from './datastore.db';
export { parseRoute } from './datastore.paths';
