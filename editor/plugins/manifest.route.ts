/**
 * `POST <httpAdminRoot>databox/manifest` on Node-RED's admin app: the Databox sidebar's
 * manifest report (manifest.report.ts) for `{flows, tab}`, for editor users who may read
 * flows. A thin shell: the third-party node modules installed in the workspace
 * (`<userDir>/node_modules`) are what a build would use.
 *
 * The sidebar sends its body as `application/vnd.databox.manifest-request+json`, which this
 * route reads itself (at most MAX_REPORT_BYTES): Node-RED's own JSON parser runs in front of
 * every admin route, in an app whose errors never reach a plugin's routes, so a body it
 * refused would get Express's HTML error page. This way a body that is not JSON, or too
 * large, is answered with the Databox error shape (400, 413). Plain `application/json`
 * works too, parsed by Node-RED (limit `apiMaxLength`, 5 MB by default).
 *
 * @example
 * mountManifestRoute(RED); // from the plugin's runtime file
 */
import path from 'node:path';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { scanNodeModules } from '../../builder/modules';
import type { NodeModuleRef } from '../../builder/modules/modules.types';
import { DataboxError } from '../../core/errors';
import { httpError, isInternal } from '../../core/http.errors';
import { manifestReport } from './manifest.report';
import type { PluginAPI } from './plugin.red.types';

export const MANIFEST_ROUTE = '/databox/manifest';
export const MANIFEST_REQUEST_TYPE = 'application/vnd.databox.manifest-request+json';
/** A 300-node flow is about 300 KB. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

export function mountManifestRoute(RED: PluginAPI, modules: () => Promise<ReadonlyMap<string, NodeModuleRef>> = () => workspaceModules(RED)): void {
  const answer: RequestHandler = (req, res, next) => {
    if (!req.is([MANIFEST_REQUEST_TYPE, 'application/json'])) {
      const error = new DataboxError('report-body-type', 'the body must be JSON', { status: 415, hint: `Send it with Content-Type: ${MANIFEST_REQUEST_TYPE}.` });
      res.status(error.status).json(error.toJSON());
      return;
    }
    modules().then((installed) => {
      const result = manifestReport(req.body, { modules: installed });
      res.status(result.status).json(result.body);
    }).catch(next);
  };
  const failed: ErrorRequestHandler = (error, _req, res, _next) => {
    const refusal = httpError(error, 'the Databox sidebar');
    if (isInternal(refusal)) RED.log.error(`databox sidebar: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    res.status(refusal.status).json(refusal.toJSON());
  };
  const body = express.json({ type: MANIFEST_REQUEST_TYPE, limit: MAX_REPORT_BYTES });
  RED.httpAdmin.post(MANIFEST_ROUTE, RED.auth.needsPermission('flows.read'), body, answer);
  // Errors of this path only: the body parser's and the route's.
  RED.httpAdmin.use(MANIFEST_ROUTE, failed);
}

function workspaceModules(RED: PluginAPI): Promise<ReadonlyMap<string, NodeModuleRef>> {
  const userDir = RED.settings.userDir;
  return typeof userDir === 'string' ? scanNodeModules([path.join(userDir, 'node_modules')]) : Promise.resolve(new Map());
}
