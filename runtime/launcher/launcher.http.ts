/**
 * The app's HTTP surface, owned by the launcher (Node-RED serves nothing): `GET /health`
 * (200 only while the flow runs), the page under `/ui`, `/` -> `ui/`, JSON 404 elsewhere.
 *
 * @example
 * const app = launcherHttpApp({ title: 'host-load', mode: 'preview', version: '0.1.0', flows: () => 'running' });
 */
import express, { type Express } from 'express';
import { notFound } from '../../core/http.errors';
import { uiBus } from '../../core/ui-bus';
import type { DataboxMode } from '../databox-settings';
import { uiRouter } from '../ui/ui.routes';

export type FlowsState = 'starting' | 'running' | 'stopping' | 'failed';

export interface HttpAppInput {
  title: string;
  mode: DataboxMode;
  version: string;
  flows: () => FlowsState;
}

export function launcherHttpApp(input: HttpAppInput): Express {
  const since = Date.now();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    const flows = input.flows();
    res.status(flows === 'running' ? 200 : 503).set('Cache-Control', 'no-store').json({
      status: flows === 'running' ? 'ok' : flows, mode: input.mode, version: input.version,
      uptimeMs: Date.now() - since, widgets: uiBus().snapshot().length,
    });
  });
  app.use('/ui', uiRouter({ title: input.title, mode: input.mode }));
  app.get('/', (_req, res) => { res.redirect(302, 'ui/'); });
  app.use((req, res) => { res.status(404).json(notFound(req.method, req.path, 'The app page is at /ui/.').toJSON()); });
  return app;
}
