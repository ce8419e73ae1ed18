/**
 * Binds the route table to Express (thin): path syntax, body parsing, auth helpers, replies.
 * Errors go to the store's error handler.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { bundleTooLarge } from '../../core/bundle/bundle.errors';
import { httpError } from '../../core/http.errors';
import { jsonBody } from '../../box/service/service.raw';
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
  const rawBody = express.raw({ type: () => true, limit: context.config.maxBundleBytes });
  // A body over the limit on a bundle route is a bundle too large, as unpacking says it.
  const raw = (req: Request, res: Response, next: NextFunction): void => rawBody(req, res, (error?: unknown) => {
    next(error !== undefined && httpError(error).code === 'body-too-large'
      ? bundleTooLarge(`the upload is larger than the limit of ${context.config.maxBundleBytes} bytes`) : error);
  });
  const json = jsonBody({ limit: 64 * 1024 });
  for (const route of apiRoutes(context)) {
    const expressPath = route.path.replace(/\{([a-z]+)\}/g, ':$1');
    const parse = route.body?.contentType === 'application/gzip' ? raw : json;
    router[route.method](expressPath, parse, (req: Request, res: Response, next: NextFunction) => {
      route.handle(apiCall(context, req)).then((reply) => {
        res.status(reply.status ?? 200);
        if ('json' in reply) res.json(reply.json);
        else if ('jsonText' in reply) res.type('json').send(reply.jsonText);
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
