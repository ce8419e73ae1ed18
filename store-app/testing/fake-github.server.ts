/**
 * A local server that speaks GitHub's OAuth web flow and user API, for tests: the studio's and
 * the store's code paths are the production ones, only the base URLs differ.
 * - `GET /login/oauth/authorize?client_id&redirect_uri&state`: a sign-in page (the login to
 *   sign in as, as on GitHub's own page), whose form posts back here and redirects to
 *   `redirect_uri?code=...&state=...` (the redirect must start with the app's callback URL).
 * - `POST /login/oauth/access_token` (client id, secret, code): `{access_token, token_type, scope}`,
 *   JSON when asked for JSON, else form-encoded, as GitHub answers.
 * - `GET /user` and `GET /api/v3/user` (GitHub Enterprise form) with `Authorization: Bearer|token`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGithub {
  /** The web base URL (`<url>/login/oauth/...`). */
  webUrl: string;
  /** The API base URL (GitHub Enterprise form: `.../api/v3`). */
  apiUrl: string;
  /** Requests served so far, to see the cache at work. */
  requests(): number;
  addUser(token: string, login: string): void;
  /** Registers an OAuth app; `callbackUrl` is the only redirect it accepts (as GitHub checks). */
  addClient(clientId: string, clientSecret: string, callbackUrl: string): void;
  close(): Promise<void>;
}

/**
 * @example
 * const github = await startFakeGithub({ 'gho_alice': 'alice' });
 * github.addClient('Iv1.test', 'secret', 'http://127.0.0.1:8070/auth/github/callback');
 * loadAppStoreConfig(dir, { DATABOX_GITHUB_API_URL: github.apiUrl });
 */
export async function startFakeGithub(users: Record<string, string> = {}, options: { host?: string } = {}): Promise<FakeGithub> {
  const host = options.host ?? '127.0.0.1';
  const tokens = new Map(Object.entries(users));
  const clients = new Map<string, { secret: string; callback: string }>();
  const codes = new Map<string, { clientId: string; login: string }>();
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const url = new URL(req.url ?? '/', 'http://github.test');
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === '/login/oauth/authorize') {
      const clientId = url.searchParams.get('client_id') ?? '';
      const redirect = url.searchParams.get('redirect_uri') ?? clients.get(clientId)?.callback ?? '';
      const client = clients.get(clientId);
      if (!client || !redirect.startsWith(client.callback)) return json(400, { error: 'redirect_uri_mismatch' });
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(`<!doctype html><title>Sign in to GitHub</title><form method="post"><label>Username <input name="login" autocomplete="username"></label><button type="submit">Authorize</button></form>`);
        return;
      }
      void readBody(req).then((body) => {
        const login = new URLSearchParams(body).get('login') ?? '';
        if (!/^[A-Za-z0-9-]{1,39}$/.test(login)) return json(400, { error: 'bad login' });
        const code = randomBytes(10).toString('hex');
        codes.set(code, { clientId, login });
        const back = new URL(redirect);
        back.searchParams.set('code', code);
        const state = url.searchParams.get('state');
        if (state) back.searchParams.set('state', state);
        res.writeHead(302, { Location: back.toString() });
        res.end();
      });
      return;
    }
    if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      void readBody(req).then((body) => {
        const form = new URLSearchParams(body);
        const clientId = form.get('client_id') ?? '';
        const grant = codes.get(form.get('code') ?? '');
        const wantsJson = (req.headers.accept ?? '').includes('json');
        const answer = (fields: Record<string, string>) => {
          if (wantsJson) return json(200, fields);
          res.writeHead(200, { 'Content-Type': 'application/x-www-form-urlencoded' });
          res.end(new URLSearchParams(fields).toString());
        };
        if (clients.get(clientId)?.secret !== form.get('client_secret')) return answer({ error: 'incorrect_client_credentials' });
        if (!grant || grant.clientId !== clientId) return answer({ error: 'bad_verification_code' });
        codes.delete(form.get('code') ?? '');
        const token = `gho_${randomBytes(16).toString('hex')}`;
        tokens.set(token, grant.login);
        answer({ access_token: token, token_type: 'bearer', scope: 'read:user' });
      });
      return;
    }
    if (req.method !== 'GET' || (url.pathname !== '/user' && url.pathname !== '/api/v3/user')) return json(404, { message: 'Not Found' });
    if (!req.headers['user-agent']) return json(403, { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header' });
    const match = /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? '');
    const login = match ? tokens.get(match[1] ?? '') : undefined;
    if (!login) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    return json(200, { login, id: login.length, type: 'User', name: login, html_url: `https://github.test/${login}` });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    webUrl: `http://${host}:${port}`,
    apiUrl: `http://${host}:${port}/api/v3`,
    requests: () => count,
    addUser: (token, login) => { tokens.set(token, login); },
    addClient: (clientId, clientSecret, callbackUrl) => { clients.set(clientId, { secret: clientSecret, callback: callbackUrl }); },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk.slice(0, 8192); });
    req.on('end', () => resolve(text));
  });
}
