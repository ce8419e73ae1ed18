/**
 * A workspace answers only the studio's proxy: every request and every WebSocket upgrade must
 * carry this workspace's secret, which the proxy adds after it has checked who is signed in.
 * Anything else on the machine (another workspace, a flow's code in one) that finds the port
 * gets a 403 and nothing more.
 *
 * @example
 * app.use(gate.http); gate.guardUpgrades(server, ['/workspace/comms', '/workspace/preview/ws']);
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';

export const SECRET_HEADER = 'x-databox-workspace-secret';

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface WorkspaceGate {
  allowed(req: IncomingMessage): boolean;
  http: RequestHandler;
  /**
   * From now on every `upgrade` listener anybody adds to `server` (Node-RED's comms adds its
   * own when it starts) runs only after the gate passed, and only for the given paths.
   */
  guardUpgrades(server: Server, paths: readonly string[]): void;
}

export function workspaceGate(secret: string): WorkspaceGate {
  const expected = Buffer.from(secret);
  const allowed = (req: IncomingMessage): boolean => {
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== 'string') return false;
    const buffer = Buffer.from(given);
    return buffer.length === expected.length && timingSafeEqual(buffer, expected);
  };
  return {
    allowed,
    http: (req, res, next) => {
      if (allowed(req)) return next();
      res.status(403).json({ error: { code: 'workspace-proxy-only', message: 'this workspace answers only the studio', hint: 'Open the studio and sign in: /workspace/ there is your editor.' } });
    },
    guardUpgrades(server, paths) {
      const listeners: UpgradeListener[] = [];
      const original = server.on.bind(server);
      server.on = ((event: string, listener: (...args: unknown[]) => void) => {
        if (event === 'upgrade') {
          listeners.push(listener as UpgradeListener);
          return server;
        }
        return original(event, listener);
      }) as Server['on'];
      original('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        const pathname = new URL(req.url ?? '/', 'http://workspace').pathname;
        if (!allowed(req)) {
          socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        if (!paths.includes(pathname)) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        for (const listener of listeners) listener(req, socket, head);
      });
    },
  };
}
