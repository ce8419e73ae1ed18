/**
 * HTTP plumbing the box's control services (arbiter, audit log, export service) share: JSON
 * errors that never leak a stack, listening on loopback by default, and closing cleanly.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import { httpError, isInternal, notFound } from '../../core/http.errors';

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

/** The error handler every control service ends with: the one error shape (core/http.errors), never a stack. */
export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const known = httpError(error);
  if (isInternal(known)) console.error(`[internal] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  if (!res.headersSent) res.status(known.status).json(known.toJSON());
}

/** The handler for routes that do not exist. */
export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json(notFound(req.method, req.path, 'See docs/decisions/0003-box-protocols.md for the endpoints.').toJSON());
}
