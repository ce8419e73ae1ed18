/**
 * The studio's GitHub app from the environment (never from a command line, where a secret is
 * in every process listing). Pure.
 *
 * @example
 * githubFromEnv({ DATABOX_GITHUB_CLIENT_ID: 'id', DATABOX_GITHUB_CLIENT_SECRET: 's' })
 * // { app: { clientId: 'id', clientSecret: 's', webUrl: 'https://github.com', apiUrl: 'https://api.github.com' } }
 */
import type { GithubApp } from './studio.auth';

export function githubFromEnv(env: NodeJS.ProcessEnv): { app?: GithubApp; warning?: string } {
  const clientId = env.DATABOX_GITHUB_CLIENT_ID;
  const clientSecret = env.DATABOX_GITHUB_CLIENT_SECRET;
  if (clientId && !clientSecret) return { warning: 'DATABOX_GITHUB_CLIENT_ID is set without DATABOX_GITHUB_CLIENT_SECRET: GitHub sign-in is off' };
  if (!clientId || !clientSecret) return {};
  return {
    app: {
      clientId, clientSecret,
      webUrl: (env.DATABOX_GITHUB_URL || 'https://github.com').replace(/\/+$/, ''),
      apiUrl: (env.DATABOX_GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    },
  };
}
