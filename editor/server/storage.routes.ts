/**
 * The studio's internal storage API, what a workspace's storage module calls (on its own
 * listener, never the public one): the bearer token says whose workspace it is, and a
 * workspace reads and writes only that developer's documents. Flows are checked with the
 * builder's one flows parser before anything is stored; each save is a new version.
 *
 * @example
 * internal.use('/internal/storage', storageRoutes({ db, ownerOf: manager.tokenOwner }));
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { parseFlows } from '../../builder/compile/flows.parse';
import { DataboxError } from '../../core/errors';
import { MAX_JSON_DEPTH, valueDepth } from '../../core/json/json.limits';
import type { StudioDb, WorkspaceDoc } from '../db/studio.db';

/** The largest flows (or other document) a workspace may store. */
export const MAX_DOC_BYTES = 5 * 1024 * 1024;
const DOCS: ReadonlySet<string> = new Set<WorkspaceDoc>(['credentials', 'settings', 'sessions']);
const LIBRARY_TYPE = /^[a-z][a-z0-9_-]{0,31}$/;
const LIBRARY_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[^\0\\]{0,512}$/;

export interface StorageRoutesOptions {
  db: StudioDb;
  ownerOf: (token: string) => string | undefined;
  /** What the next saved version of a developer's flows is (default "deploy"), e.g. "restored version 3". */
  noteFor?: (developer: string) => string | undefined;
}

type Owned = Request & { developer?: string };

export function storageRoutes(options: StorageRoutesOptions): Router {
  const { db } = options;
  const router = express.Router();
  router.use((req: Owned, _res, next) => {
    const header = req.get('authorization') ?? '';
    const developer = header.startsWith('Bearer ') ? options.ownerOf(header.slice(7)) : undefined;
    if (!developer) return next(new DataboxError('workspace-token-invalid', 'this storage token belongs to no running workspace', { status: 401 }));
    req.developer = developer;
    next();
  });
  router.use(express.json({ limit: MAX_DOC_BYTES, strict: false }));
  const owner = (req: Owned): string => req.developer ?? '';

  router.get('/flows', (req, res) => { res.json(db.flows(owner(req))); });
  router.put('/flows', (req, res) => {
    const flows = parseFlows(req.body);
    db.saveFlows(owner(req), flows, options.noteFor?.(owner(req)) ?? 'deploy');
    res.status(204).end();
  });
  router.get('/docs/:kind', (req, res, next) => {
    if (!DOCS.has(req.params.kind ?? '')) return next(unknownDoc(req.params.kind));
    res.json(db.doc(owner(req), req.params.kind as WorkspaceDoc));
  });
  router.put('/docs/:kind', (req, res, next) => {
    if (!DOCS.has(req.params.kind ?? '')) return next(unknownDoc(req.params.kind));
    checkDoc(req.body, req.params.kind ?? '');
    db.saveDoc(owner(req), req.params.kind as WorkspaceDoc, req.body);
    res.status(204).end();
  });
  router.get('/library/:type', (req, res) => {
    const { type, path } = libraryKey(req);
    const entry = db.libraryEntry(owner(req), type, path);
    if (entry) {
      res.json({ entry: entry.body });
      return;
    }
    const listing = db.libraryListing(owner(req), type, path);
    res.json({ entry: listing.length > 0 || path === '' ? listing : null });
  });
  router.put('/library/:type', (req, res) => {
    const { type, path } = libraryKey(req);
    const body = req.body as { meta?: unknown; body?: unknown };
    if (typeof body?.body !== 'string') throw new DataboxError('library-entry-invalid', 'a library entry needs a string body', { status: 400 });
    checkDoc(body.meta ?? {}, 'library entry');
    db.saveLibraryEntry(owner(req), type, path, body.meta ?? {}, body.body);
    res.status(204).end();
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const failure = storageError(error);
    res.status(failure.status).json(failure.toJSON());
  });
  return router;
}

function libraryKey(req: Request): { type: string; path: string } {
  const type = String(req.params.type ?? '');
  const path = typeof req.query.path === 'string' ? req.query.path.replace(/^\/+/, '') : '';
  if (!LIBRARY_TYPE.test(type) || !LIBRARY_PATH.test(path)) throw new DataboxError('library-path-invalid', `no library entry can be at ${type}/${path}`, { status: 400 });
  return { type, path };
}

function checkDoc(value: unknown, what: string): void {
  if (valueDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new DataboxError('document-too-deep', `the ${what} nests more than ${MAX_JSON_DEPTH} levels deep`, { status: 400 });
}

function unknownDoc(kind: string | undefined): DataboxError {
  return new DataboxError('document-unknown', `a workspace keeps no "${kind ?? ''}" document`, { status: 404 });
}

function storageError(error: unknown): DataboxError {
  if (error instanceof DataboxError) return error.status >= 400 && error.status < 600 && error.status !== 422 ? error : new DataboxError(error.code, error.message, { status: 400, ...(error.hint ? { hint: error.hint } : {}) });
  const status = (error as { status?: number }).status;
  if (status === 413) return new DataboxError('flows-too-large', `the flows are larger than ${MAX_DOC_BYTES / 1024 / 1024} MB`, { status: 413, hint: 'Split the flows into smaller tabs, or remove large inline data (a CSV pasted into a node).' });
  if (status === 400) return new DataboxError('body-malformed', 'the body is not JSON', { status: 400 });
  return new DataboxError('studio-storage-failed', 'the studio could not store that', { status: 500, cause: error });
}
