/**
 * Calls to a store or the export service with a token: a 401 (expired, or revoked and
 * re-granted) drops the token and tries once more with a fresh one; other refusals are the
 * service's own DataboxError (core/http.errors); a refused certificate is a `tls-*` one.
 */
import { DataboxError } from '../../core/errors';
import { errorFromAnswer } from '../../core/http.errors';
import { tlsRefusal } from '../../core/tls.errors';
import { plainRequest } from '../http/plain-request';
import type { TokenRequest, TokenSource } from './box-client.tokens';

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
    let response: { status: number; text: string };
    try {
      response = await plainRequest(new URL(call.path, call.base), {
        method: call.method,
        headers: { 'x-api-key': token, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        timeoutMs: 30_000,
      });
    } catch (error) {
      throw tlsRefusal(error, 'the box service', call.base) ?? new DataboxError('box-service-unreachable', `${call.base} did not answer: ${error instanceof Error ? error.message : String(error)}`, { status: 503 });
    }
    const { text } = response;
    if (response.status === 401 && attempt === 0) {
      tokens.drop(call.token);
      continue;
    }
    // The service's own refusal (same code, message and hint), as every Databox service answers.
    if (response.status < 200 || response.status > 299) throw errorFromAnswer(response.status, text, `${call.method} ${call.path}`);
    return { status: response.status, text };
  }
}
