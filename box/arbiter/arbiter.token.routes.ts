/**
 * What components ask the arbiter (each with its own key in `X-Api-Key`):
 * - `POST /token` `{target, path, method, observe?, destination?}` -> text/plain token, when a
 *   grant covers it (else 403 naming what is missing); every mint and refusal is audited.
 * - `GET /cat` -> the root Hypercat catalogue.
 * - `GET /generations` (stores and services) -> `{generations: {name: n}}`.
 */
import express, { Router, type Request } from 'express';
import { DataboxError } from '../../core/errors';
import { presentedKey } from '../service/service.keys';
import { mintToken } from '../tokens/token.mint';
import { rootCatalogue } from './arbiter.catalogue';
import { grantCovers, readGrant } from './arbiter.grants';
import { hashKey, type ArbiterState } from './arbiter.state';
import type { Component } from './arbiter.types';

export interface TokenRoutesOptions {
  /** Token lifetime, ms (default one hour). */
  tokenTtlMs?: number;
  now?: () => number;
}

/** @example app.use(tokenRoutes(state, { tokenTtlMs: 3600_000 })); */
export function tokenRoutes(state: ArbiterState, options: TokenRoutesOptions = {}): Router {
  const router = Router();
  const now = options.now ?? Date.now;

  router.post('/token', express.json({ limit: '16kb' }), (req, res) => {
    const component = caller(state, req);
    let request;
    try {
      request = readGrant(req.body);
    } catch (error) {
      state.audit.record({ component: component.name, kind: 'token-refused', status: 400, detail: error instanceof Error ? error.message : 'invalid request' });
      throw error;
    }
    const event = { component: component.name, target: request.target, path: request.path, method: request.method, ...(request.destination ? { destination: request.destination } : {}) };
    const target = state.db.get(request.target);
    const covered = state.db.grants(component.name).some((g) => grantCovers(g, request));
    if (!covered || !target?.secret) {
      const what = `${request.method} ${request.target}${request.path}${request.observe ? ` (observe ${request.observe})` : ''}${request.destination ? ` to ${request.destination}` : ''}`;
      state.audit.record({ ...event, kind: 'token-refused', status: 403, detail: `no grant covers ${what}` });
      throw new DataboxError('token-not-granted', `component "${component.name}" has no grant for ${what}`, { status: 403, hint: 'The owner grants data sources and export destinations when installing the app.' });
    }
    const token = mintToken({ secret: target.secret, ...request, component: component.name, generation: component.generation, expiresAt: now() + (options.tokenTtlMs ?? 3_600_000) });
    state.audit.record({ ...event, kind: 'token-mint', status: 200, ...(request.observe ? { detail: `observe ${request.observe}` } : {}) });
    res.type('text/plain').send(token);
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
  const key = presentedKey(req);
  const component = key ? state.db.byKeyHash(hashKey(key)) : undefined;
  if (!component) throw new DataboxError('component-key-invalid', 'no registered component has this key', { status: 401, hint: "Send the component's arbiter key (the file /run/secrets/DATABOX_ARBITER_TOKEN) in X-Api-Key." });
  return component;
}
