/**
 * A local server that speaks GitHub's user API (`GET /user` with `Authorization: Bearer`),
 * for tests: the store's code path is the production one, only the base URL differs.
 * Serves both `/user` (github.com form) and `/api/v3/user` (GitHub Enterprise form).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGithub {
  /** The API base URL (GitHub Enterprise form: `.../api/v3`). */
  apiUrl: string;
  /** Requests served so far, to see the cache at work. */
  requests(): number;
  addUser(token: string, login: string): void;
  close(): Promise<void>;
}

/**
 * @example
 * const github = await startFakeGithub({ 'gho_alice': 'alice' });
 * loadAppStoreConfig(dir, { DATABOX_GITHUB_API_URL: github.apiUrl });
 */
export async function startFakeGithub(users: Record<string, string> = {}): Promise<FakeGithub> {
  const tokens = new Map(Object.entries(users));
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.method !== 'GET' || (req.url !== '/user' && req.url !== '/api/v3/user')) return json(404, { message: 'Not Found' });
    if (!req.headers['user-agent']) return json(403, { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header' });
    const match = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? '');
    const login = match ? tokens.get(match[1] ?? '') : undefined;
    if (!login) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    return json(200, { login, id: login.length, type: 'User', name: login });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v3`,
    requests: () => count,
    addUser: (token, login) => { tokens.set(token, login); },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
