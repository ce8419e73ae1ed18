/**
 * Audit events: what the box records for its owner. Kinds the box's services write:
 * `register`, `grant`, `revoke` (arbiter admin), `token-mint`, `token-refused` (arbiter),
 * `request-refused` (stores: a token that failed), `export` (accepted), `export-delivered`,
 * `export-failed`, `export-refused`, `privacy-spend` (export service: a private destination's
 * budget spent). Other kinds are allowed if they match
 * `AUDIT_KIND`.
 */

export const AUDIT_KIND = /^[a-z][a-z0-9-]{0,39}$/;
export const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface AuditEvent {
  /** Unique id chosen by the recorder, so a retried batch is stored once. */
  id: string;
  /** ms since the epoch */
  time: number;
  /** The component the event is about (the app or driver), or a service name. */
  component: string;
  kind: string;
  /** The service that recorded it (`arbiter`, `export-service`, a store name). */
  source?: string;
  target?: string;
  path?: string;
  method?: string;
  destination?: string;
  bytes?: number;
  status?: number;
  detail?: string;
}

/** An event as a recorder hands it to the client: id and time are filled in if missing. */
export type AuditInput = Omit<AuditEvent, 'id' | 'time'> & { id?: string; time?: number };

export interface AuditQuery {
  component?: string;
  kind?: string;
  from?: number;
  /** exclusive */
  to?: number;
  /** Page after this sequence number (the `seq` of the last event seen). */
  after?: number;
  limit?: number;
  /** The newest `limit` events rather than the oldest (still answered in log order). */
  newest?: boolean;
}

export interface StoredAuditEvent extends AuditEvent {
  /** Position in the log, strictly increasing. */
  seq: number;
}

export interface ComponentSummary {
  component: string;
  events: number;
  refused: number;
  tokensMinted: number;
  exports: { destination: string; count: number; bytes: number }[];
}
