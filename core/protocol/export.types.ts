/**
 * The export service's wire types (architecture doc, "Export service"): `POST /export` and
 * `POST /lp/export` answer an export's state; its client and the service share them.
 */
import { DataboxError } from '../errors';

export type ExportState = 'Pending' | 'Processing' | 'Finished';

export interface ExportResult {
  id: string;
  state: ExportState;
  /** The destination's answer, once Finished. */
  ext_response?: { status: number; body: string };
}

/**
 * @example
 * parseExportAnswer('{"id":"e1","state":"Finished","ext_response":{"status":200,"body":"ok"}}').state // 'Finished'
 */
export function parseExportAnswer(text: string): ExportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataboxError('box-export-unexpected', 'the export service answered with something that is not JSON', { status: 502, cause: error });
  }
  if (typeof value !== 'object' || value === null || !('id' in value) || typeof value.id !== 'string' || !('state' in value)) throw new DataboxError('box-export-unexpected', 'the export service answered with an unexpected shape', { status: 502 });
  const state = value.state === 'Finished' || value.state === 'Processing' ? value.state : 'Pending';
  const ext = 'ext_response' in value && typeof value.ext_response === 'object' && value.ext_response !== null ? value.ext_response : undefined;
  return {
    id: value.id, state,
    ...(ext && 'status' in ext && typeof ext.status === 'number' ? { ext_response: { status: ext.status, body: 'body' in ext ? String(ext.body) : '' } } : {}),
  };
}
