/**
 * One HTTP(S) request with a body and a text answer, on `node:http(s)` rather than `fetch`,
 * for the long-lived processes that make a handful of small calls (an app's box client, a
 * studio workspace's storage): undici costs each about 5 MB of RSS and a 30 MB start-up peak
 * (docs/decisions/0018-app-memory.md). Trust is Node's default (the box CA through
 * NODE_EXTRA_CA_CERTS in a box container), exactly what `fetch` used.
 */
import http from 'node:http';
import https from 'node:https';

export interface PlainRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/**
 * Keep-alive agents so repeated calls reuse their connection (one TLS handshake, not one per
 * call), as fetch did; an idle socket is closed after 4 s, before a Node server's 5 s
 * keep-alive timeout would close it under a request.
 */
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 8, timeout: 4_000 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 8, timeout: 4_000 }) };

/**
 * Rejects with the socket's own error (a TLS refusal keeps its OpenSSL code) or a timeout.
 *
 * @example
 * const { status, text } = await plainRequest(new URL('https://arbiter:8080/token'), { method: 'POST', headers, body, timeoutMs: 10_000 });
 */
export async function plainRequest(url: URL, request: PlainRequest): Promise<{ status: number; text: string }> {
  try {
    return await once(url, request);
  } catch (error) {
    // A kept socket the server closed as we reused it: the request never reached it, ask again once.
    if (error instanceof ReusedSocketReset) return once(url, request);
    throw error;
  }
}

class ReusedSocketReset extends Error {}

function once(url: URL, request: PlainRequest): Promise<{ status: number; text: string }> {
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') return Promise.reject(new Error(`${url.protocol} is not http: or https:`));
  const headers = { ...request.headers, ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}) };
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, { method: request.method, headers, agent: agents[secure ? 'https:' : 'http:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(request.timeoutMs, () => req.destroy(new Error(`no answer within ${request.timeoutMs / 1000} s`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(req.reusedSocket && error.code === 'ECONNRESET' ? new ReusedSocketReset(error.message, { cause: error }) : error));
    req.end(request.body);
  });
}
