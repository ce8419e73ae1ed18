/**
 * The datastore: time series (numeric and blob), key-value, catalogue and observe over HTTP
 * and WebSocket, on SQLite. See box/README.md ("store") and docs/decisions/0009-store-engine.md.
 */
export { createDataStore, type RunningDataStore, type DataStoreOptions } from './datastore.server';
export { main, startDataStore, DATASTORE_USAGE, type StartOptions } from './datastore.main';
export type { AuditSink } from './datastore.audit';
export type { SyncMode } from './datastore.db';
export { parseRoute } from './datastore.paths';
