/**
 * One delivery attempt: POST the export's body to its URI. Redirects are not followed (a
 * redirect would send the data somewhere the owner did not approve); the receiver's answer
 * (status, first 64 KB of the body) is kept. Status 0 means no answer. Destinations are outside
 * the box: plain fetch verifies their certificates against the system's public roots (plus the
 * box CA, which NODE_EXTRA_CA_CERTS adds in a box container; only the box holds its key).
 */
import { tlsRefusal } from '../../core/tls.errors';
import type { ExportRecord } from './export.types';

export interface DeliveryOutcome {
  status: number;
  body: string;
}

const MAX_RESPONSE = 64 * 1024;

/**
 * @example
 * const { status } = await deliver(record, 10_000); // 200
 */
export async function deliver(record: ExportRecord, timeoutMs: number): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(record.uri, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': record.contentType, 'databox-export-id': record.id, 'user-agent': 'databox-export-service' },
      body: record.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await readLimited(response) };
  } catch (error) {
    const refused = tlsRefusal(error, 'the destination', record.uri);
    return { status: 0, body: refused ? `no answer: ${refused.message}` : error instanceof Error ? `no answer: ${error.message}` : 'no answer' };
  }
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_RESPONSE) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE).toString('utf8');
}
