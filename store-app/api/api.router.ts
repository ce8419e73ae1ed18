/**
 * Binds the route table to Express (thin): path syntax, body parsing, auth helpers, replies.
 * Errors go to the store's error handler.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { DataboxError } from '../../core/errors';
import type { AppStoreContext } from '../services/app-store.context';
import { appsRoutes } from './apps.routes';
import { metaRoutes } from './meta.routes';
import { publishRoutes } from './publish.routes';
import type { ApiCall, ApiRoute } from './route.types';

/** Every API route, in matching order (fixed paths before `{version}`). */
export function apiRoutes(context: AppStoreContext): ApiRoute[] {
  const routes: ApiRoute[] = [];
  routes.push(...metaRoutes(context, () => routes), ...appsRoutes(context), ...publishRoutes(context));
  return routes;
}

/**
 * @example
 * app.use(apiRouter(context));
 */
export function apiRouter(context: AppStoreContext): express.Router {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: context.config.maxBundleBytes });
  const json = express.json({ limit: '64kb', strict: true });
  for (const route of apiRoutes(context)) {
    const expressPath = route.path.replace(/\{([a-z]+)\}/g, ':$1');
    const parse = route.body?.contentType === 'application/gzip' ? raw : json;
    router[route.method](expressPath, parse, (req: Request, res: Response, next: NextFunction) => {
      route.handle(apiCall(context, req)).then((reply) => {
        res.status(reply.status ?? 200);
        if ('json' in reply) res.json(reply.json);
        else res.set(reply.headers).send(reply.bytes);
      }, next);
    });
  }
  return router;
}

function apiCall(context: AppStoreContext, req: Request): ApiCall {
  let login: Promise<string> | undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.params)) if (typeof value === 'string') params[key] = value;
  const loginOnce = () => (login ??= context.auth.login(req.headers.authorization));
  return {
    params,
    query: { ...req.query },
    header: (name) => req.get(name),
    body: req.body,
    login: loginOnce,
    optionalLogin: async () => (req.headers.authorization ? loginOnce() : undefined),
  };
}

/** Turns Express' own errors (body too large, bad JSON) into DataboxErrors. */
export function expressError(error: unknown, maxBundleBytes: number): DataboxError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  if (error.type === 'entity.too.large') {
    return new DataboxError('bundle-too-large', `the request body is larger than the limit of ${maxBundleBytes} bytes`, {
      status: 413, hint: 'A bundle holds only the flow and its few small files; remove anything else and rebuild it',
    });
  }
  if (error.type === 'entity.parse.failed') return new DataboxError('bad-json', 'the request body is not valid JSON', { status: 400 });
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') return new DataboxError('bad-request', 'the body encoding is not supported', { status: 415 });
  return undefined;
}
