/**
 * Calls to a store or the export service with a token: a 401 (expired, or revoked and
 * re-granted) drops the token and tries once more with a fresh one; other failures become
 * DataboxErrors carrying the service's message.
 */
import { DataboxError } from '../../core/errors';
import { errorMessage, type TokenRequest, type TokenSource } from './box-client.tokens';

export interface Call {
  base: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  token: TokenRequest;
}

/**
 * @example
 * const rows = await callWithToken(tokens, { base: 'http://store:8080', method: 'GET', path: '/ts/x/latest', token });
 */
export async function callWithToken(tokens: TokenSource, call: Call): Promise<{ status: number; text: string }> {
  for (let attempt = 0; ; attempt++) {
    const token = await tokens.get(call.token);
    let response: Response;
    try {
      response = await fetch(new URL(call.path, call.base), {
        method: call.method,
        headers: { 'x-api-key': token, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new DataboxError('box-service-unreachable', `${call.base} did not answer: ${error instanceof Error ? error.message : String(error)}`, { status: 503 });
    }
    const text = await response.text();
    if (response.status === 401 && attempt === 0) {
      tokens.drop(call.token);
      continue;
    }
    if (!response.ok) {
      throw new DataboxError(response.status === 403 ? 'box-forbidden' : 'box-request-failed', `${call.method} ${call.path} was refused (${response.status}): ${errorMessage(text)}`, { status: response.status });
    }
    return { status: response.status, text };
  }
}
