/**
 * A box API route as data: the Express binding and the OpenAPI document (/api/openapi.json)
 * are made from the one table, so the document lists exactly what the box serves.
 */
import type { Request, Response } from 'express';

export interface BoxRoute {
  method: 'get' | 'post' | 'delete';
  /** Express form: `/api/apps/:name`. */
  path: string;
  summary: string;
  /** `owner`: HTTP Basic (user owner) or a session; `none`: anyone (health). */
  auth: 'owner' | 'none';
  /** What a success answers: JSON, a stream of NDJSON progress lines, or plain text lines. */
  produces?: 'application/json' | 'application/x-ndjson' | 'text/plain';
  body?: string;
  query?: { name: string; description: string }[];
  responses: Record<number, string>;
  handle(req: Request, res: Response): Promise<void> | void;
}

/** The OpenAPI 3 document of the routes. */
export function openApi(routes: readonly BoxRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([a-z]+)/g, '{$1}');
    const parameters = [
      ...[...route.path.matchAll(/:([a-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(route.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.description, schema: { type: 'string' } })),
    ];
    paths[path] = {
      ...paths[path],
      [route.method]: {
        summary: route.summary, parameters,
        ...(route.body ? { requestBody: { required: true, description: route.body, content: { 'application/json': {} } } } : {}),
        security: route.auth === 'none' ? [] : [{ basic: [] }, { session: [] }],
        responses: Object.fromEntries(Object.entries(route.responses).map(([status, description]) => [status, {
          description, content: Number(status) < 300 ? { [route.produces ?? 'application/json']: {} } : { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        }])),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Databox box', version, description: 'The personal box: install apps from app stores, run them under the arbiter, read the audit log.' },
    paths,
    components: {
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic', description: 'user owner, the owner password' },
        session: { type: 'apiKey', in: 'cookie', name: 'databox_session', description: 'a session from POST /login' },
      },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } } } },
        },
      },
    },
  };
}
