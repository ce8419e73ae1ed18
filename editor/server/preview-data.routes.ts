/**
 * A developer's own readings for preview: a CSV uploaded for one data-source type (a form on
 * their page, no script) replaces that type's simulation in their workspace, which restarts
 * with it. The CSV is checked whole with the one parser (core/catalogue/replay.csv.ts): a file
 * with a bad row is refused, naming the rows, and nothing is stored.
 *
 * @example
 * app.use('/studio/preview-data', auth.requireDeveloper, sameSite, previewDataRoutes({ db, auth, manager, page }));
 */
import express, { type Request, type Response, type Router } from 'express';
import multer from 'multer';
import { findDatasourceType } from '../../core/catalogue/catalogue';
import { parseReplayCsv, REPLAY_LIMITS } from '../../core/catalogue/replay.csv';
import { DataboxError, isDataboxError } from '../../core/errors';
import type { StudioAuth } from '../auth/studio.auth';
import type { StudioDb } from '../db/studio.db';
import type { WorkspaceManager } from '../workspaces/workspace.manager';

export interface PreviewDataOptions {
  db: StudioDb;
  auth: StudioAuth;
  manager: WorkspaceManager;
  /** Answers with the developer's page and a message (the form lives there). */
  page(req: Request, res: Response, status: number, message: { kind: 'ok' | 'error'; text: string }): Promise<void>;
}

export function previewDataRoutes(options: PreviewDataOptions): Router {
  const router = express.Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: REPLAY_LIMITS.maxBytes, files: 1, fields: 4 } }).single('csv');
  const developerOf = (req: Request): string => {
    const id = options.auth.signedIn(req)?.developer.id;
    if (!id) throw new DataboxError('signin-required', 'sign in to the studio first', { status: 401 });
    return id;
  };
  const typeOf = (value: unknown) => {
    const type = typeof value === 'string' ? findDatasourceType(value) : undefined;
    if (!type || type.actuator) throw new DataboxError('replay-type-unknown', `"${String(value ?? '').slice(0, 40)}" is not a data-source type`, { status: 400, hint: 'Choose one of the listed data sources.' });
    return type;
  };

  router.post('/', (req, res, next) => {
    upload(req, res, (uploadError: unknown) => {
      try {
        if (uploadError) {
          const code = (uploadError as { code?: string }).code;
          throw code === 'LIMIT_FILE_SIZE'
            ? new DataboxError('replay-too-large', `the CSV is larger than ${REPLAY_LIMITS.maxBytes / 1024} KB`, { status: 413 })
            : new DataboxError('replay-upload-invalid', 'the upload could not be read', { status: 400, hint: 'Send the form with one CSV file.' });
        }
        const developer = developerOf(req);
        const type = typeOf((req.body as { type?: unknown } | undefined)?.type);
        if (!req.file) throw new DataboxError('replay-file-missing', 'choose a CSV file to upload', { status: 400 });
        const readings = parseReplayCsv(req.file.buffer.toString('utf8'), type);
        options.db.saveReplay(developer, type.id, readings);
        // The workspace starts again on the next request, with the readings in its preview.
        options.manager.stop(developer)
          .then(() => options.page(req, res, 200, { kind: 'ok', text: `Preview now replays your ${readings.length} ${type.id} readings (a ${type.id} datasource shows them, round and round).` }))
          .catch(next);
      } catch (error) {
        if (!isDataboxError(error) || error.status >= 500) return next(error);
        options.page(req, res, error.status, { kind: 'error', text: `${error.message}. Nothing was stored.${error.hint ? ` ${error.hint}` : ''}` }).catch(next);
      }
    });
  });
  router.post('/:type/remove', (req, res, next) => {
    try {
      const developer = developerOf(req);
      const type = typeOf(req.params.type);
      options.db.dropReplay(developer, type.id);
      options.manager.stop(developer).then(() => options.page(req, res, 200, { kind: 'ok', text: `Preview simulates ${type.id} again.` })).catch(next);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
