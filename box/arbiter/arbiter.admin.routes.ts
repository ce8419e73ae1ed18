/**
 * The arbiter's management API (container manager only, box admin key):
 * - `POST /admin/components` `{name, type, endpoint?, key?}` -> 201 `{name, type, key, secret?, generation}`
 * - `GET /admin/components` -> `{components: [{name, type, generation, endpoint?, grants}]}`
 * - `DELETE /admin/components/:name` -> 204 (its tokens fail at once)
 * - `POST /admin/components/:name/grants` `{target, path, method, observe?, destination?, privacy?}` -> 201
 *   (200 when held already; a route held with another privacy is replaced and its tokens revoked)
 * - `DELETE /admin/components/:name/grants` (same body) -> 200, and the component's tokens are revoked
 * - `POST /admin/components/:name/revoke` -> `{generation}`
 */
import { Router } from 'express';
import { DataboxError } from '../../core/errors';
import { optionalString, requireRecord, requireString } from '../service/service.body';
import { requireKey } from '../service/service.keys';
import { jsonBody } from '../service/service.raw';
import { readGrant } from './arbiter.grants';
import { grant, register, requireComponent, revokeTokens, unregister, type ArbiterState } from './arbiter.state';
import { COMPONENT_TYPES } from './arbiter.types';

/** @example app.use('/admin', adminRoutes(state, [adminKey])); */
export function adminRoutes(state: ArbiterState, adminKeys: readonly string[]): Router {
  const router = Router();
  router.use((req, _res, next) => { requireKey(req, adminKeys, 'the box admin key'); next(); });
  router.use(jsonBody({ limit: 64 * 1024 }));

  router.post('/components', async (req, res) => {
    const body = requireRecord(req.body, 'the request body');
    const type = COMPONENT_TYPES.find((t) => t === body.type);
    if (!type) throw new DataboxError('component-type-invalid', `"type" must be one of ${COMPONENT_TYPES.join(', ')}`, { status: 400 });
    const endpoint = optionalString(body, 'endpoint', { pattern: /^https?:\/\/[^\s/]+(:\d+)?\/?$/, max: 300 });
    const key = optionalString(body, 'key', { max: 256 });
    res.status(201).json(await register(state, { name: requireString(body, 'name', { max: 63 }), type, ...(endpoint ? { endpoint } : {}), ...(key ? { key } : {}) }));
  });
  router.get('/components', (_req, res) => {
    res.json({ components: state.db.list().map((c) => ({ name: c.name, type: c.type, generation: c.generation, ...(c.endpoint ? { endpoint: c.endpoint } : {}), grants: state.db.grants(c.name) })) });
  });
  router.delete('/components/:name', async (req, res) => {
    await unregister(state, req.params.name ?? '');
    res.status(204).end();
  });
  router.post('/components/:name/grants', async (req, res) => {
    const added = await grant(state, req.params.name ?? '', readGrant(req.body, { withPrivacy: true }));
    res.status(added ? 201 : 200).json({ added });
  });
  router.delete('/components/:name/grants', async (req, res) => {
    const name = req.params.name ?? '';
    requireComponent(state, name);
    const route = readGrant(req.body, { withPrivacy: true });
    if (!state.db.removeGrant(name, route)) throw new DataboxError('grant-unknown', `component "${name}" holds no such grant`, { status: 404 });
    const generation = await revokeTokens(state, name, `route ${route.method} ${route.target}${route.path} revoked`);
    res.json({ removed: true, generation });
  });
  router.post('/components/:name/revoke', async (req, res) => {
    const name = req.params.name ?? '';
    requireComponent(state, name);
    res.json({ generation: await revokeTokens(state, name, 'all tokens revoked') });
  });
  return router;
}
