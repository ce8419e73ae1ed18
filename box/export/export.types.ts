/**
 * Exports as the export service keeps them (one durable queue per app, in SQLite).
 */
import type { ExportState } from '../../core/protocol';

export type { ExportState };

export interface ExportRecord {
  /** Position in the queue (FIFO per component). */
  seq: number;
  id: string;
  component: string;
  uri: string;
  body: string;
  contentType: string;
  bytes: number;
  state: ExportState;
  attempts: number;
  /** ms since the epoch: not before this time */
  nextAt: number;
  createdAt: number;
  /** A private destination's noisy report (its receiver's answer body is never kept). */
  private: boolean;
  extStatus?: number;
  extBody?: string;
}

/** What `/export` and `/lp/export` answer. */
export interface ExportView {
  id: string;
  state: ExportState;
  ext_response?: { status: number; body: string };
}

/** @example toView(record) // { id, state, ext_response? } */
export function toView(record: ExportRecord): ExportView {
  return {
    id: record.id, state: record.state,
    ...(record.state === 'Finished' ? { ext_response: { status: record.extStatus ?? 0, body: record.extBody ?? '' } } : {}),
  };
}
