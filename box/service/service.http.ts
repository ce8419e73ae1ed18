/**
 * HTTP plumbing the box's control services (arbiter, audit log, export service) share: JSON
 * errors that never leak a stack, listening on loopback by default, and closing cleanly.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import { DataboxError, isDataboxError } from '../../core/errors';

export interface RunningService {
  server: Server;
  /** e.g. `http://127.0.0.1:43121` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Listens (port 0: the OS picks one) and resolves once bound.
 *
 * @example
 * const running = await listen(app, 0); console.log(running.url);
 */
export function listen(app: Express | Server, port: number, host = '127.0.0.1'): Promise<RunningService> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      resolve({
        server, port: address.port, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

/** The error handler every control service ends with: a DataboxError body, never a stack. */
export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const known = toDataboxError(error);
  if (known.status >= 500) console.error(`[${known.code}] ${error instanceof Error ? error.message : String(error)}`);
  if (!res.headersSent) res.status(known.status).json(known.toJSON());
}

/** The handler for routes that do not exist. */
export function notFound(req: Request, res: Response): void {
  const error = new DataboxError('not-found', `no such endpoint: ${req.method} ${req.path}`, { status: 404, hint: 'See docs/decisions/0003-box-protocols.md for the endpoints.' });
  res.status(404).json(error.toJSON());
}

/**
 * Maps body-parser and unknown errors to DataboxErrors.
 *
 * @example
 * toDataboxError(Object.assign(new Error('x'), { type: 'entity.too.large' })).status // 413
 */
export function toDataboxError(error: unknown): DataboxError {
  if (isDataboxError(error)) return error;
  const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
  if (type === 'entity.parse.failed') return new DataboxError('body-malformed', 'the request body is not valid JSON', { status: 400, hint: 'Send a JSON object with Content-Type: application/json.' });
  if (type === 'entity.too.large') return new DataboxError('body-too-large', 'the request body is too large', { status: 413, hint: 'Send less data per request.' });
  if (type.startsWith('encoding.') || type === 'charset.unsupported') return new DataboxError('body-encoding', 'the request body encoding is not supported', { status: 415 });
  return new DataboxError('internal', 'the service failed to handle the request', { status: 500, cause: error });
}
