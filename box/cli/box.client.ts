/**
 * The CLI's client of a running box's API: the owner password with HTTP Basic (user owner),
 * refusals as the box's own DataboxErrors, NDJSON and text streams read line by line.
 *
 * @example
 * const box = boxClient('http://127.0.0.1:8080', process.env.DATABOX_PASSWORD);
 * const apps = await box.json('GET', '/api/apps');
 */
import { DataboxError } from '../../core/errors';
import { errorFromAnswer } from '../../core/http.errors';

export interface BoxClient {
  json(method: string, path: string, body?: unknown): Promise<unknown>;
  /** A request whose answer is read line by line (NDJSON progress, log lines). */
  lines(method: string, path: string, body?: { bytes: Buffer; type: string } | { json: unknown }, signal?: AbortSignal): AsyncIterable<string>;
}

export function boxClient(url: string, password: string | undefined): BoxClient {
  const headers = (): Record<string, string> => {
    if (!password) throw new DataboxError('password-missing', 'the box needs the owner password', { hint: 'Set DATABOX_PASSWORD (or pass --password): it was printed at the box\'s first start' });
    return { authorization: `Basic ${Buffer.from(`owner:${password}`).toString('base64')}` };
  };
  const send = async (method: string, path: string, body?: { bytes: Buffer; type: string } | { json: unknown }, signal?: AbortSignal): Promise<Response> => {
    const auth = headers();
    let response: Response;
    try {
      response = await fetch(new URL(path, url), {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'json' in body ? 'application/json' : body.type }) },
        ...(body === undefined ? {} : { body: 'json' in body ? JSON.stringify(body.json) : new Uint8Array(body.bytes) }),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new DataboxError('box-unreachable', `no box answers at ${url}`, { hint: 'Is it running (databox box start)? Give its address with --box or DATABOX_BOX_URL.', cause: error });
    }
    if (!response.ok) throw errorFromAnswer(response.status, await response.text(), `the box at ${url}`);
    return response;
  };
  return {
    async json(method, path, body) {
      const text = await (await send(method, path, body === undefined ? undefined : { json: body })).text();
      return text === '' ? undefined : JSON.parse(text);
    },
    async *lines(method, path, body, signal) {
      const response = await send(method, path, body, signal);
      if (!response.body) return;
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      let rest = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const parts = (rest + decoder.decode(value, { stream: true })).split('\n');
          rest = parts.pop() ?? '';
          yield* parts;
        }
      } catch (error) {
        if (!(error instanceof Error && error.name === 'AbortError')) throw error;
      }
      if (rest !== '') yield rest;
    },
  };
}
