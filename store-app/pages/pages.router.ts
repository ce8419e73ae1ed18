/** The server-rendered pages (thin): load through the repository, render with the pure pages. */
import express, { type NextFunction, type Request, type Response } from 'express';
import { DataboxError } from '../../core/errors';
import { appView, isPublic } from '../api/app.views';
import { appName, searchQuery, versionParam } from '../api/request.parse';
import { diffPermissions } from '../../core/manifest/manifest.diff';
import type { AppStoreContext } from '../services/app-store.context';
import { searchResult } from '../storage/record.mapping';
import { browsePage } from './browse.page';
import { detailPage, diffPage } from './detail.page';

/**
 * @example
 * app.use(pagesRouter(context));
 */
export function pagesRouter(context: AppStoreContext): express.Router {
  const router = express.Router();
  const page = (render: (req: Request) => Promise<string>) => (req: Request, res: Response, next: NextFunction) => {
    render(req).then((body) => res.type('html').send(body), next);
  };
  router.get('/', page(async (req) => {
    const query = searchQuery({ ...req.query });
    return browsePage(query, searchResult(await context.repo.searchPage(query)));
  }));
  router.get('/apps/:name', page(async (req) => {
    const name = appName(req.params.name);
    const app = await context.repo.getApp(name);
    const view = app && appView(app, await context.repo.listVersions(name), await context.repo.keyHistory(name));
    if (!view) throw new DataboxError('not-found', `there is no app "${name}"`, { status: 404 });
    return detailPage(view);
  }));
  router.get('/apps/:name/diff', page(async (req) => {
    const name = appName(req.params.name);
    const from = versionParam(req.query.from, 'from');
    const to = versionParam(req.query.to, 'to');
    const [a, b] = await Promise.all([context.repo.getVersion(name, from), context.repo.getVersion(name, to)]);
    if (!a || !b || !isPublic(a) || !isPublic(b)) throw new DataboxError('not-found', `${name} has no public version ${!a || !isPublic(a) ? from : to}`, { status: 404 });
    return diffPage(name, from, to, diffPermissions(a.manifest, b.manifest));
  }));
  return router;
}
