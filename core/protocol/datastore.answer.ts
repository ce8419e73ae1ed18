/**
 * A datastore's answer to a read, checked as its client receives it: rows `[{timestamp,
 * data}]`, one row, or `{result}` (a number, or null for an aggregation over no values).
 * Anything else is a 502: the datastore broke the protocol. Pure.
 *
 * @example
 * parseReadAnswer('{"result":null}')                      // { result: null }
 * parseReadAnswer('[{"timestamp":1,"data":{"value":2}}]') // [{ timestamp: 1, data: { value: 2 } }]
 */
import { DataboxError } from '../errors';
import type { ReadResult } from './datastore.types';

export function parseReadAnswer(text: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unexpected('is not JSON', error);
  }
  if (Array.isArray(value)) {
    return value.filter((row): row is { timestamp: number; data: unknown } => typeof row === 'object' && row !== null && 'timestamp' in row && typeof row.timestamp === 'number')
      .map((row) => ({ timestamp: row.timestamp, data: row.data }));
  }
  if (typeof value === 'object' && value !== null && 'result' in value && (typeof value.result === 'number' || value.result === null)) return { result: value.result };
  if (typeof value === 'object' && value !== null && 'timestamp' in value && typeof value.timestamp === 'number' && 'data' in value) return [{ timestamp: value.timestamp, data: value.data }];
  throw unexpected('has an unexpected shape');
}

function unexpected(what: string, cause?: unknown): DataboxError {
  return new DataboxError('box-read-unexpected', `the datastore's answer to a read ${what}`, {
    status: 502, hint: 'The datastore and this app speak different versions of the store API; update the box.', ...(cause === undefined ? {} : { cause }),
  });
}
