/**
 * Node-RED's `storageModule` for a workspace: flows, credentials, settings, sessions and the
 * library live in the studio's database, reached over the studio's internal storage API with
 * this workspace's own token. The workspace keeps nothing on its disk, so a killed process or a
 * replaced container loses nothing, and a workspace can read and write only its own developer's
 * documents (the token decides whose, not anything the workspace sends).
 *
 * @example
 * settings.storageModule = remoteStorage({ url: 'http://127.0.0.1:41234/internal/storage', token });
 */
import { DataboxError } from '../../core/errors';
import { plainRequest } from '../../runtime/http/plain-request';

export interface RemoteStorageOptions {
  /** The studio's internal storage API, e.g. `http://127.0.0.1:41234/internal/storage`. */
  url: string;
  token: string;
}

type Json = unknown;

export function remoteStorage(options: RemoteStorageOptions): Record<string, (...args: never[]) => Promise<unknown>> {
  const call = async (method: 'GET' | 'PUT', path: string, body?: Json): Promise<Json> => {
    let answer: { status: number; text: string };
    try {
      // node:http, not fetch: undici would cost every idle workspace about 5 MB.
      answer = await plainRequest(new URL(`${options.url}${path}`), {
        method,
        headers: { authorization: `Bearer ${options.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs: 30_000,
      });
    } catch (error) {
      throw new DataboxError('studio-storage-unreachable', `the studio's storage did not answer ${method} ${path}`, { status: 503, hint: 'The studio may be restarting; deploy again in a moment.', cause: error });
    }
    const { text } = answer;
    if (answer.status < 200 || answer.status > 299) {
      let message = `the studio's storage answered ${answer.status} to ${method} ${path}`;
      try {
        const parsed = JSON.parse(text) as { error?: { message?: string } };
        if (parsed.error?.message) message = parsed.error.message;
      } catch { /* not JSON: the status says enough */ }
      throw new DataboxError('studio-storage-refused', message, { status: answer.status });
    }
    return text === '' ? undefined : JSON.parse(text);
  };
  const library = (type: string, path: string): string => `/library/${encodeURIComponent(type)}?path=${encodeURIComponent(path)}`;
  return {
    init: async () => undefined,
    getFlows: async () => call('GET', '/flows'),
    saveFlows: async (flows: never) => { await call('PUT', '/flows', flows); },
    getCredentials: async () => call('GET', '/docs/credentials'),
    saveCredentials: async (credentials: never) => { await call('PUT', '/docs/credentials', credentials); },
    getSettings: async () => call('GET', '/docs/settings'),
    saveSettings: async (settings: never) => { await call('PUT', '/docs/settings', settings); },
    getSessions: async () => call('GET', '/docs/sessions'),
    saveSessions: async (sessions: never) => { await call('PUT', '/docs/sessions', sessions); },
    getLibraryEntry: async (type: never, path: never) => {
      const answer = await call('GET', library(type, path)) as { entry: unknown };
      if (answer.entry === null) {
        // Node-RED's own storage answers a missing entry with a not-found error.
        throw Object.assign(new Error(`no library entry ${String(path)}`), { code: 'not_found' });
      }
      return answer.entry;
    },
    saveLibraryEntry: async (type: never, path: never, meta: never, body: never) => { await call('PUT', library(type, path), { meta, body }); },
  };
}
