/** Health and the OpenAPI document. */
import type { AppStoreContext } from '../services/app-store.context';
import { openApiDocument } from './openapi';
import type { ApiRoute } from './route.types';

export const APP_STORE_API_VERSION = '1.0.0';

export function metaRoutes(context: AppStoreContext, allRoutes: () => readonly ApiRoute[]): ApiRoute[] {
  return [
    {
      method: 'get', path: '/api/health', summary: 'Is the store up (and which storage it uses)', auth: 'none',
      responses: { 200: '{ok: true, storage, mode}' },
      handle: async () => ({ json: { ok: true, storage: context.repo.kind, mode: context.config.mode } }),
    },
    {
      method: 'get', path: '/api/openapi.json', summary: 'This document', auth: 'none',
      responses: { 200: 'the OpenAPI 3 document' },
      handle: async () => ({ json: openApiDocument(allRoutes(), APP_STORE_API_VERSION) }),
    },
    {
      method: 'get', path: '/api/me', summary: 'Who the token belongs to, and whether they moderate', auth: 'required',
      responses: { 200: '{login, moderator}', 401: 'no or bad token' },
      handle: async (call) => {
        const login = await call.login();
        return { json: { login, moderator: context.config.moderators.includes(login) } };
      },
    },
  ];
}
