/**
 * Who is calling: `Authorization: Bearer <token>` with either a store-issued API token
 * (`dbx_...`, looked up by hash) or a GitHub OAuth access token (checked with GitHub).
 */
import { DataboxError } from '../../core/errors';
import { hashToken, isApiToken } from './api-token';

export interface Authenticator {
  /** The caller's GitHub login (lower case), or a 401 DataboxError. */
  login(authorization: string | undefined): Promise<string>;
}

/**
 * @example
 * const auth = authenticator({ findApiToken: (h) => repo.findApiToken(h), github: githubIdentity(opts) });
 * const login = await auth.login(req.headers.authorization);
 */
export function authenticator(deps: {
  findApiToken: (hash: string) => Promise<string | undefined>;
  github: (token: string) => Promise<string | undefined>;
}): Authenticator {
  return {
    async login(authorization) {
      const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
      if (!match) throw unauthorized('this needs a token: send "Authorization: Bearer <token>"');
      const token = match[1] ?? '';
      const login = isApiToken(token) ? await deps.findApiToken(hashToken(token)) : await deps.github(token);
      if (!login) throw unauthorized('the token is not valid (unknown, revoked or expired)');
      return login;
    },
  };
}

function unauthorized(message: string): DataboxError {
  return new DataboxError('unauthorized', message, {
    status: 401, hint: 'Use a GitHub OAuth token, or an API token from the store operator (`databox store token`)',
  });
}
