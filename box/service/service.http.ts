/**
 * HTTP plumbing the box's services (arbiter, audit log, export service, datastore) share: one
 * way to make their server (HTTP, or HTTPS when given a certificate), listening on loopback by
 * default, closing cleanly, and JSON errors that never leak a stack.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import type { NextFunction, Request, Response } from 'express';
import { DataboxError } from '../../core/errors';
import { httpError, isInternal, notFound } from '../../core/http.errors';

/** A service's certificate and private key, PEM (as `ensureBoxPki` writes them: certs/<name>/cert.pem, key.pem). */
export interface ServiceTls {
  cert: string;
  key: string;
}

export interface ServiceServerOptions {
  /** Serve HTTPS (and WSS) with this certificate; plain HTTP without it. */
  tls?: ServiceTls;
  keepAliveTimeout?: number;
}

export interface RunningService {
  server: Server;
  /** e.g. `http://127.0.0.1:43121`, or `https://...` with TLS */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The server of a box service: HTTPS with `tls`, HTTP without. WebSocket upgrades attach to it
 * either way (they are then WSS).
 *
 * @example
 * const server = createServiceServer(handler, { tls: { cert, key } });
 */
export function createServiceServer(handler: RequestListener, options: ServiceServerOptions = {}): Server {
  const base = options.keepAliveTimeout === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeout };
  if (!options.tls) return createHttpServer(base, handler);
  try {
    return createHttpsServer({ ...base, cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, handler);
  } catch (error) {
    throw new DataboxError('tls-invalid', 'the service\'s TLS certificate and key cannot be used together', {
      status: 500, hint: 'Give the PEM certificate and its own private key, as the box PKI writes them (certs/<name>/cert.pem and key.pem).', cause: error,
    });
  }
}

/**
 * Listens (port 0: the OS picks one) and resolves once bound. A handler (an Express app is one) gets
 * its server here (HTTPS with `options.tls`); a server made with `createServiceServer` is used
 * as it is.
 *
 * @example
 * const running = await listen(app, 0, '127.0.0.1', { tls }); console.log(running.url); // https://127.0.0.1:43121
 */
export function listen(app: RequestListener | Server, port: number, host = '127.0.0.1', options: { tls?: ServiceTls } = {}): Promise<RunningService> {
  if (typeof app !== 'function' && options.tls) {
    throw new DataboxError('tls-invalid', 'a server that is already made cannot be given a certificate when it listens', { status: 500, hint: 'Make it with createServiceServer(handler, { tls }).' });
  }
  const server: Server = typeof app === 'function' ? createServiceServer(app, options) : app;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        server, port: address.port, url: serviceUrl(server, host, address.port),
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

/** `https://` for a TLS server, `http://` otherwise; IPv6 hosts in brackets. */
function serviceUrl(server: Server, host: string, port: number): string {
  return `${server instanceof TlsServer ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
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
