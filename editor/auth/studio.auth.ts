/**
 * Who is signed in to the studio. With a GitHub app configured: GitHub's OAuth web flow through
 * passport-github2, its authorize, token and `/user` URLs built from configuration (GitHub
 * Enterprise; tests use a local server speaking the same protocol, the code path unchanged).
 * Without one: the studio signs in one local developer, and says so on its pages and in its log.
 * The developer's GitHub token stays in the server-side session (the store checks it when
 * they publish); the browser holds only the session cookie.
 *
 * @example
 * const auth = studioAuth({ db, github: { clientId, clientSecret, webUrl, apiUrl }, publicUrl });
 * app.use(auth.session); app.use(auth.routes);
 * const developer = auth.developerOf(req);
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as GitHubStrategy, type Profile, type StrategyOptions } from 'passport-github2';
import { DataboxError } from '../../core/errors';
import type { Developer, StudioDb } from '../db/studio.db';
import { StudioSessionStore } from './session.store';

export const SESSION_COOKIE = 'databox_studio';
const SESSION_MS = 7 * 24 * 3600 * 1000;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export interface GithubApp {
  clientId: string;
  clientSecret: string;
  /** Web base: `<url>/login/oauth/authorize`, `<url>/login/oauth/access_token`. */
  webUrl: string;
  /** API base: `<api>/user`. */
  apiUrl: string;
}

export interface StudioAuthOptions {
  db: StudioDb;
  /** Undefined: one local developer, signed in without asking. */
  github?: GithubApp;
  /** Where browsers reach the studio: the OAuth callback is `<publicUrl>/auth/github/callback`. */
  publicUrl: string;
  /** Signs the session cookie; kept by the studio in an owner-only file. */
  cookieSecret: string;
  log: (line: string) => void;
}

export interface SignedIn {
  developer: Developer;
  /** The GitHub OAuth token (GitHub sign-in only): what the app store accepts for publishing. */
  githubToken?: string;
}

export interface StudioAuth {
  mode: 'github' | 'local';
  /** express-session: run it before anything that asks who is signed in. */
  session: RequestHandler;
  /** `/auth/github`, `/auth/github/callback`, `/auth/signout`. */
  routes: Router;
  /** Who the request's session belongs to (after `session` ran on it). */
  signedIn(req: Request): SignedIn | undefined;
  /** For an upgrade request, which no express middleware saw: runs the session on it. */
  signedInRaw(req: IncomingMessage): Promise<SignedIn | undefined>;
  /** 401 for API paths, a redirect to sign-in for pages. */
  requireDeveloper: RequestHandler;
}

interface SessionUser {
  id: string;
  githubToken?: string;
}

declare module 'express-session' {
  interface SessionData {
    passport?: { user?: SessionUser };
    returnTo?: string;
  }
}

