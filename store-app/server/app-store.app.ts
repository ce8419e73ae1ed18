/**
 * The store's Express application: security headers, the API, the pages, and one error
 * handler that answers DataboxError JSON (HTML for pages) and never a stack trace.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { httpError, isInternal, notFound } from '../../core/http.errors';
import { apiRouter } from '../api/api.router';
import { notFoundPage } from '../pages/detail.page';
import { pagesRouter } from '../pages/pages.router';
import type { AppStoreContext } from '../services/app-store.context';

/**
 * @example
 * const app = appStoreApp(context); app.listen(0, '127.0.0.1');
 */
export function appStoreApp(context: AppStoreContext, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    });
    next();
  });
  app.use(apiRouter(context));
  app.use(pagesRouter(context));
  app.use((req, _res, next) => next(notFound(req.method, req.path, 'See /api/openapi.json for the API, or / to browse')));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const answer = httpError(error, 'the app store');
    if (isInternal(answer)) log(`app store: ${req.method} ${req.path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    if (answer.status === 401) res.set('WWW-Authenticate', 'Bearer realm="databox-store"');
    if (req.path.startsWith('/api/')) res.status(answer.status).json(answer.toJSON());
    else res.status(answer.status).type('html').send(notFoundPage(answer.message));
  });
  return app;
}
