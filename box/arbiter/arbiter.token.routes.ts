/**
 * What components ask the arbiter (each with its own key in `X-Api-Key`):
 * - `POST /token` `{target, path, method, observe?, destination?}` -> text/plain token, when a
 *   grant covers it (else 403 naming what is missing); every mint and refusal is audited.
 * - `GET /cat` -> the root Hypercat catalogue.
 * - `GET /generations` (stores and services) -> `{generations: {name: n}}`.
 */
import { Router, type Request } from 'express';
import { DataboxError } from '../../core/errors';
import { presentedKey } from '../service/service.keys';
import { jsonBody } from '../service/service.raw';
import { rootCatalogue } from './arbiter.catalogue';
import { componentByKey, issueToken, type TokenRoutesOptions } from './arbiter.token.issue';
import type { ArbiterState } from './arbiter.state';
import type { Component } from './arbiter.types';

export type { TokenRoutesOptions } from './arbiter.token.issue';

/**
 * `POST /token` here goes through Express; the arbiter's server answers it on bare node:http
 * first (arbiter.token.handler.ts), with the same logic (arbiter.token.issue.ts).
 *
 * @example app.use(tokenRoutes(state, { tokenTtlMs: 3600_000 }));
 */
export function tokenRoutes(state: ArbiterState, options: TokenRoutesOptions = {}): Router {
  const router = Router();

  router.post('/token', jsonBody({ limit: 16 * 1024 }), async (req, res) => {
    res.type('text/plain').send(await issueToken(state, presentedKey(req), req.body, options));
  });

  router.get('/cat', (req, res) => {
    caller(state, req);
    res.json(rootCatalogue(state.db.list()));
  });

  router.get('/generations', (req, res) => {
    const component = caller(state, req);
    if (component.type !== 'store' && component.type !== 'service') throw new DataboxError('forbidden', 'only stores and services follow generations', { status: 403 });
    res.json({ generations: state.db.generations() });
  });
  return router;
}

/** The registered component whose key the request presents; 401 otherwise. */
export function caller(state: ArbiterState, req: Request): Component {
  return componentByKey(state, presentedKey(req));
}