export function studioAuth(options: StudioAuthOptions): StudioAuth {
  const { db } = options;
  const secure = options.publicUrl.startsWith('https:');
  const sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: options.cookieSecret,
    store: new StudioSessionStore(db),
    resave: false,
    saveUninitialized: false,
    rolling: false,
    genid: () => randomBytes(24).toString('base64url'),
    // Lax: GitHub's redirect back to the callback is a top-level navigation, which carries it.
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_MS, path: '/' },
  });
  const authenticator = new passport.Passport();
  authenticator.serializeUser((user, done) => { done(null, user as SessionUser); });
  authenticator.deserializeUser((user: SessionUser, done) => { done(null, user); });
  if (options.github) {
    const { github } = options;
    // `state: true` keeps OAuth's state in the session (passport-oauth2); the typings want a string.
    const strategyOptions = {
      clientID: github.clientId,
      clientSecret: github.clientSecret,
      callbackURL: `${options.publicUrl}/auth/github/callback`,
      authorizationURL: `${github.webUrl}/login/oauth/authorize`,
      tokenURL: `${github.webUrl}/login/oauth/access_token`,
      userProfileURL: `${github.apiUrl}/user`,
      scope: ['read:user'],
      state: true,
      userAgent: 'databox-studio',
    } as unknown as StrategyOptions;
    authenticator.use(new GitHubStrategy(strategyOptions, (accessToken: string, _refresh: string, profile: Profile, done: (error: unknown, user?: SessionUser | false) => void) => {
      const login = profile.username ?? '';
      if (!GITHUB_LOGIN.test(login)) return done(null, false);
      const developer = db.upsertDeveloper({ login: login.toLowerCase(), provider: 'github', name: profile.displayName || login });
      options.log(`studio: ${developer.login} signed in with GitHub`);
      done(null, { id: developer.id, githubToken: accessToken });
    }));
  } else {
    options.log('studio: no GitHub app configured (DATABOX_GITHUB_CLIENT_ID): signing in one local developer, "local", without asking');
  }
  const localDeveloper = options.github ? undefined : db.upsertDeveloper({ login: 'local', provider: 'local', name: 'Local developer' });

  const fromSession = (data: session.SessionData | undefined): SignedIn | undefined => {
    const user = data?.passport?.user;
    const developer = user ? db.developer(user.id) : undefined;
    if (!developer) return undefined;
    return { developer, ...(user?.githubToken ? { githubToken: user.githubToken } : {}) };
  };

  const routes = express.Router();
  const init = authenticator.initialize();
  routes.use(init);
  if (options.github) {
    routes.get('/auth/github', authenticator.authenticate('github', { session: true }));
    routes.get('/auth/github/callback', (req, res, next) => {
      authenticator.authenticate('github', (error: unknown, user: SessionUser | false) => {
        if (error) return next(new DataboxError('github-signin-failed', 'GitHub sign-in did not complete', { status: 502, hint: 'Try again from /signin; if it keeps failing, check the studio\'s GitHub app settings (client id, secret, callback URL).', cause: error }));
        if (!user) return res.redirect(303, '/signin?failed=1');
        const returnTo = safeReturn(req.session.returnTo);
        // A new session id at sign-in: one fixed before it (by anybody) is worth nothing after.
        req.session.regenerate((regenError) => {
          if (regenError) return next(regenError);
          req.logIn(user, { session: true, keepSessionInfo: false }, (loginError) => {
            if (loginError) return next(loginError);
            res.redirect(303, returnTo);
          });
        });
      })(req, res, next);
    });
  } else {
    routes.get('/auth/github', (_req, res) => { res.redirect(303, '/'); });
  }
  routes.post('/auth/signout', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.redirect(303, '/signin');
    });
  });

  // The local developer is signed in on first visit, with a session like any other.
  const local: RequestHandler = (req, _res, next) => {
    if (!localDeveloper || req.session.passport?.user) return next();
    req.session.passport = { user: { id: localDeveloper.id } };
    req.session.save((error) => next(error));
  };

  return {
    mode: options.github ? 'github' : 'local',
    session: (req, res, next) => sessionMiddleware(req, res, (error?: unknown) => (error ? next(error) : local(req, res, next))),
    routes,
    signedIn: (req) => fromSession(req.session as session.SessionData | undefined),
    signedInRaw: (req) => new Promise((resolve) => {
      const fakeRes = { getHeader: () => undefined, setHeader: () => undefined, end: () => undefined, on: () => undefined, once: () => undefined } as unknown as ServerResponse;
      sessionMiddleware(req as Request, fakeRes as Response, () => resolve(fromSession((req as Request).session as session.SessionData | undefined)));
    }),
    requireDeveloper: (req: Request, res: Response, next: NextFunction) => {
      if (fromSession(req.session as session.SessionData | undefined)) return next();
      if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
        req.session.returnTo = req.originalUrl;
        req.session.save(() => res.redirect(303, '/signin'));
        return;
      }
      next(new DataboxError('signin-required', 'sign in to the studio first', { status: 401, hint: 'Open the studio in a browser and sign in with GitHub.' }));
    },
  };
}

/** Only a path on the studio itself: never an absolute or protocol-relative URL. */
export function safeReturn(returnTo: string | undefined): string {
  return returnTo && /^\/(?![/\\])[^\s]*$/.test(returnTo) ? returnTo : '/';
}
