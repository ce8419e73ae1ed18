/**
 * Who a GitHub OAuth access token belongs to: `GET <api>/user`, as GitHub (and GitHub
 * Enterprise at `https://host/api/v3`) answers it. Answers are cached for a short time,
 * keyed by the token's hash (the token itself is never kept).
 */
import { DataboxError } from '../../core/errors';
import { hashToken } from './api-token';

export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export interface GithubIdentityOptions {
  apiUrl: string;
  cacheMs: number;
  now?: () => number;
  /** Most cached identities; the oldest go first. */
  maxEntries?: number;
}

/**
 * @example
 * const whoIs = githubIdentity({ apiUrl: 'https://api.github.com', cacheMs: 60_000 });
 * await whoIs('gho_...'); // 'alice', or undefined when GitHub does not know the token
 */
export function githubIdentity(options: GithubIdentityOptions): (token: string) => Promise<string | undefined> {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { login: string; until: number }>();
  return async (token) => {
    const key = hashToken(token);
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.login;
    cache.delete(key);
    const login = await askGithub(options.apiUrl, token);
    if (login === undefined) return undefined;
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, { login, until: now() + options.cacheMs });
    return login;
  };
}

async function askGithub(apiUrl: string, token: string): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/user`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'User-Agent': 'databox-store', 'X-GitHub-Api-Version': '2022-11-28' },
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw unavailable(`cannot reach ${apiUrl}`, error);
  }
  if (response.status === 401 || response.status === 403) return undefined;
  if (!response.ok) throw unavailable(`${apiUrl}/user answered ${response.status}`);
  const body: unknown = await response.json().catch(() => undefined);
  const login = typeof body === 'object' && body !== null && 'login' in body ? body.login : undefined;
  if (typeof login !== 'string' || !GITHUB_LOGIN.test(login)) throw unavailable(`${apiUrl}/user answered without a valid login`);
  return login.toLowerCase();
}

function unavailable(message: string, cause?: unknown): DataboxError {
  return new DataboxError('github-unavailable', `could not check the GitHub token: ${message}`, {
    status: 502, hint: 'Try again in a moment; the store checks GitHub tokens with the GitHub API', cause,
  });
}
