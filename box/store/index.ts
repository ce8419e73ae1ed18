/**
 * The core store: time series (numeric and blob), key-value, catalogue and observe over HTTP
 * and WebSocket, on SQLite. See box/README.md ("store") and docs/decisions/0009-store-engine.md.
 */
export { createStore, type RunningStore, type StoreOptions } from './store.server';
export { main, startStore, STORE_USAGE, type StartOptions } from './store.main';
export type { AuditSink } from './store.audit';
export type { SyncMode } from './store.db';
export { parseRoute } from './store.paths';
