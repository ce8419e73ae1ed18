/**
 * The small part of the API Node-RED hands a plugin's runtime file (`module.exports =
 * function (RED) {...}`, the same object nodes get) that the Databox plugins use, typed so
 * they need no `any`: the admin HTTP app (the editor's own Express app, under httpAdminRoot,
 * with Node-RED's JSON body parser already in front), its permission check, and settings.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';

export interface PluginAPI {
  plugins: {
    registerPlugin(id: string, definition: { type?: string; [key: string]: unknown }): void;
  };
  httpAdmin: {
    post(path: string, ...handlers: RequestHandler[]): unknown;
    use(path: string, handler: ErrorRequestHandler): unknown;
  };
  auth: {
    /** 401/403 unless the editor's user may, e.g. `flows.read`; passes everyone without adminAuth. */
    needsPermission(permission: string): RequestHandler;
  };
  /** Node-RED's settings (`userDir`, `apiMaxLength`, ...). */
  settings: { readonly [key: string]: unknown };
  log: {
    warn(message: unknown): void;
    error(message: unknown): void;
  };
}
