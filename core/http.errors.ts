/**
 * The one HTTP error shape of every Databox service (the box's arbiter, datastores, export
 * service and audit log, and the app store) and of their clients: `{"error": {code, message,
 * hint?, node?, ...}}` with the status of the DataboxError, never a stack trace. Servers turn
 * whatever reached their error handler into a DataboxError with `httpError`; clients turn an
 * answer back into the same DataboxError with `errorFromAnswer`. Pure.
 *
 * @example
 * res.status(httpError(error).status).json(httpError(error).toJSON());
 * throw errorFromAnswer(response.status, await response.text(), 'the datastore');
 */
import { DataboxError, isDataboxError } from './errors';

/** What a service answers for `error`: a DataboxError as it is, a body-parser failure as its refusal, anything else as a 500 that names no internals. */
export function httpError(error: unknown, service = 'the service'): DataboxError {
  if (isDataboxError(error)) return error;
  const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
  if (type === 'entity.parse.failed') return bodyMalformed();
  if (type === 'entity.too.large') {
    const limit = typeof error === 'object' && error !== null && 'limit' in error && typeof error.limit === 'number' ? error.limit : undefined;
    return bodyTooLarge(limit);
  }
  if (type.startsWith('encoding.') || type === 'charset.unsupported') {
    return new DataboxError('body-encoding', 'the request body\'s encoding or charset is not supported', { status: 415, hint: 'Send UTF-8 JSON, uncompressed or gzip.' });
  }
  return new DataboxError('internal', `${service} could not answer this request`, { status: 500, hint: 'Try again; if it keeps failing, see the service\'s log.', cause: error });
}

/** True when `httpError` made a 500 of it: the service should log the cause. */
export function isInternal(error: DataboxError): boolean {
  return error.status >= 500 && error.code === 'internal';
}

export function bodyMalformed(): DataboxError {
  return new DataboxError('body-malformed', 'the request body is not valid JSON', { status: 400, hint: 'Send a JSON body with Content-Type: application/json.' });
}

export function bodyTooLarge(limit?: number): DataboxError {
  return new DataboxError('body-too-large', `the request body is larger than ${limit === undefined ? 'this service accepts' : `${limit} bytes`}`, { status: 413, hint: 'Send less data per request (split a batch).' });
}

/** Nothing is served at this method and path. */
export function notFound(method: string, path: string, hint: string): DataboxError {
  return new DataboxError('not-found', `there is nothing at ${method.slice(0, 16)} ${path.slice(0, 200)}`, { status: 404, hint });
}

/**
 * The DataboxError a Databox service answered with, as its client sees it (same code, message
 * and hint); `fallback` names the service for answers that are not a Databox error body.
 */
export function errorFromAnswer(status: number, text: string, fallback: string): DataboxError {
  const body = parseErrorBody(text);
  if (body) return new DataboxError(body.code, body.message, { status, ...(body.hint ? { hint: body.hint } : {}) });
  return new DataboxError('request-failed', `${fallback} answered ${status}: ${text.slice(0, 300)}`, { status });
}

function parseErrorBody(text: string): { code: string; message: string; hint?: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('error' in value) || typeof value.error !== 'object' || value.error === null) return undefined;
  const error: Record<string, unknown> = { ...value.error };
  if (typeof error.code !== 'string' || typeof error.message !== 'string') return undefined;
  return { code: error.code, message: error.message, ...(typeof error.hint === 'string' ? { hint: error.hint } : {}) };
}
