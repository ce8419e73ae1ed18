/**
 * The OpenAPI 3 document, made from the route table (pure), so it lists exactly the routes
 * the store serves.
 */
import type { ApiRoute } from './route.types';

/**
 * @example
 * openApiDocument(routes, '0.1.0').paths['/api/apps'].get.summary;
 */
export function openApiDocument(routes: readonly ApiRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const pathParams = [...route.path.matchAll(/\{([a-z]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const parameters = [
      ...pathParams,
      ...(route.query ?? []).map((q) => ({ name: q.name, in: 'query', required: q.required ?? false, description: q.description, schema: q.schema ?? { type: 'string' } })),
      ...(route.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required ?? false, description: h.description, schema: h.schema ?? { type: 'string' } })),
    ];
    const produces = route.produces ?? 'application/json';
    const responses = Object.fromEntries(Object.entries(route.responses).map(([status, description]) => [
      status,
      { description, content: Number(status) < 300 ? { [produces]: {} } : { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]));
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        summary: route.summary,
        parameters,
        ...(route.body ? { requestBody: { required: true, description: route.body.description, content: { [route.body.contentType]: {} } } } : {}),
        ...(route.auth === 'none' ? { security: [] } : route.auth === 'optional' ? { security: [{}, { bearer: [] }] } : { security: [{ bearer: [] }] }),
        responses,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Databox app store', version, description: 'Publish, sign, version, search and download Databox app bundles.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a GitHub OAuth access token, or a store API token (dbx_...)' } },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } } } },
        },
      },
    },
    security: [],
  };
}
